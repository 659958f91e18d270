// Label–value structures: "Label: value" text, a bold label followed by its value, a label line
// followed by value lines (multi-line addresses joined), table cells and definition-list
// values as whole texts, <address> blocks, <time datetime>, and form fields with their <label>.

import { type Element, isTag } from 'domhandler';
import { attr, textOf } from '../dom/dom-utils';
import type { Line } from '../dom/page-model';
import { isLabelFormatted } from '../dom/visibility';
import type { ContextItem } from '../match/label-score';
import type { Candidate, SourceContext } from './candidate';
import { snippetAround } from './candidate';
import { lineOf } from './links';
import { currentText, textWithoutStruck } from './structure';

const SEPARATOR = /\s[|•·]\s?|[|•·]\s|;\s/g;
const MAX_VALUE = 400;
const MAX_CANDIDATES = 4000;

// A sentence ends at ". " before a capital or digit, unless the dot closes an abbreviation or an
// initial ("St. Mary", "Dr. Lee", "Camille N. Petrakis").
const SENTENCE_END = /[.!?]\s+(?=[\p{Lu}\d])/gu;
const ABBREVIATION = /(?:^|[\s(])(?:\p{Lu}\p{Ll}{0,2}|\p{Ll}{1,2}|\p{Lu})$/u;

/** Line pieces that can each hold one "Label: value": split at separators and sentence ends. */
export function segments(text: string): [number, number][] {
  const cuts: [number, number][] = [];
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(text); m; m = SEPARATOR.exec(text)) cuts.push([m.index, m.index + m[0].length]);
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    if (text[m.index] === '.' && ABBREVIATION.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    cuts.push([m.index, m.index + m[0].length]);
  }
  cuts.sort((a, b) => a[0] - b[0]);
  const result: [number, number][] = [];
  let start = 0;
  for (const [from, to] of cuts) {
    if (from < start) continue;
    result.push([start, from]);
    start = to;
  }
  result.push([start, text.length]);
  return result.filter(([a, b]) => b > a);
}

/** "Label: value" inside [start, end): the label must be short words, the colon not a time's. */
function colonSplit(text: string, start: number, end: number): { label: string; valueStart: number } | null {
  const segment = text.slice(start, end);
  const match = /^([^:：]{1,60}?[^\d\s:：])\s*[:：]\s*(?=\S)/.exec(segment);
  if (!match) return null;
  const label = match[1].trim();
  if (!/\p{L}{2}/u.test(label) || label.split(/\s+/).length > 8) return null;
  return { label, valueStart: start + match[0].length };
}

function isLabelLine(line: Line): boolean {
  if (line.text.length > 50 || !/\p{L}{2}/u.test(line.text)) return false;
  if (line.text.endsWith(':') || line.text.endsWith('：')) return true;
  return line.allLabel || (line.block !== null && line.block.name === 'label') || (line.block !== null && isLabelFormatted(line.block));
}

/** Following lines of the same block that continue a value (an address's second line). */
function continuation(lines: readonly Line[], from: Line, max = 3): Line[] {
  const result: Line[] = [];
  for (let i = from.index + 1; i < lines.length && result.length < max; i++) {
    const next = lines[i];
    if (next.block !== from.block || next.headingLevel !== undefined || next.text.length > 80) break;
    if (colonSplit(next.text, 0, next.text.length) || isLabelLine(next)) break;
    result.push(next);
  }
  return result;
}

export function labelValueCandidates(context: SourceContext): Candidate[] {
  const { page, scan } = context;
  const out: Candidate[] = [];
  const lines = page.lines;

  const push = (line: Line, label: ContextItem[], start: number, end: number, raw: string, extra?: Partial<Candidate>): void => {
    const value = raw.trim();
    if (!value || value.length > MAX_VALUE) return;
    out.push({
      source: 'label-value',
      raw: value,
      context: [...label, ...scan.context(line, start, end)],
      el: scan.elementAt(line, start, end),
      snippet: snippetAround(line.text, Math.max(0, start - 40), end),
      flags: { zone: line.zone, struck: scan.struckAt(line, start, end), sale: scan.saleAt(line, start, end) },
      location: `L${line.index}`,
      order: line.index,
      ...extra,
    });
  };

  for (const line of lines) {
    if (out.length >= MAX_CANDIDATES) break;
    if (line.headingLevel !== undefined && line.text.length > 60) continue;
    let matchedColon = false;
    for (const [start, end] of segments(line.text)) {
      const split = colonSplit(line.text, start, end);
      if (split) {
        matchedColon = true;
        const value = textWithoutStruck(line, split.valueStart, end);
        push(line, [{ text: split.label, weight: 1 }], split.valueStart, end, value);
        const more = continuation(lines, line);
        if (more.length && value.length <= 80) {
          push(line, [{ text: split.label, weight: 1 }], split.valueStart, end, [value, ...more.map((l) => textWithoutStruck(l, 0, l.text.length))].join(', '), {
            flags: { zone: line.zone, joined: true },
          });
        }
        continue;
      }
      // "Designed by <strong>Brightwell</strong>": an emphasised value after its label words.
      for (const run of line.runs) {
        if (run.virtual || !run.label || run.start <= start || run.end > end || run.end - run.start > 80) continue;
        if (!/\p{L}{2}/u.test(line.text.slice(start, run.start))) continue;
        push(line, [], run.start, run.end, line.text.slice(run.start, run.end).replace(/[.,;:]+$/, ''));
      }
      // <strong>Hours</strong> Mon–Fri 9–5
      const first = line.runs.find((run) => !run.virtual && run.start >= start && run.end <= end);
      if (first && first.label && first.end < end - 1 && first.start === start) {
        const label = line.text.slice(first.start, first.end).replace(/[:：\s]+$/, '');
        if (/\p{L}{2}/u.test(label) && label.length <= 60) {
          push(line, [{ text: label, weight: 1 }], first.end, end, textWithoutStruck(line, first.end, end));
        }
      }
    }
    // "Phone" / "(512) 555-0101" on two lines, or "Address:" over a multi-line address.
    if (!matchedColon && isLabelLine(line) && !scan.cells.has(line.index)) {
      const next = lines[line.index + 1];
      if (next && next.headingLevel === undefined && !isLabelLine(next)) {
        const label = [{ text: line.text.replace(/[:：]\s*$/, ''), weight: 1 }];
        push(next, label, 0, next.text.length, textWithoutStruck(next, 0, next.text.length));
        const more = continuation(lines, next);
        if (more.length) {
          const joined = [next, ...more].map((l) => textWithoutStruck(l, 0, l.text.length)).join(', ');
          push(next, label, 0, next.text.length, joined, { flags: { zone: next.zone, joined: true } });
        }
      }
    }
  }

  // Whole table cells and <dd> values, labelled by structure.
  const seenCells = new Set<Element>();
  for (const [, cell] of scan.cells) {
    if (seenCells.has(cell.cell)) continue;
    seenCells.add(cell.cell);
    const first = lines[cell.lines[0]];
    const raw = currentText(lines, cell.lines[0], cell.lines[1]);
    if (!first || !raw || raw.length > MAX_VALUE) continue;
    out.push({
      source: cell.source,
      raw,
      context: scan.context(first, 0, first.text.length),
      el: cell.cell,
      snippet: `${cell.label}: ${raw}`.slice(0, 200),
      flags: { zone: first.zone },
      location: `L${first.index}`,
      order: first.index,
    });
  }

  for (const address of page.elements.addresses) {
    const range = page.blockLines.get(address);
    if (!range || range[0] === range[1]) continue;
    const parts = [];
    for (let i = range[0]; i < range[1]; i++) parts.push(textWithoutStruck(lines[i], 0, lines[i].text.length));
    const first = lines[range[0]];
    const raw = parts.filter((p) => !/^\[[^\]]+\]$/.test(p)).join(', ').replace(/\[[^\]]+\]\s*/g, '');
    if (raw.length > MAX_VALUE) continue;
    out.push({
      source: 'label-value',
      raw,
      context: [{ text: 'address', weight: 0.9 }, ...scan.context(first, 0, first.text.length)],
      el: address,
      snippet: raw.slice(0, 200),
      flags: { zone: first.zone, joined: range[1] - range[0] > 1 },
      location: `L${first.index}`,
      order: first.index,
    });
  }

  for (const time of page.elements.timeElements) {
    const datetime = attr(time, 'datetime');
    if (!datetime) continue;
    const where = lineOf(page, time);
    out.push({
      source: 'label-value',
      raw: datetime,
      kind: 'date',
      context: where ? scan.context(where.line, where.start, where.end) : [],
      el: time,
      snippet: where ? snippetAround(where.line.text, where.start, where.end) : datetime,
      flags: { zone: where?.line.zone },
      location: where ? `L${where.line.index}` : `T${datetime}`,
      order: where?.line.index ?? 0,
    });
  }

  out.push(...formFieldCandidates(context));
  return out;
}

function formFieldCandidates(context: SourceContext): Candidate[] {
  const { page } = context;
  const labelsFor = new Map<string, string>();
  for (const label of page.elements.labels) {
    const target = attr(label, 'for');
    if (target) labelsFor.set(target, textOf(label, 120));
  }
  const out: Candidate[] = [];
  page.elements.inputs.slice(0, 500).forEach((input, i) => {
    const type = (attr(input, 'type') ?? 'text').toLowerCase();
    if (['password', 'submit', 'button', 'image', 'file', 'reset', 'checkbox', 'radio'].includes(type)) return;
    let value = '';
    if (input.name === 'select') {
      const options = input.children.filter((c): c is Element => isTag(c) && c.name === 'option');
      const selected = options.find((o) => 'selected' in o.attribs);
      value = selected ? (attr(selected, 'value') ?? textOf(selected, 200)) : '';
    } else if (input.name === 'textarea') {
      value = textOf(input, MAX_VALUE);
    } else {
      value = attr(input, 'value') ?? '';
    }
    if (!value.trim() || value.length > MAX_VALUE) return;
    const items: ContextItem[] = [];
    const id = attr(input, 'id');
    const explicit = id ? labelsFor.get(id) : undefined;
    if (explicit) items.push({ text: explicit, weight: 1 });
    let parent = input.parent;
    for (let k = 0; parent && isTag(parent) && k < 3; k++, parent = parent.parent) {
      if (parent.name === 'label') items.push({ text: textOf(parent, 120), weight: 1 });
    }
    const aria = attr(input, 'aria-label');
    if (aria) items.push({ text: aria, weight: 0.95 });
    const name = attr(input, 'name');
    if (name) items.push({ text: name, weight: type === 'hidden' ? 0.5 : 0.7 });
    const placeholder = attr(input, 'placeholder');
    if (placeholder) items.push({ text: placeholder, weight: 0.4 });
    if (items.length === 0) return;
    out.push({
      source: 'form-field',
      raw: value,
      context: items,
      el: input,
      snippet: `${items[0].text}: ${value}`.slice(0, 200),
      flags: {},
      location: `F${i}`,
      order: i,
    });
  });
  return out;
}
