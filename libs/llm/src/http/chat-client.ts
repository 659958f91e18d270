// A small client for OpenAI-compatible `POST /chat/completions` (OpenAI, vLLM, Ollama, llama.cpp
// server, LM Studio, OpenRouter …) with what a worker pool needs: per-request timeout, retries of
// 429/5xx/network errors with backoff honouring Retry-After, typed errors carrying the server's
// message, token usage (estimated when the server does not report it), latency and cost.
//
// Servers differ in what they accept. A 400/422 is answered by adapting the request once per
// difference — `json_schema` → `json_object` → plain text, `max_tokens` → `max_completion_tokens`,
// dropping `temperature` — and what worked is remembered for the client's later calls.

import { type LlmConfig, type ResolvedLlmConfig, type ResponseMode, resolveLlmConfig } from '../config';
import { LlmError, type LlmErrorCode } from '../errors';
import { estimateCostUsd, priceFor } from '../pricing';
import { estimateChatTokens, estimateTokens } from '../tokens';
import { BodyTooLargeError, readBodyCapped, serverErrorMessage } from './read-body';
import { abortableSleep, backoffDelayMs, isTransientStatus, retryAfterMs } from './retry-policy';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface JsonSchemaFormat {
  /** `^[a-zA-Z0-9_-]{1,64}$` (OpenAI's rule). */
  name: string;
  schema: Readonly<Record<string, unknown>>;
  /** Default true. */
  strict?: boolean;
}

export interface ChatRequest {
  messages: readonly ChatMessage[];
  /** Structured output: sent as `json_schema` when the server takes it, else JSON mode, else plain text. */
  jsonSchema?: JsonSchemaFormat;
  /** Reply tokens this call needs; bounded by the config's `maxOutputTokens`, ignored when that is set explicitly. */
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** The server did not report usage; the counts are estimated from the text. */
  estimated: boolean;
}

export interface ChatResult {
  /** The assistant message text ('' when the model refused or said nothing). */
  content: string;
  /** OpenAI structured-output refusal text, if any. */
  refusal?: string;
  /** `stop`, `length` (reply cut at the token cap) … */
  finishReason: string | null;
  /** Model name as the server reported it (else the configured one). */
  model: string;
  usage: LlmUsage;
  /** Wall time of the call, retries and waits included. */
  latencyMs: number;
  costUsd: number;
  /** How the reply was constrained in the request that succeeded. */
  responseMode: ResponseMode;
  /** HTTP requests made (1 + retries + adaptations). */
  requests: number;
}

export interface LlmClientDeps {
  fetch?: typeof fetch;
  /** Waits between retries; injected by tests to observe delays without waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Milliseconds clock for latency and Retry-After dates. */
  now?: () => number;
}

interface RequestShape {
  responseMode: ResponseMode;
  maxTokensParam: 'max_tokens' | 'max_completion_tokens';
  sendTemperature: boolean;
}

const MAX_ADAPTATIONS = 3;
const ERROR_BODY_BYTES = 64 * 1024;
const MAX_CONTENT_CHARS = 1_000_000;
const CONTEXT_OVERFLOW = /context.{0,30}(length|window|size)|too many tokens|maximum context|prompt is too long|exceeds.{0,30}(context|tokens)/i;

/** What to change after a 400/422 with `message`, or null when no change can help. */
function adaptTo(shape: RequestShape, message: string, hasSchema: boolean): RequestShape | null {
  if (shape.maxTokensParam === 'max_tokens' && /max_completion_tokens/i.test(message)) {
    return { ...shape, maxTokensParam: 'max_completion_tokens' };
  }
  if (shape.sendTemperature && /temperature/i.test(message)) return { ...shape, sendTemperature: false };
  if (CONTEXT_OVERFLOW.test(message)) return null;
  if (!hasSchema) return null;
  if (shape.responseMode === 'json_schema') return { ...shape, responseMode: 'json_object' };
  if (shape.responseMode === 'json_object') return { ...shape, responseMode: 'none' };
  return null;
}

function codeForStatus(status: number): LlmErrorCode {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500 || status === 408) return 'server_error';
  return 'bad_request';
}

function finiteCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

function contentOf(message: unknown): { content: string; refusal?: string } {
  if (!message || typeof message !== 'object') return { content: '' };
  const record = message as Record<string, unknown>;
  let content = '';
  if (typeof record.content === 'string') content = record.content;
  else if (Array.isArray(record.content)) {
    // Content parts: [{type: 'text', text: '…'}, …]
    content = record.content
      .map((part: unknown) => (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
      .join('');
  }
  const refusal = typeof record.refusal === 'string' && record.refusal ? record.refusal.slice(0, 2000) : undefined;
  return { content: content.slice(0, MAX_CONTENT_CHARS), refusal };
}

export class LlmClient {
  readonly config: ResolvedLlmConfig;
  private shape: RequestShape;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(config: LlmConfig, deps: LlmClientDeps = {}) {
    this.config = resolveLlmConfig(config);
    this.shape = {
      responseMode: this.config.responseMode,
      maxTokensParam: this.config.maxTokensParam,
      sendTemperature: this.config.temperature !== null,
    };
    this.fetchImpl = deps.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = deps.sleep ?? abortableSleep;
    this.random = deps.random ?? Math.random;
    this.now = deps.now ?? (() => performance.now());
  }

  get model(): string {
    return this.config.model;
  }

  get endpoint(): string {
    return this.config.endpoint;
  }

  /** The response-format mode the next structured call starts with (after any learned fallback). */
  get responseMode(): ResponseMode {
    return this.shape.responseMode;
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const started = this.now();
    const hasSchema = request.jsonSchema !== undefined;
    let shape = this.shape;
    let requests = 0;
    let retries = 0;
    let adaptations = 0;

    for (;;) {
      requests += 1;
      const body = this.body(request, shape, hasSchema);
      const timeout = AbortSignal.timeout(this.config.timeoutMs);
      const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
      let response: Response;
      let text: string;
      try {
        response = await this.fetchImpl(this.config.endpoint, { method: 'POST', headers: this.headers(), body: JSON.stringify(body), signal });
        // An error body only needs its message: read its start, whatever its size.
        text = response.ok ? await readBodyCapped(response, this.config.maxResponseBytes) : await readBodyCapped(response, ERROR_BODY_BYTES, { truncate: true });
      } catch (error) {
        if (request.signal?.aborted) throw this.error('aborted', 'LLM request aborted by the caller', { attempts: requests, cause: error });
        if (timeout.aborted) {
          throw this.error('timeout', `LLM request to ${this.config.endpoint} timed out after ${this.config.timeoutMs} ms`, { attempts: requests, cause: error });
        }
        if (error instanceof BodyTooLargeError) {
          throw this.error('invalid_response', `LLM response from ${this.config.endpoint} is larger than ${error.limit} bytes`, { attempts: requests });
        }
        if (retries < this.config.maxRetries) {
          await this.wait(backoffDelayMs(retries, this.backoff()), request.signal, requests);
          retries += 1;
          continue;
        }
        const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
        throw this.error('network', `cannot reach LLM endpoint ${this.config.endpoint}: ${reason}`, { attempts: requests, cause: error });
      }

      if (response.ok) {
        this.shape = shape;
        return this.result(text, request, shape, started, requests);
      }

      const message = serverErrorMessage(text);
      const status = response.status;
      if (isTransientStatus(status)) {
        const askedMs = retryAfterMs(response.headers, Date.now());
        const code = codeForStatus(status);
        if (askedMs !== undefined && askedMs > this.config.maxRetryAfterMs) {
          throw this.error(code, `LLM endpoint answered ${status} and asks to retry after ${askedMs} ms (more than ${this.config.maxRetryAfterMs} ms): ${message || 'no message'}`, {
            status, serverMessage: message, attempts: requests, retryAfterMs: askedMs,
          });
        }
        if (retries < this.config.maxRetries) {
          const jitter = backoffDelayMs(retries, this.backoff());
          // Honour the server's wait, plus a little jitter so a pool does not return in lockstep.
          const delay = askedMs !== undefined ? askedMs + Math.round(this.random() * Math.min(this.config.backoffBaseMs, 1000) * 0.2) : jitter;
          await this.wait(delay, request.signal, requests);
          retries += 1;
          continue;
        }
        throw this.error(code, `LLM endpoint answered ${status} after ${requests} attempts: ${message || 'no message'}`, {
          status, serverMessage: message, attempts: requests, retryAfterMs: askedMs,
        });
      }

      if (status === 400 || status === 422) {
        const rejected = this.error('bad_request', `LLM endpoint rejected the request (${status}): ${message || 'no message'}`, { status, serverMessage: message, attempts: requests });
        const next = adaptations < MAX_ADAPTATIONS ? adaptTo(shape, message, hasSchema) : null;
        if (next) {
          shape = next;
          adaptations += 1;
          continue;
        }
        throw rejected;
      }

      const code = codeForStatus(status);
      const hint = code === 'not_found' ? ` (check FIELDWORK_LLM_BASE_URL and the model name ${JSON.stringify(this.config.model)})` : code === 'unauthorized' ? ' (check FIELDWORK_LLM_API_KEY)' : '';
      throw this.error(code, `LLM endpoint answered ${status}${hint}: ${message || 'no message'}`, { status, serverMessage: message, attempts: requests });
    }
  }

  private body(request: ChatRequest, shape: RequestShape, hasSchema: boolean): Record<string, unknown> {
    const maxTokens = this.config.maxOutputTokensFixed
      ? this.config.maxOutputTokens
      : Math.min(this.config.maxOutputTokens, request.maxOutputTokens ?? this.config.maxOutputTokens);
    const body: Record<string, unknown> = {
      model: this.config.model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      stream: false,
      [shape.maxTokensParam]: maxTokens,
    };
    if (shape.sendTemperature && this.config.temperature !== null) body.temperature = this.config.temperature;
    if (hasSchema && request.jsonSchema) {
      if (shape.responseMode === 'json_schema') {
        body.response_format = {
          type: 'json_schema',
          json_schema: { name: request.jsonSchema.name, strict: request.jsonSchema.strict ?? true, schema: request.jsonSchema.schema },
        };
      } else if (shape.responseMode === 'json_object') {
        body.response_format = { type: 'json_object' };
      }
    }
    return body;
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...(this.config.headers ?? {}) };
    if (this.config.apiKey) headers.authorization = `Bearer ${this.config.apiKey}`;
    return headers;
  }

  private backoff() {
    return { baseMs: this.config.backoffBaseMs, maxMs: this.config.backoffMaxMs, random: this.random };
  }

  private async wait(ms: number, signal: AbortSignal | undefined, attempts: number): Promise<void> {
    try {
      await this.sleep(ms, signal);
    } catch (error) {
      throw this.error('aborted', 'LLM request aborted by the caller while waiting to retry', { attempts, cause: error });
    }
  }

  private result(text: string, request: ChatRequest, shape: RequestShape, started: number, requests: number): ChatResult {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.error('invalid_response', `LLM endpoint ${this.config.endpoint} answered 2xx with a body that is not JSON: ${serverErrorMessage(text).slice(0, 200)}`, { attempts: requests });
    }
    const record = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
    const choices = Array.isArray(record.choices) ? record.choices : [];
    const choice = (choices[0] && typeof choices[0] === 'object' ? choices[0] : undefined) as Record<string, unknown> | undefined;
    if (!choice) {
      const message = record.error !== undefined ? serverErrorMessage(JSON.stringify(record.error)) : 'no choices in the response';
      throw this.error('invalid_response', `LLM endpoint ${this.config.endpoint} answered 2xx without a completion: ${message}`, { attempts: requests });
    }
    const { content, refusal } = contentOf(choice.message);
    const usageRecord = (record.usage && typeof record.usage === 'object' ? record.usage : {}) as Record<string, unknown>;
    let promptTokens = finiteCount(usageRecord.prompt_tokens);
    let completionTokens = finiteCount(usageRecord.completion_tokens);
    const estimated = promptTokens === undefined || completionTokens === undefined;
    promptTokens ??= estimateChatTokens(request.messages);
    completionTokens ??= estimateTokens(content || refusal || '');
    const reportedTotal = finiteCount(usageRecord.total_tokens);
    const totalTokens = !estimated && reportedTotal !== undefined ? reportedTotal : promptTokens + completionTokens;
    const usage: LlmUsage = { promptTokens, completionTokens, totalTokens, estimated };
    const reportedModel = typeof record.model === 'string' && record.model.trim() ? record.model.trim().slice(0, 200) : this.config.model;
    const price = priceFor(this.config.model, { price: this.config.price, prices: this.config.prices });
    return {
      content,
      refusal,
      finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason.slice(0, 50) : null,
      model: reportedModel,
      usage,
      latencyMs: Math.max(0, Math.round(this.now() - started)),
      costUsd: estimateCostUsd(usage, price),
      responseMode: request.jsonSchema ? shape.responseMode : 'none',
      requests,
    };
  }

  private error(code: LlmErrorCode, message: string, details: Omit<ConstructorParameters<typeof LlmError>[2], 'endpoint' | 'model'> = {}): LlmError {
    return new LlmError(code, message, { ...details, endpoint: this.config.endpoint, model: this.config.model });
  }
}

export function createLlmClient(config: LlmConfig, deps?: LlmClientDeps): LlmClient {
  return new LlmClient(config, deps);
}
