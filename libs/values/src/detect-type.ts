// Guesses a dataset column's type from sample values (and, optionally, its header). Detection is
// stricter than parsing: "12 kg" parses as a number but a column of such values is text.

import { parseBoolean } from './boolean';
import type { ColumnType } from './column-type';
import { parseDate } from './date';
import { parseEmail } from './email';
import { findCurrencyMarkers, parseMoney } from './money';
import { parseNumber } from './number';
import { parseValue } from './parse-value';
import { parsePhone } from './phone';
import { conceptsOf } from './synonyms';
import { collapseWhitespace } from './text';
import { parseUrl } from './url';

export interface TypeDetection {
  type: ColumnType;
  /** Probability-like: share of samples that fit, discounted for small samples. */
  confidence: number;
  /** Non-empty samples looked at. */
  sampleSize: number;
  /** For `enum`: the distinct values seen, most frequent first. */
  enumValues?: string[];
}

const DATE_WORDS =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(r(s(day)?)?)?|fri(day)?|sat(urday)?|sun(day)?|st|nd|rd|th|of|am|pm|utc|gmt|t|z)\b/gi;

const STRICT: Readonly<Record<Exclude<ColumnType, 'text' | 'enum'>, (value: string) => boolean>> = {
  boolean: (v) => {
    const parsed = parseBoolean(v);
    return parsed.ok && v.length <= 20 && !/^\d+$/.test(v);
  },
  email: (v) => /^\S+@\S+\.\S+$/.test(v) && parseEmail(v).ok,
  url: (v) => !/\s/.test(v) && !v.includes('@') && (/^(https?:\/\/|www\.)/i.test(v) || /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(v)) && parseUrl(v).ok,
  phone: (v) => {
    if (!/^[+()\d\s./-]+((ext\.?|x|#)\s*\d+)?$/i.test(v)) return false;
    const digits = v.replace(/\D/g, '').length;
    if (digits < 7 || digits > 16 || !/[+()\s.-]/.test(v)) return false;
    const parsed = parsePhone(v);
    return parsed.ok && parsed.valid;
  },
  date: (v) => v.length <= 40 && parseDate(v).ok && v.replace(DATE_WORDS, '').replace(/[\d\s,./:+-]/g, '') === '',
  money: (v) => v.length <= 40 && v.split(/\s+/).length <= 4 && (findCurrencyMarkers(v).length > 0 || /^free$/i.test(v)) && parseMoney(v).ok,
  number: (v) => /^[-+~]?\s*\d[\d.,'\s]*\s*(%|k|m)?$/i.test(v) && parseNumber(v).ok,
};

const PRIORITY = ['boolean', 'email', 'url', 'phone', 'date', 'money', 'number'] as const;

function discount(fraction: number, n: number): number {
  return Math.round(fraction * (n / (n + 1)) * 1000) / 1000;
}

export function detectType(samples: readonly (string | null | undefined)[]): TypeDetection {
  const values = samples.map((s) => collapseWhitespace(s ?? '')).filter((s) => s !== '').slice(0, 1000);
  const n = values.length;
  if (n === 0) return { type: 'text', confidence: 0, sampleSize: 0 };
  const fits = (check: (value: string) => boolean): number => values.filter(check).length / n;

  for (const type of PRIORITY) {
    let fraction = fits(STRICT[type]);
    if (type === 'money' && fraction < 0.9 && fraction >= 0.3) {
      // A price column often mixes "$25" with bare "25": all must still read as money.
      fraction = fits((v) => STRICT.money(v) || STRICT.number(v));
    }
    if (fraction >= 0.9) return { type, confidence: discount(fraction, n), sampleSize: n };
  }

  const counts = new Map<string, number>();
  for (const value of values) counts.set(value.toLowerCase(), (counts.get(value.toLowerCase()) ?? 0) + 1);
  const averageLength = values.reduce((sum, v) => sum + v.length, 0) / n;
  if (n >= 8 && counts.size <= Math.max(3, Math.min(20, Math.ceil(n * 0.3))) && averageLength <= 40) {
    const firstSpelling = new Map<string, string>();
    for (const value of values) if (!firstSpelling.has(value.toLowerCase())) firstSpelling.set(value.toLowerCase(), value);
    const enumValues = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => firstSpelling.get(key) ?? key);
    const repeated = 1 - counts.size / n;
    return { type: 'enum', confidence: discount(Math.min(0.95, 0.6 + repeated * 0.4), n), sampleSize: n, enumValues };
  }
  return { type: 'text', confidence: discount(0.9, n), sampleSize: n };
}

/** The type a header alone suggests ("Sheriff Phone" → phone, "Price (USD)" → money). */
export function typeFromHeader(header: string): ColumnType | null {
  const concepts = conceptsOf(header);
  const has = (...ids: string[]): boolean => ids.some((id) => concepts.has(id));
  if (has('email')) return 'email';
  if (has('phone', 'fax', 'toll_free')) return 'phone';
  if (has('url', 'facebook', 'instagram', 'twitter', 'linkedin', 'youtube')) return 'url';
  if (has('price', 'deposit', 'tax', 'shipping', 'w:salary', 'w:revenue', 'w:budget')) return 'money';
  if (has('effective_date', 'published', 'last_updated', 'start_date', 'end_date', 'date', 'w:dob', 'w:birthday')) return 'date';
  if (has('availability') || /^(is|has|can|accept|offer|allow)s?\b/i.test(header.trim())) return 'boolean';
  if (has('rating', 'review_count', 'capacity', 'employees', 'quantity', 'founded', 'w:age', 'w:count', 'w:score')) return 'number';
  return null;
}

/** Detection for a dataset column using both its header and its samples. */
export function detectColumnType(header: string, samples: readonly (string | null | undefined)[]): TypeDetection {
  const fromSamples = detectType(samples);
  const hinted = typeFromHeader(header);
  if (!hinted || hinted === fromSamples.type) {
    if (hinted && fromSamples.sampleSize > 0) {
      return { ...fromSamples, confidence: Math.min(0.99, fromSamples.confidence + (1 - fromSamples.confidence) * 0.5) };
    }
    return fromSamples;
  }
  const values = samples.map((s) => collapseWhitespace(s ?? '')).filter((s) => s !== '');
  if (values.length === 0) return { type: hinted, confidence: 0.6, sampleSize: 0 };
  const fraction = values.filter((v) => parseValue(hinted, v).ok).length / values.length;
  // The header wins when the samples read fine as its type (a "price" column of bare numbers).
  if (fraction >= 0.9 && (fromSamples.type === 'number' || fromSamples.type === 'text' || fromSamples.type === 'enum' || fromSamples.confidence < 0.9)) {
    return { type: hinted, confidence: discount(Math.max(0.7, fraction), values.length), sampleSize: values.length };
  }
  return fromSamples;
}
