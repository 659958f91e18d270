// Configuration of the OpenAI-compatible endpoint used by the `llm` strategy: from code, or from
// the environment (`FIELDWORK_LLM_*`, DESIGN.md §7). Unset = no model; the platform works
// without one.

import { LlmError } from './errors';
import type { LlmPrice } from './pricing';

/** How the reply is constrained to JSON; servers that reject one mode fall back to the next. */
export type ResponseMode = 'json_schema' | 'json_object' | 'none';

export interface LlmConfig {
  /** `https://api.openai.com/v1`, `http://localhost:11434` (Ollama), `http://gpu:8000/v1` (vLLM) … */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; optional for local servers. */
  apiKey?: string;
  model: string;
  /** Per HTTP request, headers and body included. Default 60 000. */
  timeoutMs?: number;
  /** Retries after 429, 5xx and network errors (not after timeouts). Default 3. */
  maxRetries?: number;
  /** Exponential backoff with jitter: base delay and cap. Default 500 ms, 20 s. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails with `retryAfterMs`. Default 60 000. */
  maxRetryAfterMs?: number;
  /** First response-format mode to try. Default `json_schema`. */
  responseMode?: ResponseMode;
  /** Sampling temperature; `null` = do not send (for models that only accept their default). Default 0. */
  temperature?: number | null;
  /**
   * Reply tokens asked for. Unset: what the columns need (about 150 per column), at most 4096.
   * Set: exactly this (reasoning models need room to think).
   */
  maxOutputTokens?: number;
  /** Name of the reply-length parameter. Default `max_tokens`; newer OpenAI models want `max_completion_tokens` (adapted automatically on a 400). */
  maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
  /** Extra request headers (OpenRouter's `HTTP-Referer`, Azure's `api-key` …). */
  headers?: Readonly<Record<string, string>>;
  /** Price of this model; wins over `prices` and the built-in table. */
  price?: LlmPrice;
  /** Per-model price table, merged over the built-in one. */
  prices?: Readonly<Record<string, LlmPrice>>;
  /** Largest response body read. Default 8 MiB. */
  maxResponseBytes?: number;
}

export type ResolvedLlmConfig = Required<Omit<LlmConfig, 'apiKey' | 'price' | 'prices' | 'headers'>> &
  Pick<LlmConfig, 'apiKey' | 'price' | 'prices' | 'headers'> & {
    endpoint: string;
    /** `maxOutputTokens` was configured: requests ask for exactly that. */
    maxOutputTokensFixed: boolean;
  };

export const LLM_DEFAULTS = {
  timeoutMs: 60_000,
  maxRetries: 3,
  backoffBaseMs: 500,
  backoffMaxMs: 20_000,
  maxRetryAfterMs: 60_000,
  responseMode: 'json_schema' as ResponseMode,
  temperature: 0 as number | null,
  maxOutputTokens: 4096,
  maxTokensParam: 'max_tokens' as 'max_tokens' | 'max_completion_tokens',
  maxResponseBytes: 8 * 1024 * 1024,
};

/**
 * `POST` target for chat completions. Accepts the base URL with or without `/v1` and the full
 * endpoint: a bare origin gets `/v1/chat/completions` (OpenAI, Ollama, llama.cpp, vLLM all serve
 * it); any other path gets `/chat/completions` appended (`…/v1`, `…/openai/v1`, `…/v1beta/openai`).
 */
export function chatCompletionsUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new LlmError('invalid_config', `LLM base URL ${JSON.stringify(baseUrl)} is not a URL (expected e.g. http://localhost:11434/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LlmError('invalid_config', `LLM base URL ${JSON.stringify(baseUrl)} must be http or https`);
  }
  if (url.username || url.password) {
    // fetch refuses such URLs, and error messages would print the secret.
    throw new LlmError('invalid_config', 'LLM base URL must not contain credentials: put the key in FIELDWORK_LLM_API_KEY');
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/chat\/completions$/.test(path)) url.pathname = path;
  else if (path === '') url.pathname = '/v1/chat/completions';
  else url.pathname = `${path}/chat/completions`;
  return url.toString();
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new LlmError('invalid_config', `${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${String(value)}`);
  }
  return value;
}

function checkPrice(name: string, price: LlmPrice): LlmPrice {
  positive(`${name}.promptPer1K`, price.promptPer1K, 0, true);
  positive(`${name}.completionPer1K`, price.completionPer1K, 0, true);
  return price;
}

/** Fills defaults and validates; throws `LlmError('invalid_config' | 'not_configured')`. */
export function resolveLlmConfig(config: LlmConfig): ResolvedLlmConfig {
  if (!config.baseUrl?.trim() || !config.model?.trim()) {
    throw new LlmError('not_configured', 'no LLM configured: set FIELDWORK_LLM_BASE_URL and FIELDWORK_LLM_MODEL (see docs/llm.md)');
  }
  const temperature = config.temperature === undefined ? LLM_DEFAULTS.temperature : config.temperature;
  if (temperature !== null && (!Number.isFinite(temperature) || temperature < 0 || temperature > 2)) {
    throw new LlmError('invalid_config', `temperature must be between 0 and 2, got ${String(temperature)}`);
  }
  return {
    baseUrl: config.baseUrl.trim(),
    endpoint: chatCompletionsUrl(config.baseUrl),
    apiKey: config.apiKey?.trim() || undefined,
    model: config.model.trim(),
    timeoutMs: positive('timeoutMs', config.timeoutMs, LLM_DEFAULTS.timeoutMs),
    maxRetries: Math.floor(positive('maxRetries', config.maxRetries, LLM_DEFAULTS.maxRetries, true)),
    backoffBaseMs: positive('backoffBaseMs', config.backoffBaseMs, LLM_DEFAULTS.backoffBaseMs, true),
    backoffMaxMs: positive('backoffMaxMs', config.backoffMaxMs, LLM_DEFAULTS.backoffMaxMs, true),
    maxRetryAfterMs: positive('maxRetryAfterMs', config.maxRetryAfterMs, LLM_DEFAULTS.maxRetryAfterMs, true),
    responseMode: config.responseMode ?? LLM_DEFAULTS.responseMode,
    temperature,
    maxOutputTokens: Math.floor(positive('maxOutputTokens', config.maxOutputTokens, LLM_DEFAULTS.maxOutputTokens)),
    maxOutputTokensFixed: config.maxOutputTokens !== undefined,
    maxTokensParam: config.maxTokensParam ?? LLM_DEFAULTS.maxTokensParam,
    headers: config.headers,
    price: config.price ? checkPrice('price', config.price) : undefined,
    prices: config.prices,
    maxResponseBytes: positive('maxResponseBytes', config.maxResponseBytes, LLM_DEFAULTS.maxResponseBytes),
  };
}

type Env = Readonly<Record<string, string | undefined>>;

function envNumber(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new LlmError('invalid_config', `${name} must be a non-negative number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * The LLM configuration from the environment, or `null` when no model is configured (both
 * `FIELDWORK_LLM_BASE_URL` and `FIELDWORK_LLM_MODEL` are needed). Optional:
 * `FIELDWORK_LLM_API_KEY`, `FIELDWORK_LLM_TIMEOUT_MS`, `FIELDWORK_LLM_MAX_RETRIES`,
 * `FIELDWORK_LLM_PRICE_PROMPT_PER_1K`, `FIELDWORK_LLM_PRICE_COMPLETION_PER_1K`,
 * `FIELDWORK_LLM_RESPONSE_FORMAT` (`json_schema` | `json_object` | `none`).
 * Throws `LlmError('invalid_config')` on unusable values, naming the variable.
 */
export function llmConfigFromEnv(env: Env = process.env): LlmConfig | null {
  const baseUrl = env.FIELDWORK_LLM_BASE_URL?.trim();
  const model = env.FIELDWORK_LLM_MODEL?.trim();
  if (!baseUrl || !model) return null;
  chatCompletionsUrl(baseUrl);
  const config: LlmConfig = { baseUrl, model };
  const apiKey = env.FIELDWORK_LLM_API_KEY?.trim();
  if (apiKey) config.apiKey = apiKey;
  const timeoutMs = envNumber(env, 'FIELDWORK_LLM_TIMEOUT_MS');
  if (timeoutMs !== undefined) config.timeoutMs = timeoutMs;
  const maxRetries = envNumber(env, 'FIELDWORK_LLM_MAX_RETRIES');
  if (maxRetries !== undefined) config.maxRetries = maxRetries;
  const prompt = envNumber(env, 'FIELDWORK_LLM_PRICE_PROMPT_PER_1K');
  const completion = envNumber(env, 'FIELDWORK_LLM_PRICE_COMPLETION_PER_1K');
  if (prompt !== undefined || completion !== undefined) {
    config.price = { promptPer1K: prompt ?? 0, completionPer1K: completion ?? 0 };
  }
  const mode = env.FIELDWORK_LLM_RESPONSE_FORMAT?.trim();
  if (mode) {
    if (mode !== 'json_schema' && mode !== 'json_object' && mode !== 'none') {
      throw new LlmError('invalid_config', `FIELDWORK_LLM_RESPONSE_FORMAT must be json_schema, json_object or none, got ${JSON.stringify(mode)}`);
    }
    config.responseMode = mode;
  }
  return config;
}
