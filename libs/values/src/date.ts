// Dates to ISO "2025-03-01" from the ways people write them: "March 1, 2025", "1 Mar 2025",
// "Sat, 1st March 2025", "2025-03-01T10:00Z", "03/01/2025" (month first in the US, day first
// elsewhere, see locale.ts), "01.03.2025" (dots: always day first unless told otherwise),
// and month names in German, French, Spanish, Italian, Dutch and Portuguese.
// The first date in the text wins; a date without a year is rejected (we do not guess years).

import type { DateOrder, ParseOptions } from './column-type';
import { dateOrderFor } from './locale';
import { type DateValue, failure, type ParseFailure, quote } from './parse-result';
import { collapseWhitespace, foldDiacritics, unifyDashes } from './text';

const MONTH_NAMES: Record<string, number> = {};
const addMonths = (names: string[]): void => names.forEach((name, i) => name.split('|').forEach((n) => (MONTH_NAMES[n] = i + 1)));
addMonths(['january|jan', 'february|feb', 'march|mar', 'april|apr', 'may', 'june|jun', 'july|jul', 'august|aug',
  'september|sep|sept', 'october|oct', 'november|nov', 'december|dec']);
addMonths(['januar|jan|janner', 'februar|feb', 'marz|maerz|mrz', 'april|apr', 'mai', 'juni', 'juli', 'august|aug',
  'september|sep|sept', 'oktober|okt', 'november|nov', 'dezember|dez']);
addMonths(['janvier|janv', 'fevrier|fevr|fev', 'mars', 'avril|avr', 'mai', 'juin', 'juillet|juil', 'aout',
  'septembre', 'octobre', 'novembre', 'decembre']);
addMonths(['enero|ene', 'febrero', 'marzo', 'abril|abr', 'mayo', 'junio', 'julio', 'agosto|ago', 'septiembre|setiembre',
  'octubre', 'noviembre', 'diciembre|dic']);
addMonths(['gennaio|gen', 'febbraio', 'marzo', 'aprile', 'maggio|mag', 'giugno|giu', 'luglio|lug', 'agosto',
  'settembre|set', 'ottobre|ott', 'novembre', 'dicembre']);
addMonths(['januari', 'februari', 'maart|mrt', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober',
  'november', 'december']);
addMonths(['janeiro', 'fevereiro|fev', 'marco', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro|out',
  'novembro', 'dezembro|dez']);

const MONTH = `(${Object.keys(MONTH_NAMES).sort((a, b) => b.length - a.length).join('|')})`;
const MONTH_PREFIX = new RegExp(`(?:${[...new Set(Object.keys(MONTH_NAMES).map((name) => name.slice(0, 3)))].join('|')})`, 'i');
const WEEKDAY = '(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\\.?,?\\s+)?';
const ORDINAL = '(?:st|nd|rd|th|er|e|o|\\.)?';

const PATTERNS: readonly { regex: RegExp; read: (m: RegExpExecArray, order: DateOrder, explicitOrder: boolean) => Parts | null }[] = [
  {
    // 2025-03-01, 2025/3/1, 2025.03.01, 2025-03-01T10:00:00Z
    regex: /\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])/,
    read: (m) => ({ year: +m[1], month: +m[3], day: +m[4], ambiguous: false }),
  },
  {
    // March 1, 2025 / Mar. 1st 2025 / Saturday, March 1, 2025
    regex: new RegExp(`\\b${WEEKDAY}${MONTH}\\.?\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})\\b`, 'i'),
    read: (m) => ({ year: +m[3], month: MONTH_NAMES[m[1].toLowerCase()], day: +m[2], ambiguous: false }),
  },
  {
    // 1 March 2025 / 1st of March, 2025 / 1. März 2025 / 1 de marzo de 2025 / 01-Mar-2025 / 1-Mar-25
    regex: new RegExp(`\\b(\\d{1,2})${ORDINAL}(?:\\s+of)?[\\s/-]*(?:de\\s+)?${MONTH}\\.?,?[\\s/-]*(?:de\\s+)?(\\d{4}|\\d{2}(?![\\d:]))`, 'i'),
    read: (m) => ({ year: expandYear(m[3]), month: MONTH_NAMES[m[2].toLowerCase()], day: +m[1], ambiguous: false }),
  },
  {
    // 03/01/2025, 3-1-25, 01.03.2025 — dotted dates are day-first by convention unless dateOrder forces otherwise
    regex: /\b(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])/,
    read: (m, order, explicit) => readNumeric(+m[1], +m[3], expandYear(m[4]), m[2] === '.' && !explicit ? 'DMY' : order),
  },
];

interface Parts {
  year: number;
  month: number;
  day: number;
  ambiguous: boolean;
}

function expandYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

function readNumeric(first: number, second: number, year: number, order: DateOrder): Parts | null {
  if (first > 12 && second <= 12) return { year, month: second, day: first, ambiguous: false };
  if (second > 12 && first <= 12) return { year, month: first, day: second, ambiguous: false };
  const ambiguous = first !== second;
  return order === 'MDY'
    ? { year, month: first, day: second, ambiguous }
    : { year, month: second, day: first, ambiguous };
}

function isRealDate({ year, month, day }: Parts): boolean {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= daysInMonth[month - 1];
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function parseDate(raw: string, options: ParseOptions = {}): DateValue | ParseFailure {
  const order = dateOrderFor(options);
  const text = foldDiacritics(unifyDashes(collapseWhitespace(raw))).slice(0, 500);
  if (!text) return failure('date', 'empty value');
  let best: { at: number; parts: Parts } | undefined;
  for (const { regex, read } of PATTERNS) {
    const match = regex.exec(text);
    if (!match || (best && best.at <= match.index)) continue;
    const parts = read(match, order, options.dateOrder !== undefined);
    if (parts && isRealDate(parts)) best = { at: match.index, parts };
  }
  if (!best) return failure('date', `no complete date (day, month and year) found in ${quote(raw)}`);
  const { year, month, day, ambiguous } = best.parts;
  return {
    ok: true,
    type: 'date',
    canonical: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    year,
    month,
    day,
    ambiguousOrder: ambiguous,
  };
}

export interface DateMention {
  start: number;
  end: number;
  value: DateValue;
}

/** Every complete date written in the text, in order, without overlaps (for pattern extraction). */
export function findDates(raw: string, options: ParseOptions = {}): DateMention[] {
  const text = foldDiacritics(unifyDashes(raw)).slice(0, 20_000);
  if (text.length !== raw.slice(0, 20_000).length) return []; // folding changed offsets: rare, not worth guessing
  const order = dateOrderFor(options);
  const found: { start: number; end: number; parts: Parts }[] = [];
  // Cheap gates before the big month-name patterns: most lines have no date at all.
  const mayHaveMonthName = MONTH_PREFIX.test(text);
  const mayBeNumeric = /\d[./-]\d/.test(text);
  for (const [index, { regex, read }] of PATTERNS.entries()) {
    if ((index === 1 || index === 2) && !mayHaveMonthName) continue;
    if ((index === 0 || index === 3) && !mayBeNumeric) continue;
    const global = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
    for (let match = global.exec(text); match; match = global.exec(text)) {
      const parts = read(match, order, options.dateOrder !== undefined);
      if (parts && isRealDate(parts)) found.push({ start: match.index, end: match.index + match[0].length, parts });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const mentions: DateMention[] = [];
  let lastEnd = -1;
  for (const item of found) {
    if (item.start < lastEnd) continue;
    lastEnd = item.end;
    const { year, month, day, ambiguous } = item.parts;
    mentions.push({
      start: item.start,
      end: item.end,
      value: { ok: true, type: 'date', canonical: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, year, month, day, ambiguousOrder: ambiguous },
    });
  }
  return mentions;
}
