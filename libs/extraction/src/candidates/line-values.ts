// Finds typed values written in a line of text (phones, emails, money, dates, URLs) with their
// positions. Positions matter twice: they are pattern candidates, and they cut a line into
// "label value label value" so each value gets its own label.

import { findDates, findMoneyMentions, parsePhone, type ParseOptions } from '@fieldwork/values';
import type { Line } from '../dom/page-model';

export type SpanType = 'phone' | 'email' | 'money' | 'date' | 'url';

export interface ValueSpan {
  start: number;
  end: number;
  type: SpanType;
  /** The text to parse for this value (money keeps some words around it for "from"/"/month"). */
  raw: string;
}

const EMAIL = /[a-z0-9][a-z0-9._%+'-]{0,63}@(?:[a-z0-9-]{1,63}\.)+[a-z]{2,24}(?![a-z0-9-])/gi;
const URL_TEXT = /\bhttps?:\/\/[^\s<>"']{3,300}|\bwww\.[a-z0-9-]{1,63}\.[^\s<>"']{2,300}/gi;
// A run of phone characters with 7+ digits; libphonenumber then decides what it really is.
const PHONE_RUN = /(?<![\w.,$€£¥/-])(?:\+\s?)?(?:\(\s?)?\d[\d\s().\-/\u00a0]{5,24}\d(?:\s*(?:ext\.?|x\.?|extension|#)\s*\d{1,6})?(?![\w])/gi;
const NANP = /(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?:\s*(?:ext\.?|x\.?|extension)\s*\d{1,6})?/g;
const VANITY = /(?<![\w])(?:\+?1[\s.-])?\(?[2-9]\d{2}\)?[\s.-][A-Z0-9]{3}[\s.-]?[A-Z0-9]{4,7}(?![\w])/g;

const PRIORITY: Record<SpanType, number> = { email: 5, url: 4, money: 3, date: 2, phone: 1 };

function phoneSpans(text: string, options: ParseOptions): ValueSpan[] {
  const spans: ValueSpan[] = [];
  const tryPhone = (raw: string, start: number): boolean => {
    const trimmed = raw.replace(/[\s(.\-/]+$/, '');
    const digits = trimmed.replace(/\D/g, '').length;
    if (digits < 7 || digits > 17) return false;
    const parsed = parsePhone(trimmed, options, false);
    if (!parsed.ok) return false;
    const lead = raw.length - raw.trimStart().length;
    spans.push({ start: start + lead, end: start + trimmed.length, type: 'phone', raw: trimmed.trim() });
    return true;
  };
  PHONE_RUN.lastIndex = 0;
  for (let match = PHONE_RUN.exec(text); match; match = PHONE_RUN.exec(text)) {
    if (tryPhone(match[0], match.index)) continue;
    // Two numbers written back to back, or a number glued to other digits: try the usual shapes.
    NANP.lastIndex = 0;
    for (let inner = NANP.exec(match[0]); inner; inner = NANP.exec(match[0])) tryPhone(inner[0], match.index + inner.index);
  }
  if (/[A-Z]{3}/.test(text)) {
    VANITY.lastIndex = 0;
    for (let match = VANITY.exec(text); match; match = VANITY.exec(text)) {
      if (/[A-Z]/.test(match[0]) && !spans.some((s) => s.start < match!.index + match![0].length && s.end > match!.index)) {
        tryPhone(match[0], match.index);
      }
    }
  }
  return spans;
}

function moneySpans(text: string): ValueSpan[] {
  return findMoneyMentions(text).map(({ start, end }) => {
    // Keep a few words around the amount so parsing sees "from" before and "/month" after.
    const before = text.slice(Math.max(0, start - 24), start);
    const from = /(from|starting at|starting from|starts at|as low as|ab|desde)\s*(just|only)?\s*$/i.exec(before);
    const rawStart = from ? start - (before.length - from.index) : start;
    const after = /^\s*(?:\/|per\b|a\b|each\b|every\b)?\s*[a-z]{1,8}\b/i.exec(text.slice(end, end + 20));
    const rawEnd = after ? end + after[0].length : end;
    return { start, end, type: 'money' as const, raw: text.slice(rawStart, rawEnd) };
  });
}

/** Every typed value in the line, without overlaps (email > URL > money > date > phone). */
export function scanLine(line: Line, options: ParseOptions): ValueSpan[] {
  const text = line.text;
  const spans: ValueSpan[] = [];
  if (text.includes('@')) {
    EMAIL.lastIndex = 0;
    for (let m = EMAIL.exec(text); m; m = EMAIL.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length, type: 'email', raw: m[0] });
  }
  if (/https?:\/\/|www\./i.test(text)) {
    URL_TEXT.lastIndex = 0;
    for (let m = URL_TEXT.exec(text); m; m = URL_TEXT.exec(text)) {
      const raw = m[0].replace(/[).,;:!?'"\]]+$/, '');
      spans.push({ start: m.index, end: m.index + raw.length, type: 'url', raw });
    }
  }
  const digits = text.match(/\d/g)?.length ?? 0;
  if (digits > 0) {
    spans.push(...moneySpans(text));
    if (digits >= 4) for (const d of findDates(text, options)) spans.push({ start: d.start, end: d.end, type: 'date', raw: text.slice(d.start, d.end) });
    if (digits >= 7 || /[A-Z]{3}/.test(text)) spans.push(...phoneSpans(text, options));
  }
  spans.sort((a, b) => PRIORITY[b.type] - PRIORITY[a.type] || a.start - b.start);
  const kept: ValueSpan[] = [];
  for (const span of spans) {
    if (kept.some((k) => span.start < k.end && span.end > k.start)) continue;
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Per-page cache so every source sees the same spans without rescanning. */
export class LineScanner {
  private readonly cache = new Map<number, ValueSpan[]>();

  constructor(private readonly options: ParseOptions) {}

  spans(line: Line): ValueSpan[] {
    let spans = this.cache.get(line.index);
    if (!spans) {
      spans = scanLine(line, this.options);
      this.cache.set(line.index, spans);
    }
    return spans;
  }
}
