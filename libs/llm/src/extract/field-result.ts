// One column's answer from the model → a field result: the value parsed to its canonical form,
// the quote checked against the page, and one confidence combining what the model said with
// what could be verified (docs/llm.md, "How confidence works").

import type { ColumnSpec, FieldNote } from '@fieldwork/extraction';
import { type ParseOptions, type ParsedValue, parseValue } from '@fieldwork/values';
import type { LlmEvidence, LlmFieldIssue, LlmFieldResult } from '../types';
import type { ModelAnswer } from './parse-model-output';
import { isLiteralType, type PageEvidence, valueInText } from './verify-quote';

/** The factors of the confidence formula; exported so docs and tests name the same numbers. */
export const LLM_CONFIDENCE = {
  /** Used when the model gives no confidence. */
  defaultModelConfidence: 0.5,
  /** No LLM answer is reported as more certain than this: models are overconfident. */
  max: 0.95,
  /** The quote was not found on the page (invented or altered). */
  quoteNotFound: 0.3,
  /** No quote, but the value itself is on the page. */
  noQuoteValueOnPage: 0.5,
  /** No quote, and the value is not on the page either. */
  noQuoteValueNotOnPage: 0.3,
  /** The quote is on the page but does not contain the value. */
  valueNotInQuote: 0.6,
} as const;

const NULL_WORDS = new Set(['', 'null', 'none', 'n/a', 'na', 'nil', 'unknown', 'not found', 'not available', 'not stated', 'not specified', 'not provided', 'not listed', 'not mentioned', '-', '—', '?']);
const SNIPPET_CHARS = 200;
const RAW_VALUE_CHARS = 200;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

/** Notes of the extraction engine's vocabulary, and how much each lowers confidence. */
function parseNotes(parsed: ParsedValue): { notes: FieldNote[]; factor: number } {
  const notes: FieldNote[] = [];
  let factor = 1;
  const note = (condition: boolean, name: FieldNote | null, weight: number): void => {
    if (!condition) return;
    if (name) notes.push(name);
    factor *= weight;
  };
  switch (parsed.type) {
    case 'money':
      note(parsed.isFrom, 'from-price', 0.9);
      note(parsed.isRange, 'range-first', 0.9);
      note(parsed.currencyAssumed, 'currency-assumed', 0.9);
      break;
    case 'date':
      note(parsed.ambiguousOrder, 'ambiguous-date-order', 0.85);
      break;
    case 'phone':
      note(!parsed.valid, 'possible-phone', 0.9);
      break;
    case 'enum':
      note(parsed.match === 'contains', null, 0.85);
      break;
    default:
      break;
  }
  return { notes, factor };
}

function isNullWord(raw: string, column: ColumnSpec): boolean {
  const word = raw.trim().toLowerCase();
  if (!NULL_WORDS.has(word)) return false;
  return !(column.enumValues ?? []).some((allowed) => allowed.trim().toLowerCase() === word);
}

const empty = (issues: LlmFieldIssue[], rawValue: string | null, modelConfidence: number | null): LlmFieldResult => ({
  value: null,
  confidence: 0,
  evidence: null,
  candidates: [],
  notes: [],
  modelConfidence,
  rawValue,
  issues,
});

export function fieldResult(
  column: ColumnSpec,
  answer: ModelAnswer | undefined,
  page: PageEvidence,
  pageUrl: string,
  parseOptions: ParseOptions,
): LlmFieldResult {
  if (!answer) return empty(['no_answer'], null, null);
  const modelConfidence = answer.confidence === null ? null : clamp01(answer.confidence);
  const rawValue = answer.value === null ? null : clip(answer.value, RAW_VALUE_CHARS);
  if (answer.invalidValue) return empty(['invalid_value'], null, modelConfidence);
  if (answer.valueTruncated) return empty(['value_too_long'], rawValue, modelConfidence);
  if (answer.value === null || isNullWord(answer.value, column)) return empty([], null, modelConfidence);

  const parsed = parseValue(column.type, answer.value, { ...parseOptions, enumValues: column.enumValues });
  if (!parsed.ok) return empty(['type_mismatch'], rawValue, modelConfidence);

  const issues: LlmFieldIssue[] = [];
  let factor = 1;
  const quoteVerified = page.containsQuote(answer.quote);
  const literal = isLiteralType(column.type);
  if (answer.quote === null) {
    issues.push('no_quote');
    factor *= literal && page.containsValue(answer.value, column.type) ? LLM_CONFIDENCE.noQuoteValueOnPage : LLM_CONFIDENCE.noQuoteValueNotOnPage;
  } else if (!quoteVerified) {
    issues.push('quote_not_found');
    factor *= LLM_CONFIDENCE.quoteNotFound;
  } else if (literal && !valueInText(answer.value, column.type, answer.quote)) {
    issues.push('value_not_in_quote');
    factor *= LLM_CONFIDENCE.valueNotInQuote;
  }
  const { notes, factor: parseFactor } = parseNotes(parsed);
  const base = modelConfidence ?? LLM_CONFIDENCE.defaultModelConfidence;
  const confidence = Math.round(Math.min(LLM_CONFIDENCE.max, base * factor * parseFactor) * 1000) / 1000;

  const snippet = quoteVerified && answer.quote ? clip(answer.quote, SNIPPET_CHARS) : (page.snippetAround(answer.value, SNIPPET_CHARS) ?? clip(answer.quote ?? '', SNIPPET_CHARS));
  const evidence: LlmEvidence = { source: 'llm', snippet, pageUrl, quoteVerified };
  return { value: parsed.canonical, confidence, evidence, candidates: [], notes, modelConfidence, rawValue, issues };
}
