// One entry point for every column type: raw text in, canonical string (or a reason) out.

import { parseBoolean } from './boolean';
import type { ColumnType, ParseOptions } from './column-type';
import { parseDate } from './date';
import { parseEmail } from './email';
import { parseEnum } from './enum';
import { parseMoney } from './money';
import { parseNumber } from './number';
import { failure, type ParseResult, type TextValue } from './parse-result';
import { parsePhone } from './phone';
import { collapseWhitespace } from './text';
import { parseUrl } from './url';

export function parseText(raw: string): TextValue | ReturnType<typeof failure> {
  const canonical = collapseWhitespace(raw);
  return canonical ? { ok: true, type: 'text', canonical } : failure('text', 'empty value');
}

/**
 * Parses `raw` as a value of `type` into its canonical form (see README for each form), or
 * says why it cannot. Never throws; values are data and are never evaluated.
 */
export function parseValue<T extends ColumnType>(type: T, raw: string | null | undefined, options: ParseOptions = {}): ParseResult<T> {
  const text = raw ?? '';
  const result = ((): ParseResult => {
    switch (type as ColumnType) {
      case 'text':
        return parseText(text);
      case 'number':
        return parseNumber(text, options);
      case 'money':
        return parseMoney(text, options);
      case 'url':
        return parseUrl(text, options);
      case 'email':
        return parseEmail(text);
      case 'phone':
        return parsePhone(text, options);
      case 'date':
        return parseDate(text, options);
      case 'boolean':
        return parseBoolean(text);
      case 'enum':
        return parseEnum(text, options);
      default: {
        const unknown: never = type as never;
        return failure('text', `unknown column type ${String(unknown)}`);
      }
    }
  })();
  return result as ParseResult<T>;
}

/** The canonical form, or null when the raw value does not parse as `type`. */
export function canonicalize(type: ColumnType, raw: string | null | undefined, options: ParseOptions = {}): string | null {
  const result = parseValue(type, raw, options);
  return result.ok ? result.canonical : null;
}
