// Public shapes of the LLM strategy. Per-field results have the shape of the model-free engine's
// (`@fieldwork/extraction`: value, confidence, evidence, candidates, notes) so an attempt can
// merge and report both alike; the evidence source is `llm` and says whether the model's quote
// was found on the page.

import type { ColumnSpec, Evidence, FieldNote } from '@fieldwork/extraction';
import type { ResponseMode } from './config';
import type { FewShotExample } from './extract/prompt';
import type { LlmUsage } from './http/chat-client';

export type { ColumnSpec, FieldNote };

export interface LlmEvidence extends Omit<Evidence, 'source'> {
  source: 'llm';
  /** The model's quote (≤ 200 characters), or page text around the value when it gave none. */
  snippet: string;
  pageUrl: string;
  /** The quote was found on the page the model was shown (case/whitespace-insensitive). */
  quoteVerified: boolean;
}

/** Why a field lost confidence or its value. */
export type LlmFieldIssue =
  /** The model did not answer this column. */
  | 'no_answer'
  /** A value without a quote. */
  | 'no_quote'
  /** The quote is not on the page. */
  | 'quote_not_found'
  /** The quote is on the page but does not show the value. */
  | 'value_not_in_quote'
  /** The value does not parse as the column's type (or is not an allowed enum value): dropped. */
  | 'type_mismatch'
  /** The value was longer than the cap: dropped. */
  | 'value_too_long'
  /** The value was not text (an object, say): dropped. */
  | 'invalid_value';

export interface LlmFieldCandidate {
  value: string;
  confidence: number;
  evidence: LlmEvidence;
}

export interface LlmFieldResult {
  /** Canonical value (see @fieldwork/values), or null. */
  value: string | null;
  /** Probability that `value` is right, in [0, 1]; 0 when there is no value. See docs/llm.md. */
  confidence: number;
  evidence: LlmEvidence | null;
  /** Always empty: the model gives one answer per column (kept for the engine's shape). */
  candidates: LlmFieldCandidate[];
  notes: FieldNote[];
  /** Confidence the model reported, clamped to [0, 1]; null when it gave none. */
  modelConfidence: number | null;
  /** The value as the model wrote it (≤ 200 characters), also when it was dropped. */
  rawValue: string | null;
  issues: LlmFieldIssue[];
}

/** Something wrong with the reply as a whole; every field is then null. */
export type LlmOutputProblem = 'empty' | 'invalid_json' | 'not_an_object' | 'no_columns' | 'refusal' | 'cut_off';

export interface LlmExtractInput {
  /** The page's HTML (preferred) … */
  html?: string;
  /** … or its text, when the caller already has it (lines starting with `#` are headings). */
  pageText?: string;
  pageUrl: string;
  columns: readonly ColumnSpec[];
  /** The campaign's active instruction text. */
  instructionText?: string;
  /** Approved results of the campaign (few-shot); at most 5 are used. */
  examples?: readonly FewShotExample[];
  /** ISO 3166 region for national phone numbers (default `US`). */
  defaultRegion?: string;
  /** ISO 4217 currency for amounts without one (default `USD`). */
  defaultCurrency?: string;
  /** BCP 47 locale hint for numbers and dates. */
  locale?: string;
  /** Character budget of the page text sent (default 24,000 ≈ 6K tokens). */
  maxPageChars?: number;
  signal?: AbortSignal;
  /** Return the model's reply text (capped) in `raw`, for debugging and plan steps. */
  includeRaw?: boolean;
}

export interface LlmExtractResult {
  pageUrl: string;
  fields: Record<string, LlmFieldResult>;
  /** Required columns without a value. */
  missingRequired: string[];
  usage: LlmUsage;
  /** Wall time of the model call, retries included. */
  latencyMs: number;
  costUsd: number;
  /** The model that answered, as the server named it. */
  model: string;
  /** How the reply was constrained (`json_schema`, `json_object` or `none` after fallbacks). */
  responseMode: ResponseMode;
  /** HTTP requests made (retries and fallbacks included). */
  requests: number;
  finishReason: string | null;
  /** The page text sent: its size, the cleaned page's size, whether parts were left out. */
  page: { chars: number; totalChars: number; truncated: boolean };
  outputProblem?: LlmOutputProblem;
  /** The reply text (≤ 20,000 characters), when `includeRaw`. */
  raw?: string;
}
