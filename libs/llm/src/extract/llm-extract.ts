// The `llm` strategy for one page: prepare the page text, ask the model for every column with a
// quote, verify and normalise the answers, and report tokens, latency and cost. Transport
// failures throw `LlmError`; a reply that cannot be read is not an error — every field is null
// and `outputProblem` says why (the tokens were spent and are reported).

import type { LlmConfig } from '../config';
import { LlmClient } from '../http/chat-client';
import { preparePageText } from '../page/prepare-page-text';
import type { LlmExtractInput, LlmExtractResult, LlmFieldResult, LlmOutputProblem } from '../types';
import { fieldResult } from './field-result';
import { parseModelOutput } from './parse-model-output';
import { buildExtractionPrompt } from './prompt';
import { PageEvidence } from './verify-quote';

export class LlmInputError extends Error {
  override readonly name = 'LlmInputError';
  constructor(message: string, readonly column?: string) {
    super(message);
  }
}

export const EXTRACT_LIMITS = {
  columns: 100,
  rawChars: 20_000,
  /** Reply tokens asked for: a base plus this much per column (bounded by the config). */
  replyBaseTokens: 200,
  replyTokensPerColumn: 150,
};

// One client per configuration object, so fallbacks learned by one call serve the next.
const clients = new WeakMap<LlmConfig, LlmClient>();

function clientFor(config: LlmClient | LlmConfig): LlmClient {
  if (config instanceof LlmClient) return config;
  let client = clients.get(config);
  if (!client) {
    client = new LlmClient(config);
    clients.set(config, client);
  }
  return client;
}

function validate(input: LlmExtractInput): void {
  if (!input.columns.length) throw new LlmInputError('llmExtract needs at least one column');
  if (input.columns.length > EXTRACT_LIMITS.columns) {
    throw new LlmInputError(`llmExtract takes at most ${EXTRACT_LIMITS.columns} columns, got ${input.columns.length}`);
  }
  const seen = new Set<string>();
  for (const column of input.columns) {
    if (!column.name?.trim()) throw new LlmInputError('a column has an empty name');
    if (seen.has(column.name)) throw new LlmInputError(`column ${JSON.stringify(column.name)} is listed twice`, column.name);
    seen.add(column.name);
  }
  if (input.html === undefined && input.pageText === undefined) throw new LlmInputError('llmExtract needs html or pageText');
}

/**
 * Extracts `input.columns` from one page with the configured model. Pass an `LlmClient` (one per
 * worker) or an `LlmConfig` (a client is kept per config object). Throws `LlmInputError` for bad
 * input and `LlmError` when the endpoint cannot be used (see its `code` and `retryable`).
 */
export async function llmExtract(input: LlmExtractInput, config: LlmClient | LlmConfig): Promise<LlmExtractResult> {
  validate(input);
  const client = clientFor(config);
  const page = preparePageText({
    html: input.html,
    pageText: input.html === undefined ? input.pageText : undefined,
    pageUrl: input.pageUrl,
    columns: input.columns,
    instructionText: input.instructionText,
    maxChars: input.maxPageChars,
  });
  const prompt = buildExtractionPrompt({
    pageText: page.text,
    pageUrl: input.pageUrl,
    columns: input.columns,
    instructionText: input.instructionText,
    examples: input.examples,
  });
  const reply = await client.chat({
    messages: prompt.messages,
    jsonSchema: prompt.jsonSchema,
    maxOutputTokens: EXTRACT_LIMITS.replyBaseTokens + EXTRACT_LIMITS.replyTokensPerColumn * input.columns.length,
    signal: input.signal,
  });

  const parsed = parseModelOutput(reply.content, input.columns.map((c) => c.name));
  let outputProblem: LlmOutputProblem | undefined = parsed.problem;
  if (outputProblem && reply.refusal) outputProblem = 'refusal';
  else if (outputProblem && reply.finishReason === 'length') outputProblem = 'cut_off';

  const evidence = new PageEvidence(page.text);
  const parseOptions = { defaultRegion: input.defaultRegion, defaultCurrency: input.defaultCurrency, locale: input.locale, baseUrl: input.pageUrl };
  const fields = Object.fromEntries(
    input.columns.map((column): [string, LlmFieldResult] => [column.name, fieldResult(column, parsed.answers.get(column.name), evidence, input.pageUrl, parseOptions)]),
  );

  const result: LlmExtractResult = {
    pageUrl: input.pageUrl,
    fields,
    missingRequired: input.columns.filter((c) => c.required && fields[c.name]?.value === null).map((c) => c.name),
    usage: reply.usage,
    latencyMs: reply.latencyMs,
    costUsd: reply.costUsd,
    model: reply.model,
    responseMode: reply.responseMode,
    requests: reply.requests,
    finishReason: reply.finishReason,
    page: { chars: page.text.length, totalChars: page.totalChars, truncated: page.truncated },
  };
  if (outputProblem) result.outputProblem = outputProblem;
  if (input.includeRaw) result.raw = (reply.content || reply.refusal || '').slice(0, EXTRACT_LIMITS.rawChars);
  return result;
}
