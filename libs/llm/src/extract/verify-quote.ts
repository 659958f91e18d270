// Checks the model's evidence against the page it was shown: is the quote really on the page
// (ignoring case, whitespace, dashes and quote styles, and "…" elisions), and does the value
// appear in the quote? A model that invents a quote, or quotes one thing and answers another,
// loses confidence.

import type { ColumnType } from '@fieldwork/values';
import { foldDiacritics, unifyDashes } from '@fieldwork/values';

/** Lowercase, diacritics folded, dashes/quotes unified, whitespace collapsed. */
export function normalizeForMatch(text: string): string {
  return unifyDashes(foldDiacritics(text.normalize('NFKC')))
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033«»]/g, '"')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Letters and digits only: survives the model dropping table pipes, bullets or punctuation. */
function alnum(text: string): string {
  return normalizeForMatch(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

const digits = (text: string): string => text.replace(/\D+/g, '');

/** Types whose value is read off the page literally (not inferred like a boolean or an enum). */
const LITERAL_TYPES: ReadonlySet<ColumnType> = new Set(['text', 'number', 'money', 'url', 'email', 'phone']);

export class PageEvidence {
  private readonly normal: string;
  private readonly loose: string;

  constructor(private readonly pageText: string) {
    this.normal = normalizeForMatch(pageText);
    this.loose = alnum(pageText);
  }

  /** The quote occurs on the page. Parts separated by "..." or "…" must occur in order. */
  containsQuote(quote: string | null): boolean {
    if (!quote) return false;
    const parts = quote.split(/\.{3,}|…|\[…\]/).map((p) => p.trim()).filter((p) => p.length > 0);
    if (!parts.length) return false;
    if (parts.length === 1) {
      const normal = normalizeForMatch(parts[0]);
      // A one-character "quote" proves nothing.
      if (normal.length >= 2 && this.normal.includes(normal)) return true;
      const loose = alnum(parts[0]);
      return loose.length >= 3 && this.loose.includes(loose);
    }
    // Elided quote: every part, in order (compared by letters and digits only).
    let from = 0;
    for (const part of parts) {
      const loose = alnum(part);
      if (!loose) continue;
      const at = this.loose.indexOf(loose, from);
      if (at < 0) return false;
      from = at + loose.length;
    }
    return from >= 3;
  }

  /** The raw value (as the model wrote it) occurs on the page; only meaningful for literal types. */
  containsValue(raw: string, type: ColumnType): boolean {
    return valueInText(raw, type, this.pageText);
  }

  /** Up to `max` characters of page text around the first occurrence of `raw`, or null. */
  snippetAround(raw: string, max = 200): string | null {
    const needle = raw.trim().toLowerCase();
    if (needle.length < 2) return null;
    const at = this.pageText.toLowerCase().indexOf(needle);
    if (at < 0) return null;
    const lineStart = this.pageText.lastIndexOf('\n', at) + 1;
    const lineEndRaw = this.pageText.indexOf('\n', at + needle.length);
    const lineEnd = lineEndRaw < 0 ? this.pageText.length : lineEndRaw;
    const start = Math.max(lineStart, at - Math.floor((max - needle.length) / 2));
    return this.pageText.slice(start, Math.min(lineEnd, start + max)).trim();
  }
}

/**
 * Whether `text` shows the value `raw`: its letters and digits (phones and amounts: its digits)
 * appear in the text. Meaningful for literal types only ({@link isLiteralType}); inferred types
 * are not checked: "In stock" supports `true`, a script host supports "Square".
 */
export function valueInText(raw: string, type: ColumnType, text: string): boolean {
  if (type === 'phone') {
    const value = digits(raw);
    // The last 7 digits: "+1 (615) 555-0190" is on the page as "615.555.0190".
    const tail = value.slice(-7);
    return tail.length >= 5 && digits(text).includes(tail);
  }
  if (type === 'money' || type === 'number') {
    const value = digits(raw).replace(/^0+(?=\d)/, '');
    if (!value) return false;
    const page = digits(text);
    if (page.includes(value)) return true;
    // "98.00" answered, "$98" written.
    const whole = /^(.*\d)[.,]0+$/.exec(raw.replace(/[^\d.,]/g, ''));
    return whole !== null && page.includes(digits(whole[1]));
  }
  const value = alnum(raw);
  return value.length > 0 && alnum(text).includes(value);
}

export function isLiteralType(type: ColumnType): boolean {
  return LITERAL_TYPES.has(type);
}
