// Exact decimal handling for money and numbers: separators resolved, digits kept as strings so
// that rounding `1.005` to cents gives `1.01` (binary floats would give `1.00`).

export interface DecimalParts {
  negative: boolean;
  /** Integer digits without leading zeros ("0" for zero). */
  int: string;
  /** Fraction digits as written. */
  frac: string;
}

export type SeparatorPolicy =
  /** A lone separator followed by exactly three digits groups thousands (`$1,234`, `1.234 €`). */
  | 'money'
  /** A lone separator followed by three digits is decimal only if it is the locale's decimal mark. */
  | 'number';

/**
 * Reads one numeric token such as `1.234,56`, `1 234,56`, `1'234.50`, `1,234` or `12`.
 * Returns null if the separators cannot belong to one number (`1,2,3.4.5`).
 */
export function readDecimal(token: string, policy: SeparatorPolicy, decimalSeparator: '.' | ','): DecimalParts | null {
  let text = token.trim();
  let negative = false;
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1);
  }
  text = text.replace(/(\d)[\s'’\u00a0\u202f\u2009](?=\d{3}(?:\D|$))/g, '$1');
  if (!/^\d*(?:[.,]\d+)*$/.test(text) || !/\d/.test(text)) return null;
  const dots = (text.match(/\./g) ?? []).length;
  const commas = (text.match(/,/g) ?? []).length;
  let decimalMark: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) {
    decimalMark = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
    const groupMark = decimalMark === '.' ? ',' : '.';
    if ((decimalMark === '.' ? dots : commas) > 1) return null;
    if (text.lastIndexOf(groupMark) > text.lastIndexOf(decimalMark)) return null;
  } else if (dots + commas === 1) {
    const mark = dots ? '.' : ',';
    const [before, after] = text.split(mark);
    const looksGrouped = after.length === 3 && before.length >= 1 && before.length <= 3 && before !== '0';
    if (!looksGrouped) decimalMark = mark;
    else if (policy === 'number' && mark === decimalSeparator) decimalMark = mark;
  } else if (dots + commas > 1) {
    // Several identical marks can only be thousands groups: 1.234.567 or 1,234,567.
    const groups = text.split(dots ? '.' : ',');
    if (groups.slice(1).some((group) => group.length !== 3)) return null;
  }
  let int = text;
  let frac = '';
  if (decimalMark) {
    const at = text.lastIndexOf(decimalMark);
    int = text.slice(0, at);
    frac = text.slice(at + 1);
  }
  int = int.replace(/[.,]/g, '').replace(/^0+(?=\d)/, '') || '0';
  return { negative, int, frac };
}

/** Moves the decimal point right (`3.5` with 3 → `3500`), for `k`/`M` suffixes. */
export function shiftDecimal(parts: DecimalParts, places: number): DecimalParts {
  const digits = parts.int + parts.frac.padEnd(places, '0');
  const pointAt = parts.int.length + places;
  return {
    negative: parts.negative,
    int: digits.slice(0, pointAt).replace(/^0+(?=\d)/, '') || '0',
    frac: digits.slice(pointAt),
  };
}

/** Rounds half away from zero to a fixed number of decimals; returns the plain string. */
export function formatFixed(parts: DecimalParts, decimals: number): string {
  let int = parts.int;
  let frac = parts.frac;
  if (frac.length > decimals) {
    const roundUp = frac.charCodeAt(decimals) >= 53; // '5'
    frac = frac.slice(0, decimals);
    if (roundUp) {
      const bumped = (BigInt(int + frac) + 1n).toString().padStart(int.length + decimals, '0');
      int = bumped.slice(0, bumped.length - decimals) || '0';
      frac = bumped.slice(bumped.length - decimals);
    }
  }
  frac = frac.padEnd(decimals, '0');
  const isZero = /^0*$/.test(int + frac);
  const sign = parts.negative && !isZero ? '-' : '';
  return decimals > 0 ? `${sign}${int}.${frac}` : `${sign}${int}`;
}

/** The shortest plain decimal string: no exponent, no trailing zeros (`1234.50` → `1234.5`). */
export function formatPlain(parts: DecimalParts): string {
  const frac = parts.frac.replace(/0+$/, '');
  const isZero = /^0*$/.test(parts.int + frac);
  const sign = parts.negative && !isZero ? '-' : '';
  return frac ? `${sign}${parts.int}.${frac}` : `${sign}${parts.int}`;
}

export function toNumber(parts: DecimalParts): number {
  const value = Number(`${parts.int}.${parts.frac || '0'}`);
  return parts.negative ? -value : value;
}
