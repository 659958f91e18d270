// Money: canonical truth form ("25.00 USD", "1500 JPY"), the human formats pages and CSVs use,
// and a finder that reads those human formats back (tests and the results side use it).
import type { Currency } from '../types';

export interface Money {
  /** Amount in minor units (cents; yen for JPY). Integers keep formatting exact. */
  minor: number;
  currency: Currency;
}

export const CURRENCY_DECIMALS: Record<Currency, number> = { USD: 2, EUR: 2, GBP: 2, SGD: 2, AUD: 2, JPY: 0 };

export function canonicalMoney(money: Money): string {
  return `${plainAmount(money, true)} ${money.currency}`;
}

/** "25.00" / "1500": the machine amount used in JSON-LD and microdata `content`. */
export function plainAmount(money: Money, forceDecimals = true): string {
  const decimals = CURRENCY_DECIMALS[money.currency];
  if (decimals === 0) return String(money.minor);
  const whole = Math.floor(money.minor / 100);
  const cents = money.minor % 100;
  if (!forceDecimals && cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, '0')}`;
}

export const MONEY_STYLES = ['short', 'full', 'code-prefix', 'code-suffix', 'alt'] as const;
export type MoneyStyle = (typeof MONEY_STYLES)[number];

function grouped(whole: number, separator: string): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** Formats an amount with a grouping and decimal separator; whole amounts drop the cents unless `full`. */
function amount(money: Money, full: boolean, group = ',', decimal = '.'): string {
  if (CURRENCY_DECIMALS[money.currency] === 0) return grouped(money.minor, group);
  const whole = Math.floor(money.minor / 100);
  const cents = money.minor % 100;
  if (!full && cents === 0) return grouped(whole, group);
  return `${grouped(whole, group)}${decimal}${String(cents).padStart(2, '0')}`;
}

const SYMBOL: Record<Currency, string> = { USD: '$', EUR: '€', GBP: '£', SGD: 'S$', AUD: 'A$', JPY: '¥' };

/** One human rendering of an amount; every style is unambiguous about the currency. */
export function displayMoney(money: Money, style: MoneyStyle): string {
  const c = money.currency;
  switch (style) {
    case 'short':
      if (c === 'EUR') return `€${amount(money, false, '.', ',')}`;
      return `${SYMBOL[c]}${amount(money, false)}`;
    case 'full':
      if (c === 'EUR') return `${amount(money, true, '.', ',')} €`;
      return `${SYMBOL[c]}${amount(money, true)}`;
    case 'code-prefix':
      return `${c} ${amount(money, false)}`;
    case 'code-suffix':
      if (c === 'EUR') return `${amount(money, true, '.', ',')} EUR`;
      return `${amount(money, true)} ${c}`;
    case 'alt':
      if (c === 'USD' || c === 'SGD' || c === 'AUD') return `$${amount(money, false)} ${c}`;
      if (c === 'EUR') return `€ ${amount(money, true, '.', ',')}`;
      if (c === 'GBP') return `£${amount(money, true)}`;
      return `${amount(money, false)}円`;
    default: {
      const never: never = style;
      throw new Error(`unknown money style ${String(never)}`);
    }
  }
}

const PREFIXES: Record<string, Currency> = {
  US$: 'USD',
  S$: 'SGD',
  SG$: 'SGD',
  A$: 'AUD',
  AU$: 'AUD',
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  USD: 'USD',
  EUR: 'EUR',
  GBP: 'GBP',
  SGD: 'SGD',
  AUD: 'AUD',
  JPY: 'JPY',
};
const SUFFIXES: Record<string, Currency> = {
  '€': 'EUR',
  円: 'JPY',
  USD: 'USD',
  EUR: 'EUR',
  GBP: 'GBP',
  SGD: 'SGD',
  AUD: 'AUD',
  JPY: 'JPY',
};

const PREFIX = '(US\\$|SG\\$|AU\\$|S\\$|A\\$|\\$|€|£|¥|USD|EUR|GBP|SGD|AUD|JPY)';
const NUMBER = '(\\d{1,3}(?:[.,]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)(?!\\d)';
// A trailing marker never binds when a number follows it: in "4 €7,99" the € belongs to 7,99.
const NOT_BEFORE_NUMBER = '(?![A-Za-z])(?![ \\u00a0]?\\d)';
const MONEY_PATTERN = new RegExp(
  `(?<![A-Za-z0-9])${PREFIX}[ \\u00a0]?${NUMBER}(?:[ \\u00a0]?(USD|EUR|GBP|SGD|AUD|JPY)${NOT_BEFORE_NUMBER})?` +
    `|(?<![A-Za-z0-9.,])${NUMBER}[ \\u00a0]?(€|円|USD|EUR|GBP|SGD|AUD|JPY)${NOT_BEFORE_NUMBER}`,
  'g',
);

/** Parses "1.500,00", "1,500", "25.5", "25,00" into minor units for the currency. */
function parseAmount(text: string, currency: Currency): number | null {
  const decimals = CURRENCY_DECIMALS[currency];
  const lastSep = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
  let whole = text;
  let frac = '';
  if (lastSep >= 0 && text.length - lastSep - 1 <= 2) {
    whole = text.slice(0, lastSep);
    frac = text.slice(lastSep + 1);
  }
  whole = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole)) return null;
  if (decimals === 0) return frac && /[1-9]/.test(frac) ? null : Number(whole);
  return Number(whole) * 100 + Number(frac.padEnd(2, '0') || '0');
}

/** Every money mention in free text, as canonical strings (a bare number is not money). */
export function findMoney(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(MONEY_PATTERN)) {
    const [, prefix, prefixedNumber, codeAfter, suffixedNumber, suffix] = match;
    const number = prefixedNumber ?? suffixedNumber;
    // "$30 SGD": a code after a bare dollar sign says which dollar; otherwise the prefix decides.
    const currency = prefix ? (prefix === '$' && codeAfter ? SUFFIXES[codeAfter] : PREFIXES[prefix]) : SUFFIXES[suffix as string];
    if (!currency || number === undefined) continue;
    const minor = parseAmount(number, currency);
    if (minor !== null) found.push(canonicalMoney({ minor, currency }));
  }
  return found;
}

/** Reads one human value (a CSV cell) back to canonical form, or null. */
export function parseMoney(text: string, defaultCurrency: Currency = 'USD'): string | null {
  const [first] = findMoney(text);
  if (first) return first;
  const bare = text.trim().match(/^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/);
  if (!bare) return null;
  const minor = parseAmount(text.trim(), defaultCurrency);
  return minor === null ? null : canonicalMoney({ minor, currency: defaultCurrency });
}
