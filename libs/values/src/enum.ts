// Enums: the raw text must name exactly one allowed value, case-insensitively. "toast" → "Toast";
// "We use Square for payments" → "Square" when exactly one allowed value is mentioned.

import type { ParseOptions } from './column-type';
import { type EnumValue, failure, type ParseFailure, quote } from './parse-result';
import { collapseWhitespace, textKey } from './text';

function build(canonical: string, match: EnumValue['match']): EnumValue {
  return { ok: true, type: 'enum', canonical, match };
}

const compact = (text: string): string => textKey(text).replace(/ /g, '');

export function parseEnum(raw: string, options: ParseOptions = {}): EnumValue | ParseFailure {
  const text = collapseWhitespace(raw).slice(0, 1000);
  if (!text) return failure('enum', 'empty value');
  const allowed = (options.enumValues ?? []).filter((value) => value.trim() !== '');
  if (allowed.length === 0) return build(text, 'free');

  const lower = text.toLowerCase();
  const exact = allowed.find((value) => value.trim().toLowerCase() === lower);
  if (exact !== undefined) return build(exact, 'exact');

  const key = compact(text);
  const normalized = allowed.filter((value) => compact(value) === key && key !== '');
  if (normalized.length === 1) return build(normalized[0], 'normalized');

  // Mentions: the allowed value as whole words inside the text, or the text inside the value.
  const spaced = ` ${textKey(text)} `;
  const mentioned = allowed.filter((value) => {
    const valueKey = textKey(value);
    return valueKey !== '' && spaced.includes(` ${valueKey} `);
  });
  mentioned.sort((a, b) => textKey(b).length - textKey(a).length);
  // Several mentions are fine only when the longest contains the others ("Square for Restaurants" / "Square").
  if (mentioned.length > 0 && mentioned.slice(1).every((other) => textKey(mentioned[0]).includes(textKey(other)))) {
    return build(mentioned[0], 'contains');
  }
  const containing = allowed.filter((value) => ` ${textKey(value)} `.includes(spaced) && key.length >= 3);
  if (containing.length === 1) return build(containing[0], 'contains');
  return failure('enum', `${quote(raw)} is none of the allowed values (${allowed.slice(0, 8).join(', ')}${allowed.length > 8 ? ', …' : ''})`);
}
