// Numbers: "1,234.5", "1.234,5" (de), "12 kg", "3.5k", "2 million", "50%", "4.5 out of 5", "30+".
// Rules: the first number in the text is the value; k/M/B and thousand/million/billion multiply;
// a unit written after it is reported, not converted; percentages stay as written (50% → 50).

import type { ParseOptions } from './column-type';
import { formatPlain, readDecimal, shiftDecimal, toNumber } from './decimal';
import { decimalSeparatorFor } from './locale';
import { numberTokens, readMultiplier } from './number-tokens';
import { failure, type NumberValue, type ParseFailure, quote } from './parse-result';
import { collapseWhitespace, unifyDashes } from './text';

const WORD_NUMBERS: Record<string, number> = {
  zero: 0, none: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, dozen: 12,
};

const APPROX_BEFORE = /(~|≈|\bapprox\.?|\bapproximately|\babout|\baround|\bcirca|\bca\.|\bover|\bmore than|\bup to|\bnearly|\balmost)\s*$/i;

export function parseNumber(raw: string, options: ParseOptions = {}): NumberValue | ParseFailure {
  const text = unifyDashes(collapseWhitespace(raw)).slice(0, 500);
  if (!text) return failure('number', 'empty value');
  const tokens = numberTokens(text, 1);
  if (tokens.length === 0) {
    const word = /^\s*([a-z]+)\b/i.exec(text)?.[1]?.toLowerCase();
    if (word && word in WORD_NUMBERS) {
      const value = WORD_NUMBERS[word];
      return { ok: true, type: 'number', canonical: String(value), value, approximate: false };
    }
    return failure('number', `no number found in ${quote(raw)}`);
  }
  const token = tokens[0];
  let parts = readDecimal(token.text, 'number', decimalSeparatorFor(options));
  if (!parts) return failure('number', `cannot read ${quote(token.text)} as one number in ${quote(raw)}`);
  const before = text.slice(0, token.start);
  if (/(^|[\s(:=])-$/.test(before)) parts = { ...parts, negative: true };
  let after = text.slice(token.end);
  const multiplier = readMultiplier(after);
  if (multiplier) {
    parts = shiftDecimal(parts, multiplier.places);
    after = after.slice(multiplier.length);
  }
  const approximate = APPROX_BEFORE.test(before) || /^\+/.test(after);
  // "4.5 out of 5", "4.5/5": a scale, not a unit.
  const isScale = /^\s*(?:out of|\/)\s*\d/i.test(after);
  const unitMatch = isScale ? null : /^\s?(%|‰|°\s?[CF]?|[\p{L}µ²³]+(?:[ /][\p{L}²³]+)?)/u.exec(after.replace(/^\+/, ''));
  const unit = unitMatch ? unitMatch[1].trim() : undefined;
  const result: NumberValue = {
    ok: true,
    type: 'number',
    canonical: formatPlain(parts),
    value: toNumber(parts),
    approximate,
  };
  if (unit && unit.length <= 15) result.unit = unit;
  return result;
}
