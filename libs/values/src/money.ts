// Money: "$1,234.56", "1.234,56 €", "CHF 12.50", "from S$25", "$20–$30", "Free" → "25.00 USD".
// Rules: the amount next to a currency marker wins over other numbers; a range gives its first
// amount; a lone separator before exactly three digits groups thousands ("€1.500" = 1500).

import type { ParseOptions } from './column-type';
import { CURRENCY_MARKERS, ISO_CODES, minorDigits, resolveCurrency } from './currency';
import { type DecimalParts, formatFixed, readDecimal, shiftDecimal, toNumber } from './decimal';
import { regionOf } from './locale';
import { numberTokens, readMultiplier, type NumberToken } from './number-tokens';
import { failure, type MoneyPeriod, type MoneyValue, type ParseFailure, quote } from './parse-result';
import { collapseWhitespace, unifyDashes } from './text';

interface Marker {
  start: number;
  end: number;
  code: string;
}

const FREE = /\b(free|gratis|kostenlos|gratuit|gratuito|no charge|no cost|complimentary|free of charge|included)\b/i;
const FROM_BEFORE =
  /\b(from|starting at|starting from|starts at|starting|as low as|ab|à partir de|a partir de|desde|dès)(?:\s+(?:just|only))?\s*$/i;
const PERIODS: readonly [RegExp, MoneyPeriod][] = [
  [/^(mo|mos|month|months|monthly|mth)\b/i, 'month'],
  [/^(yr|yrs|year|years|yearly|annum|annual|annually)\b/i, 'year'],
  [/^(wk|wks|week|weeks|weekly)\b/i, 'week'],
  [/^(day|days|daily)\b/i, 'day'],
  [/^(night|nights|nightly)\b/i, 'night'],
  [/^(hr|hrs|hour|hours|hourly)\b/i, 'hour'],
  [/^(class|classes)\b/i, 'class'],
  [/^(session|sessions)\b/i, 'session'],
  [/^(visit|visits)\b/i, 'visit'],
  [/^(person|people|pp|guest|adult|child|ticket)\b/i, 'person'],
];

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

// One pass for every symbol, longest first (so "HK$" wins over "$"), then one for ISO codes.
const SYMBOL_PATTERN = new RegExp(
  [...CURRENCY_MARKERS]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([symbol]) => symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'gi',
);
const SYMBOL_CODE = new Map(CURRENCY_MARKERS.map(([symbol, code]) => [symbol.toLowerCase(), { symbol, code }]));
const CODE_PATTERN = /\b([A-Za-z]{3})\b/g;

/** Every currency marker in the text, longest first, never overlapping. */
export function findCurrencyMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  if (!/[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]|[$A-Za-z]/.test(text)) return markers;
  SYMBOL_PATTERN.lastIndex = 0;
  for (let m = SYMBOL_PATTERN.exec(text); m; m = SYMBOL_PATTERN.exec(text)) {
    const entry = SYMBOL_CODE.get(m[0].toLowerCase());
    if (!entry) continue;
    const { symbol, code } = entry;
    const wordLike = /^[A-Za-z]/.test(symbol);
    // Symbols are case-sensitive ("Ft", "RM"), long currency words are not ("Dollars").
    if (wordLike && !/^[a-z]{4,}$/.test(symbol) && m[0] !== symbol) continue;
    const end = m.index + m[0].length;
    if (wordLike && (isLetter(text[m.index - 1]) || (isLetter(text[end]) && !symbol.endsWith('.')))) continue;
    markers.push({ start: m.index, end, code });
  }
  CODE_PATTERN.lastIndex = 0;
  for (let match = CODE_PATTERN.exec(text); match; match = CODE_PATTERN.exec(text)) {
    const upper = match[1].toUpperCase();
    if (!ISO_CODES.has(upper)) continue;
    // Lowercase codes ("usd") count only when written right next to a digit.
    const nearDigit = /\d\s?$/.test(text.slice(Math.max(0, match.index - 2), match.index)) || /^\s?\d/.test(text.slice(match.index + 3, match.index + 5));
    if (match[1] !== upper && !nearDigit) continue;
    const start = match.index;
    if (markers.some((m) => start < m.end && start + 3 > m.start)) continue;
    markers.push({ start, end: start + 3, code: upper });
  }
  return markers.sort((a, b) => a.start - b.start);
}

function adjacentMarker(text: string, token: NumberToken, tokenEnd: number, markers: Marker[]): Marker | undefined {
  let best: Marker | undefined;
  let bestGap = Infinity;
  let explicitCode: Marker | undefined;
  for (const marker of markers) {
    let gap = Infinity;
    if (marker.end <= token.start) {
      const between = text.slice(marker.end, token.start);
      if (/^\s{0,2}-?\s{0,1}$/.test(between)) gap = between.length;
    } else if (marker.start >= tokenEnd) {
      const between = text.slice(tokenEnd, marker.start);
      if (/^\s{0,2}$/.test(between) && !/^\s?\d/.test(text.slice(marker.end))) gap = between.length + 0.5;
    }
    if (gap < bestGap) {
      best = marker;
      bestGap = gap;
    }
    if (gap !== Infinity && /^[A-Z]{3}$/.test(marker.code)) explicitCode = marker;
  }
  // "$27 AUD": a code next to a bare dollar sign says which dollar.
  if (best && explicitCode && best.code.startsWith('~')) return explicitCode;
  return best;
}

function periodAfter(raw: string): MoneyPeriod | undefined {
  const after = raw.replace(/^\s*[A-Z]{3}\b/, '');
  const match = /^\s*(?:\/|per\b|a\b|an\b|each\b|every\b|\bfor\s+(?:a|one|1)\b)?\s*/i.exec(after);
  const rest = after.slice(match ? match[0].length : 0);
  if (match && match[0].trim() === '') {
    // Without "/" or "per" only the -ly words count ("$99 monthly"), not "$25 class pack".
    if (!/^(monthly|yearly|annually|weekly|daily|nightly|hourly)\b/i.test(rest)) return undefined;
  }
  for (const [pattern, period] of PERIODS) if (pattern.test(rest)) return period;
  return undefined;
}

export function parseMoney(raw: string, options: ParseOptions = {}): MoneyValue | ParseFailure {
  const text = unifyDashes(collapseWhitespace(raw)).slice(0, 500);
  if (!text) return failure('money', 'empty value');
  const defaultCurrency = (options.defaultCurrency ?? 'USD').toUpperCase();
  const region = regionOf(options);
  const markers = findCurrencyMarkers(text);
  const tokens = numberTokens(text).filter((token) => !markers.some((m) => token.start < m.end && token.end > m.start));

  // "Free", "Free!", "Free for members" are zero; "Free over $89" is a threshold, read as the amount.
  const startsFree = /^\W*(free|gratis|complimentary|no charge)\b/i.test(text) && !/^\W*free\s+(over|above|on|for orders|with|when|after)\b/i.test(text);
  if (tokens.length === 0 || startsFree) {
    if (FREE.test(text)) {
      const currency = resolveCurrency(markers[0]?.code ?? defaultCurrency, defaultCurrency, region);
      return build({ negative: false, int: '0', frac: '' }, currency, !markers.length, { isFree: true });
    }
    return failure('money', `no amount found in ${quote(raw)}`);
  }

  let chosen = tokens[0];
  let chosenEnd = chosen.end;
  let marker: Marker | undefined;
  for (const token of tokens) {
    const end = token.end + (readMultiplier(text.slice(token.end))?.length ?? 0);
    const adjacent = adjacentMarker(text, token, end, markers);
    if (adjacent) {
      chosen = token;
      chosenEnd = end;
      marker = adjacent;
      break;
    }
  }
  if (!marker) chosenEnd = chosen.end + (readMultiplier(text.slice(chosen.end))?.length ?? 0);
  marker ??= markers[0];

  let code = resolveCurrency(marker?.code ?? defaultCurrency, defaultCurrency, region);
  // Dinars and rials have three minor digits: "12.500 KWD" is twelve and a half.
  const threeDecimals = minorDigits(code) === 3;
  const ownMark = chosen.text.includes(',') && !chosen.text.includes('.') ? ',' : '.';
  let parts = readDecimal(chosen.text, threeDecimals ? 'number' : 'money', threeDecimals ? ownMark : '.');
  if (!parts) return failure('money', `cannot read the amount ${quote(chosen.text)} in ${quote(raw)}`);
  const multiplier = readMultiplier(text.slice(chosen.end));
  if (multiplier) parts = shiftDecimal(parts, multiplier.places);
  let currencyAssumed = !marker;
  if (text[chosenEnd] === '¢' || text.slice(chosenEnd, chosenEnd + 6).toLowerCase().startsWith(' cents')) {
    const digits = parts.int.padStart(3, '0');
    parts = { negative: parts.negative, int: digits.slice(0, -2).replace(/^0+(?=\d)/, ''), frac: digits.slice(-2) + parts.frac };
    code = resolveCurrency('~DOLLAR', defaultCurrency, region);
    currencyAssumed = false;
  }

  const before = text.slice(0, Math.min(chosen.start, marker && marker.end <= chosen.start ? marker.start : chosen.start));
  // Only a minus glued to the amount ("-$5"); "Drop-in – $25" uses the dash as a separator.
  if (/(^|\s)-$/.test(before)) parts = { ...parts, negative: true };
  const afterToken = text.slice(Math.max(chosenEnd, marker && marker.start >= chosenEnd ? marker.end : chosenEnd));
  const rangeMatch = /^\s*(?:-|to|bis|à|a)\s*(?:[^\d\s]{1,4}\s?)?(\d[\d.,]*)/i.exec(afterToken);
  let rangeMax: number | undefined;
  let afterAll = afterToken;
  if (rangeMatch) {
    const max = readDecimal(rangeMatch[1], 'money', '.');
    if (max) rangeMax = toNumber(max);
    afterAll = afterToken.slice(rangeMatch[0].length).replace(/^\s*(?:[A-Z]{3}|[^\w\s/]{1,3})/, '');
  }
  return build(parts, code, currencyAssumed, {
    isFrom: FROM_BEFORE.test(before.replace(/[^\w\s.]+$/u, '').trimEnd()),
    isRange: rangeMax !== undefined,
    rangeMax,
    period: periodAfter(afterAll),
  });
}

function build(
  parts: DecimalParts,
  currency: string,
  currencyAssumed: boolean,
  extra: Partial<Pick<MoneyValue, 'isFree' | 'isFrom' | 'isRange' | 'rangeMax' | 'period'>>,
): MoneyValue {
  const amountText = formatFixed(parts, minorDigits(currency));
  const value: MoneyValue = {
    ok: true,
    type: 'money',
    canonical: `${amountText} ${currency}`,
    amount: Number(amountText),
    currency,
    currencyAssumed,
    isFree: extra.isFree ?? false,
    isFrom: extra.isFrom ?? false,
    isRange: extra.isRange ?? false,
  };
  if (extra.rangeMax !== undefined) value.rangeMax = extra.rangeMax;
  if (extra.period) value.period = extra.period;
  return value;
}

/** Splits a canonical money string back into amount and currency. */
export function readCanonicalMoney(canonical: string): { amount: number; currency: string } | null {
  const match = /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(canonical);
  return match ? { amount: Number(match[1]), currency: match[2] } : null;
}

export interface MoneyMention {
  start: number;
  end: number;
}

/**
 * Where amounts with a currency marker are written in the text ("$25", "1.234,56 €",
 * "$20–$30"), in order. Bare numbers are not money mentions: they need a label to be prices.
 */
export function findMoneyMentions(raw: string): MoneyMention[] {
  const text = unifyDashes(raw).slice(0, 20_000);
  const markers = findCurrencyMarkers(text);
  if (markers.length === 0) return [];
  const mentions: MoneyMention[] = [];
  const tokens = numberTokens(text, 500).filter((token) => !markers.some((m) => token.start < m.end && token.end > m.start));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const end = token.end + (readMultiplier(text.slice(token.end))?.length ?? 0);
    const marker = adjacentMarker(text, token, end, markers);
    if (!marker) continue;
    let start = Math.min(marker.start, token.start);
    let stop = Math.max(marker.end, end);
    // Keep every marker touching the amount ("$27 AUD") inside the mention.
    for (const other of markers) {
      if (other.end <= token.start && /^\s{0,2}-?\s?$/.test(text.slice(other.end, token.start))) start = Math.min(start, other.start);
      // …unless it opens the next amount ("$30.00 $25.00").
      if (other.start >= end && /^\s{0,2}$/.test(text.slice(end, other.start)) && !/^\s?\d/.test(text.slice(other.end))) stop = Math.max(stop, other.end);
    }
    if (/(^|\s)-$/.test(text.slice(0, start))) start -= 1;
    const range = /^\s*(?:-|to)\s*(?:[^\d\s]{1,4}\s?)?\d(?:[\d.,]*\d)?(?:\s?[A-Z]{3}\b)?/i.exec(text.slice(stop));
    if (range) {
      stop += range[0].length;
      while (i + 1 < tokens.length && tokens[i + 1].start < stop) i += 1;
    }
    if (mentions.length && start < mentions[mentions.length - 1].end) continue;
    mentions.push({ start, end: stop });
  }
  return mentions;
}
