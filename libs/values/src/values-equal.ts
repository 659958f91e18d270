// Type-aware equality for ground-truth comparison: "$25" equals "25.00 USD", "(512) 555-0147"
// equals "+1 512-555-0147", "https://www.x.com/a/" equals "x.com/a", "Mar 1, 2025" equals
// "2025-03-01", and free text ignores case, whitespace and punctuation.

import type { ColumnType, ParseOptions } from './column-type';
import { parseValue } from './parse-value';
import { textKey } from './text';
import { urlKey } from './url';

export interface CompareOptions extends ParseOptions {
  /** Largest money difference still equal, in currency units. Default 0.005. */
  moneyTolerance?: number;
  /** Largest absolute number difference still equal. Default: exact up to float noise. */
  numberTolerance?: number;
}

const EPSILON = 1e-9;

const isBlank = (value: string | null | undefined): boolean => value === null || value === undefined || value.trim() === '';

export function valuesEqual(
  type: ColumnType,
  expected: string | null | undefined,
  actual: string | null | undefined,
  options: CompareOptions = {},
): boolean {
  if (isBlank(expected) || isBlank(actual)) return isBlank(expected) && isBlank(actual);
  const a = expected as string;
  const b = actual as string;
  switch (type) {
    case 'money': {
      const x = parseValue('money', a, options);
      const y = parseValue('money', b, options);
      if (!x.ok || !y.ok) break;
      // A side written without currency ("25") agrees with any currency: it never said otherwise.
      const sameCurrency = x.currency === y.currency || x.currencyAssumed || y.currencyAssumed;
      return sameCurrency && Math.abs(x.amount - y.amount) <= (options.moneyTolerance ?? 0.005) + EPSILON;
    }
    case 'number': {
      const x = parseValue('number', a, options);
      const y = parseValue('number', b, options);
      if (!x.ok || !y.ok) break;
      const tolerance = options.numberTolerance ?? EPSILON * Math.max(1, Math.abs(x.value));
      return Math.abs(x.value - y.value) <= tolerance;
    }
    case 'url': {
      const x = urlKey(a, options.baseUrl);
      const y = urlKey(b, options.baseUrl);
      if (x === null || y === null) break;
      return x.toLowerCase() === y.toLowerCase();
    }
    case 'enum': {
      const x = parseValue('enum', a, options);
      const y = parseValue('enum', b, options);
      if (!x.ok || !y.ok) break;
      return textKey(x.canonical) === textKey(y.canonical);
    }
    case 'phone':
    case 'email':
    case 'date':
    case 'boolean': {
      const x = parseValue(type, a, options);
      const y = parseValue(type, b, options);
      if (!x.ok || !y.ok) break;
      return x.canonical === y.canonical;
    }
    case 'text':
      break;
    default: {
      const unknown: never = type;
      throw new Error(`unknown column type ${String(unknown)}`);
    }
  }
  return textKey(a) === textKey(b);
}
