// A deterministic stand-in for a model, for end-to-end tests of the `llm` strategy (the agent
// against the site farm): it reads the columns and the page from the prompt it is sent and
// answers like a careful model would — label-matched values with exact quotes, null when the page
// does not say. No randomness, no network; not smart enough to follow injected instructions.

import { TYPE_HINTS } from '../extract/prompt';
import { type ColumnType, WEAK_WORDS, conceptsOf, findDates, findMoneyMentions, parseBoolean, textKey } from '@fieldwork/values';
import { type FakeReply, type FakeResponder, type RecordedRequest, chatCompletion, messagesOf, pageTextOf } from './fake-openai-server';

export interface PromptColumnInfo {
  name: string;
  type: ColumnType;
  required: boolean;
  description: string;
  enumValues: string[];
}

export interface SmartAnswer {
  value: string | null;
  confidence: number;
  quote: string | null;
}

/** The columns listed in an extraction prompt (see `buildExtractionPrompt`). */
export function columnsOfPrompt(userContent: string): PromptColumnInfo[] {
  const lines = userContent.split('\n');
  const start = lines.findIndex((l) => /^Columns \(\d+\):$/.test(l));
  if (start < 0) return [];
  const hints = (Object.entries(TYPE_HINTS) as [ColumnType, string][]).sort((a, b) => b[1].length - a[1].length);
  const columns: PromptColumnInfo[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^- ("(?:[^"\\]|\\.)*"): (.*)$/.exec(line);
    if (!match) break;
    const rest = match[2];
    const type = hints.find(([, hint]) => rest.startsWith(hint))?.[0] ?? 'text';
    const allowed = /\. Allowed values: (.*)$/.exec(rest);
    let enumValues: string[] = [];
    if (allowed) {
      try {
        enumValues = JSON.parse(`[${allowed[1]}]`) as string[];
      } catch {
        enumValues = [];
      }
    }
    const description = rest.slice((TYPE_HINTS[type] ?? '').length).replace(/\. Allowed values: .*$/, '').replace(/^ \(required\)/, '').replace(/^\. /, '');
    columns.push({ name: JSON.parse(match[1]) as string, type, required: rest.includes('(required)'), description, enumValues });
  }
  return columns;
}

function firstMatch(text: string, regex: RegExp): string | null {
  return regex.exec(text)?.[0] ?? null;
}

/** The first value of `type` written in `text`, as written. */
function valueIn(text: string, column: PromptColumnInfo): string | null {
  switch (column.type) {
    case 'phone': {
      const regex = /\+?\d[\d\s().-]{6,}\d/g;
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        const digits = m[0].replace(/\D/g, '').length;
        if (digits >= 7 && digits <= 15) return m[0].trim();
      }
      return null;
    }
    case 'email':
      return firstMatch(text, /[\w.+-]+@[\w-]+(\.[\w-]+)+/);
    case 'money': {
      // Struck-through (old) prices are written ~~$40.00~~: take the first amount not struck.
      const unstruck = text.replace(/~~[^~]*~~/g, (m) => ' '.repeat(m.length));
      const current = findMoneyMentions(unstruck)[0];
      return current ? text.slice(current.start, current.end) : null;
    }
    case 'url':
      return /<(https?:[^>\s]+)>/.exec(text)?.[1] ?? firstMatch(text, /https?:\/\/[^\s<>|]+/);
    case 'date': {
      const date = findDates(text)[0];
      return date ? text.slice(date.start, date.end) : null;
    }
    case 'number':
      return firstMatch(text, /-?\d[\d,]*(\.\d+)?/);
    case 'boolean': {
      const parsed = parseBoolean(text);
      return parsed.ok ? parsed.canonical : null;
    }
    case 'enum': {
      const key = ` ${textKey(text)} `;
      return column.enumValues.find((v) => textKey(v) && key.includes(` ${textKey(v)} `)) ?? null;
    }
    case 'text':
      return text.trim() || null;
    default:
      return null;
  }
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n += 1;
  return n;
}

function quoteAround(line: string, value: string): string {
  if (line.length <= 200) return line;
  const at = Math.max(0, line.indexOf(value));
  const start = Math.max(0, at - 60);
  return line.slice(start, start + 200);
}

const SYNTHETIC_LINE = /^(Title|Description|OpenGraph title|OpenGraph description|Site name|Generator): /;
const TYPE_CONCEPTS = new Set(['name', 'phone', 'email', 'price', 'url', 'date', 'number']);

interface Reading {
  /** Words that say what the value is. */
  label: string;
  /** Text holding the value. */
  valueText: string;
  /** The page line quoted as evidence. */
  line: string;
  index: number;
}

/** Ways a value is written next to its label: "Label: value", "Label" above "value", a clause of prose. */
function readings(lines: readonly string[]): Reading[] {
  const out: Reading[] = [];
  lines.forEach((line, index) => {
    if (!line || line === '[…]' || /^#{1,6} /.test(line)) return;
    // The first colon that ends a label, not a link scheme ("<tel:+1…>") or a time ("9:00").
    const colon = line.search(/(?<!<(tel|mailto|https?)|\d):(?!\d)/i);
    if (colon > 0 && colon <= 60) {
      out.push({ label: line.slice(0, colon), valueText: line.slice(colon + 1), line, index });
    }
    const next = lines[index + 1];
    if (colon < 0 && line.length <= 40 && next && next !== '[…]' && !/^#{1,6} /.test(next)) {
      out.push({ label: line, valueText: next, line: next, index: index + 1 });
    }
    for (const clause of line.split(/(?<=[.;·|])\s+/)) out.push({ label: clause, valueText: clause, line, index });
  });
  return out;
}

/** Answers every column from the page text, deterministically. */
export function answerFromPage(pageText: string, columns: readonly PromptColumnInfo[]): Record<string, SmartAnswer> {
  const lines = pageText.split('\n').map((l) => l.trim());
  const headingOf: string[] = [];
  let heading = '';
  for (const line of lines) {
    if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
    headingOf.push(heading);
  }
  const all = readings(lines);
  const answers: Record<string, SmartAnswer> = {};
  for (const column of columns) {
    const wanted = conceptsOf(column.name);
    const described = conceptsOf(column.description);
    const specific = new Set([...wanted].filter((c) => !TYPE_CONCEPTS.has(c) && !WEAK_WORDS.has(c)));

    // The page's own name ("venue_name", "county_name"): structured data, else the main heading.
    if (column.type === 'text' && wanted.has('name') && specific.size === 0) {
      const structured = lines.find((l) => /^[A-Za-z]+\.name: /.test(l));
      const h1 = lines.find((l) => l.startsWith('# '));
      const value = structured ? structured.slice(structured.indexOf(': ') + 2) : h1 ? h1.slice(2) : null;
      answers[column.name] = value ? { value, confidence: 0.85, quote: value } : { value: null, confidence: 0.8, quote: null };
      continue;
    }

    let found: { score: number; value: string; line: string } | null = null;
    for (const reading of all) {
      // Text values need a label apart from them; other types are recognisable inside prose.
      if (column.type === 'text' && (SYNTHETIC_LINE.test(reading.line) || reading.label === reading.valueText)) continue;
      const labelConcepts = conceptsOf(reading.label);
      const headingConcepts = conceptsOf(headingOf[reading.index] ?? '');
      if (specific.size && overlap(specific, labelConcepts) + overlap(specific, headingConcepts) === 0) continue;
      // Labels naming other things too ("2 adults + 2 children") are weaker than labels naming only this.
      const foreign = [...labelConcepts].filter((c) => !c.startsWith('w:') && !wanted.has(c)).length;
      const score = 2 * overlap(wanted, labelConcepts) + overlap(wanted, headingConcepts) + 0.5 * overlap(described, conceptsOf(reading.line)) - 0.5 * foreign;
      if (score <= 0) continue;
      const value = valueIn(reading.valueText, column);
      if (value && (!found || score > found.score)) found = { score, value, line: reading.line };
    }
    if (found) {
      answers[column.name] = { value: found.value, confidence: 0.9, quote: quoteAround(found.line, found.value) };
      continue;
    }
    // A generic column ("phone", "email") with no labelled value: the first value of its type, less sure.
    let fallback: SmartAnswer = { value: null, confidence: 0.8, quote: null };
    // (An enum's allowed value anywhere on the page is evidence enough: "Powered by Square".)
    if ((specific.size === 0 || column.type === 'enum') && column.type !== 'text' && column.type !== 'boolean' && column.type !== 'number') {
      for (const line of lines) {
        const value = line && line !== '[…]' ? valueIn(line, column) : null;
        if (value) {
          fallback = { value, confidence: 0.6, quote: quoteAround(line, value) };
          break;
        }
      }
    }
    answers[column.name] = fallback;
  }
  return answers;
}

export interface SmartResponderOptions {
  model?: string;
}

/** A responder that answers extraction prompts from their own page text (see {@link answerFromPage}). */
export function smartResponder(options: SmartResponderOptions = {}): FakeResponder {
  return (request: RecordedRequest): FakeReply => {
    const messages = messagesOf(request);
    const user = messages.find((m) => m.role === 'user')?.content ?? '';
    const answers = answerFromPage(pageTextOf(request), columnsOfPrompt(user));
    const json = JSON.stringify({ fields: answers });
    const format = (request.body as { response_format?: { type?: string } } | undefined)?.response_format?.type;
    // Without a response format, answer like a chatty model: JSON in a fence after a sentence.
    const content = format === 'json_schema' || format === 'json_object' ? json : `Here is the extracted data:\n\`\`\`json\n${json}\n\`\`\``;
    const promptChars = messages.reduce((sum, m) => sum + m.content.length, 0);
    return {
      json: chatCompletion(content, {
        model: options.model ?? 'fake-smart-model',
        usage: { prompt_tokens: Math.ceil(promptChars / 4), completion_tokens: Math.ceil(content.length / 4) },
      }),
    };
  };
}
