// Reads the model's reply into one answer per column, whatever it looks like: strict JSON, JSON in
// a code fence or after chatter, `{fields: {...}}`, the columns at the top level, an array of
// `{column, value}`, bare values. Nothing in it is trusted: unknown keys are ignored, strings are
// capped, non-scalar values rejected. It never throws.

import { normalizeHeader } from '@fieldwork/values';

export interface ModelAnswer {
  value: string | null;
  /** As the model said it, scaled to [0, 1] if it used percent; null when it gave none. */
  confidence: number | null;
  quote: string | null;
  /** The value was longer than the cap and was cut (it is then not trusted). */
  valueTruncated: boolean;
  /** The value was not a string/number/boolean (an object, say) and was ignored. */
  invalidValue: boolean;
}

export type OutputProblem = 'empty' | 'invalid_json' | 'not_an_object' | 'no_columns';

export interface ParsedModelOutput {
  answers: Map<string, ModelAnswer>;
  problem?: OutputProblem;
  /** Keys that name no column (ignored). */
  unknownKeys: number;
}

export const OUTPUT_LIMITS = {
  contentChars: 200_000,
  valueChars: 2_000,
  quoteChars: 1_000,
};

function balancedObject(text: string, from: number): string | undefined {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth += 1;
    else if (ch === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(from, i + 1);
    }
  }
  return undefined;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The first JSON value in the text: whole, in a ``` fence, or the first balanced `{…}`. */
export function parseJsonLoosely(content: string): unknown {
  const text = content.replace(/^\uFEFF/, '').trim();
  if (!text) return undefined;
  const direct = tryParse(text);
  if (direct !== undefined) return direct;
  const fence = /```(?:json|JSON)?\s*([\s\S]*?)```/.exec(text);
  if (fence) {
    const fenced = tryParse(fence[1].trim());
    if (fenced !== undefined) return fenced;
  }
  // Models that "think" first or add chatter: try each `{` until one balanced object parses.
  let start = text.indexOf('{');
  for (let tries = 0; start >= 0 && tries < 20; tries++) {
    const candidate = balancedObject(text, start);
    if (candidate) {
      const parsed = tryParse(candidate);
      if (parsed !== undefined) return parsed;
    }
    start = text.indexOf('{', start + 1);
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function scalarText(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function textOf(value: unknown): { text: string | null; invalid: boolean } {
  const scalar = scalarText(value);
  if (scalar !== undefined) return { text: scalar, invalid: false };
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map(scalarText);
    if (items.every((item) => item !== undefined)) {
      const present = items.filter((item): item is string => item !== null && item.trim() !== '');
      return { text: present.length ? present.join('; ') : null, invalid: false };
    }
  }
  return { text: null, invalid: true };
}

function confidenceOf(value: unknown): number | null {
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*%?\s*$/.test(value)) {
    number = Number(value.replace('%', '').trim());
    if (value.includes('%')) number /= 100;
  } else return null;
  if (!Number.isFinite(number)) return null;
  // Some models answer on a 0–100 scale.
  if (number > 1 && number <= 100) number /= 100;
  return number;
}

function capped(text: string | null, max: number): { text: string | null; truncated: boolean } {
  if (text === null) return { text: null, truncated: false };
  return text.length > max ? { text: text.slice(0, max), truncated: true } : { text, truncated: false };
}

function answerOf(raw: unknown): ModelAnswer {
  if (!isRecord(raw)) {
    const { text, invalid } = textOf(raw);
    const value = capped(text, OUTPUT_LIMITS.valueChars);
    return { value: value.text, confidence: null, quote: null, valueTruncated: value.truncated, invalidValue: invalid };
  }
  const rawValue = 'value' in raw ? raw.value : 'answer' in raw ? raw.answer : null;
  const { text, invalid } = textOf(rawValue);
  const value = capped(text, OUTPUT_LIMITS.valueChars);
  const rawQuote = raw.quote ?? raw.evidence ?? raw.snippet ?? null;
  const quoteText = typeof rawQuote === 'string' && rawQuote.trim() ? rawQuote : null;
  return {
    value: value.text,
    confidence: confidenceOf(raw.confidence),
    quote: capped(quoteText, OUTPUT_LIMITS.quoteChars).text,
    valueTruncated: value.truncated,
    invalidValue: invalid,
  };
}

/** Answers keyed by column name; columns the model did not answer are absent. */
export function parseModelOutput(content: string, columnNames: readonly string[]): ParsedModelOutput {
  const answers = new Map<string, ModelAnswer>();
  const text = content.length > OUTPUT_LIMITS.contentChars ? content.slice(0, OUTPUT_LIMITS.contentChars) : content;
  if (!text.trim()) return { answers, problem: 'empty', unknownKeys: 0 };
  const root = parseJsonLoosely(text);
  if (root === undefined) return { answers, problem: 'invalid_json', unknownKeys: 0 };

  const byKey = new Map<string, string>();
  for (const name of columnNames) byKey.set(name, name);
  const byNormal = new Map<string, string>();
  for (const name of columnNames) if (!byNormal.has(normalizeHeader(name))) byNormal.set(normalizeHeader(name), name);
  const columnFor = (key: string): string | undefined => byKey.get(key) ?? byNormal.get(normalizeHeader(key));

  let entries: [string, unknown][];
  const container = isRecord(root) && root.fields !== undefined && !columnFor('fields') ? root.fields : root;
  if (Array.isArray(container)) {
    entries = container
      .slice(0, 1000)
      .filter(isRecord)
      .map((item): [string, unknown] => [String(item.column ?? item.name ?? item.field ?? item.key ?? ''), item]);
  } else if (isRecord(container)) {
    entries = Object.entries(container).slice(0, 1000);
  } else {
    return { answers, problem: 'not_an_object', unknownKeys: 0 };
  }

  let unknownKeys = 0;
  for (const [key, raw] of entries) {
    const column = columnFor(key);
    if (!column) {
      unknownKeys += 1;
      continue;
    }
    if (!answers.has(column)) answers.set(column, answerOf(raw));
  }
  return answers.size ? { answers, unknownKeys } : { answers, problem: 'no_columns', unknownKeys };
}
