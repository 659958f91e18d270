// The words around a value in running text, nearest first: its label on the same line (cut at
// the previous value, so "Sheriff 555-0101 | Coroner 555-0102" labels each number right), a
// parenthesised note after it, short label lines just above, its inline element's aria-label and
// class, the headings in force, and the page title. Weights encode that order.

import { attributeWords } from '../dom/dom-utils';
import type { Line, PageModel } from '../dom/page-model';
import type { ContextItem } from '../match/label-score';
import type { ValueSpan } from './line-values';

const SEPARATOR = /\s[|•·]\s?|[|•·]\s|;\s|\t/g;
const HEADING_WEIGHTS = [0.8, 0.62, 0.48, 0.38, 0.32, 0.28];

// Sentence ends cut labels too: "…held by Darnell Granger. Deputy Coroner X" labels X with
// "Deputy Coroner" only. Abbreviations and initials ("St.", "N.") do not end sentences.
const SENTENCE_END = /[.!?]\s+(?=[\p{Lu}\d])/gu;
const ABBREVIATION = /(?:^|[\s(])(?:\p{Lu}\p{Ll}{0,2}|\p{Ll}{1,2}|\p{Lu})$/u;

/** Where the last `count` words of the text start. */
function lastWordsStart(text: string, count: number): number {
  let i = text.length;
  let words = 0;
  while (i > 0 && /\s/.test(text[i - 1])) i -= 1;
  while (i > 0) {
    while (i > 0 && !/\s/.test(text[i - 1])) i -= 1;
    words += 1;
    if (words === count) break;
    while (i > 0 && /\s/.test(text[i - 1])) i -= 1;
  }
  return i;
}

const boundaryCache = new Map<string, [number, number][]>();

function boundaries(text: string): [number, number][] {
  const cached = boundaryCache.get(text);
  if (cached) return cached;
  const cuts = computeBoundaries(text);
  if (boundaryCache.size > 5000) boundaryCache.clear();
  boundaryCache.set(text, cuts);
  return cuts;
}

function computeBoundaries(text: string): [number, number][] {
  const cuts: [number, number][] = [];
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(text); m; m = SEPARATOR.exec(text)) cuts.push([m.index, m.index + m[0].length]);
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    if (text[m.index] === '.' && ABBREVIATION.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    cuts.push([m.index, m.index + m[0].length]);
  }
  return cuts;
}

function lastSeparatorEnd(text: string, before: number): number {
  let at = 0;
  for (const [, end] of boundaries(text)) if (end <= before && end > at) at = end;
  return at;
}

function nextSeparatorStart(text: string, after: number): number {
  let at = text.length;
  for (const [start] of boundaries(text)) if (start >= after && start < at) at = start;
  return at;
}

/** A line that reads like a label: short, mostly words, no values of its own. */
export function isLabelLike(line: Line, spanCount: number): boolean {
  if (line.text.length > 80 || spanCount > 0) return false;
  const digits = line.text.match(/\d/g)?.length ?? 0;
  // An address or a list ("2392 Queen St, Salt Lake City, UT") is content, not a label.
  if (/\d{4,}/.test(line.text) || (line.text.match(/,/g)?.length ?? 0) > 1) return false;
  return digits <= line.text.length * 0.25 && /\p{L}{2}/u.test(line.text);
}

export interface LineContextOptions {
  /** Values found on the same line (to cut labels between them). */
  spans: readonly ValueSpan[];
  /** Value spans of other lines, to tell label lines from value lines. */
  spansOf: (line: Line) => readonly ValueSpan[];
  /** Structure (a table cell's row/column labels) already says what labels the value. */
  skipPreviousLines?: boolean;
}

export function lineContext(page: PageModel, line: Line, start: number, end: number, options: LineContextOptions): ContextItem[] {
  const text = line.text;
  const items: ContextItem[] = [];
  const others = options.spans.filter((s) => s.end <= start || s.start >= end);

  // Same-line label: from the previous value (or separator) to this value.
  const previousValueEnd = others.filter((s) => s.end <= start).reduce((max, s) => Math.max(max, s.end), 0);
  let prefixStart = Math.max(previousValueEnd, lastSeparatorEnd(text, start));
  let prefix = text.slice(prefixStart, start);
  if (previousValueEnd > 0 && prefixStart === previousValueEnd) {
    // "555-0101 (Sheriff) 555-0102": the parenthesis belongs to the value before it.
    const note = /^\s*\([^)]{1,40}\)/.exec(prefix);
    if (note) {
      prefixStart += note[0].length;
      prefix = prefix.slice(note[0].length);
    }
  }
  if (prefix.length > 90) prefix = prefix.slice(-90);
  const prefixHasWords = /\p{L}{2}/u.test(prefix);
  if (prefixHasWords) {
    // The last few words label most directly: "…is led by Sheriff <name>", "…call dispatch at <phone>".
    const cut = lastWordsStart(prefix, 4);
    items.push({ text: prefix.slice(cut), weight: 1 });
    const far = prefix.slice(0, cut);
    if (/\p{L}{2}/u.test(far)) items.push({ text: far, weight: prefix.length > 60 ? 0.7 : 0.8 });
  }

  // A segment head ("Sheriff's Office: Phone …, Fax …") governs the values after it in its segment.
  const segmentStart = lastSeparatorEnd(text, start);
  const colon = text.indexOf(':', segmentStart);
  if (colon > segmentStart && colon < prefixStart && colon - segmentStart <= 50) {
    const firstValue = others.find((o) => o.start >= segmentStart);
    if (!firstValue || firstValue.start > colon) items.push({ text: text.slice(segmentStart, colon), weight: 0.75 });
  }

  // Note after the value: "(fax)" binds to it; a bare word before the next value labels that value instead.
  const nextValueStart = others.filter((s) => s.start >= end).reduce((min, s) => Math.min(min, s.start), text.length);
  const suffixEnd = Math.min(nextValueStart, nextSeparatorStart(text, end));
  const suffix = text.slice(end, suffixEnd);
  if (/\p{L}{2}/u.test(suffix)) {
    const trimmed = suffix.trim();
    const parenthetical = /^[([]/.test(trimmed);
    const labelsNext = suffixEnd === nextValueStart && nextValueStart < text.length && !parenthetical;
    const weight = parenthetical ? 0.8 : labelsNext ? 0.1 : trimmed.length <= 30 ? 0.5 : 0.3;
    items.push({ text: trimmed.slice(0, 80), weight });
  }

  // Inline element around the value: its aria-label/title and class words.
  for (const run of line.runs) {
    if (run.end <= start || run.start >= end) continue;
    if (run.attrLabel) items.push({ text: run.attrLabel, weight: 0.95 });
    if (run.el) {
      const words = attributeWords(run.el);
      if (words) items.push({ text: words, weight: 0.6 });
    }
  }
  if (line.block) {
    const words = attributeWords(line.block);
    if (words) items.push({ text: words, weight: 0.5 });
    let parent = line.block.parent;
    for (const weight of [0.4, 0.3]) {
      if (!parent || parent.type !== 'tag') break;
      const element = parent as typeof line.block;
      const parentWords = attributeWords(element);
      if (parentWords) items.push({ text: parentWords, weight });
      if (element.attribs['aria-label']) items.push({ text: element.attribs['aria-label'], weight: weight + 0.2 });
      parent = element.parent;
    }
  }

  // Label lines just above ("Sheriff" / "555-0101").
  const previousWeights = prefixHasWords ? [0.6, 0.4] : [0.88, 0.6];
  for (let k = 0; k < (options.skipPreviousLines ? 0 : previousWeights.length); k++) {
    const previous = page.lines[line.index - 1 - k];
    if (!previous || previous.headingLevel !== undefined) break;
    if (!isLabelLike(previous, options.spansOf(previous).length)) break;
    items.push({ text: previous.text, weight: previousWeights[k] });
  }

  line.headings.forEach((heading, i) => {
    items.push({ text: heading.text, weight: HEADING_WEIGHTS[Math.min(i, HEADING_WEIGHTS.length - 1)] });
  });
  if (page.title) items.push({ text: page.title, weight: 0.25 });
  return items;
}
