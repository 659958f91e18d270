// Phones to E.164 ("+15125550147") with libphonenumber-js: national numbers read in the default
// region, extensions kept aside, vanity numbers ("1-800-FLOWERS") spelled out on the keypad.

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { ParseOptions } from './column-type';
import { failure, type ParseFailure, type PhoneValue, quote } from './parse-result';
import { collapseWhitespace, unifyDashes } from './text';

const KEYPAD: Record<string, string> = {
  a: '2', b: '2', c: '2', d: '3', e: '3', f: '3', g: '4', h: '4', i: '4', j: '5', k: '5', l: '5',
  m: '6', n: '6', o: '6', p: '7', q: '7', r: '7', s: '7', t: '8', u: '8', v: '8', w: '9', x: '9', y: '9', z: '9',
};

const EXTENSION = /[\s,;]*(?:ext\.?|extension|x|#|poste|durchwahl)\s*(\d{1,6})\s*$/i;
// A phone written partly in capital letters in the usual shape: 1-800-FLOWERS, (800) GOT-JUNK.
const VANITY = /((?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?[A-Z0-9]{3}[\s.-]?[A-Z0-9]{4,7})(?![A-Za-z0-9])/;

function regionCode(options: ParseOptions): CountryCode {
  return (options.defaultRegion ?? 'US').toUpperCase() as CountryCode;
}

function cleanPhoneText(raw: string): string {
  let text = raw.trim();
  if (/^(tel|callto|sms):/i.test(text)) {
    text = text.replace(/^(tel|callto|sms):(\/\/)?/i, '');
    try {
      text = decodeURIComponent(text);
    } catch {
      // A malformed escape is kept as written; the parser below decides.
    }
    text = text.replace(/;ext=/i, ' ext ').replace(/[;?].*$/, '');
  }
  return unifyDashes(collapseWhitespace(text)).slice(0, 200);
}

/**
 * @param checkValidity false skips the (costly) numbering-plan check when only "is this a
 * phone?" matters; `valid` is then reported as false.
 */
// Parsing a phone is the costliest parse; the same numbers recur across a page and a site.
const memo = new Map<string, PhoneValue | ParseFailure>();

export function parsePhone(raw: string, options: ParseOptions = {}, checkValidity = true): PhoneValue | ParseFailure {
  const key = `${options.defaultRegion ?? ''}|${checkValidity ? 1 : 0}|${raw}`;
  const known = memo.get(key);
  if (known) return known;
  const result = parsePhoneUncached(raw, options, checkValidity);
  if (memo.size >= 20_000) memo.clear();
  memo.set(key, result);
  return result;
}

function parsePhoneUncached(raw: string, options: ParseOptions, checkValidity: boolean): PhoneValue | ParseFailure {
  let text = cleanPhoneText(raw);
  if (!text) return failure('phone', 'empty value');
  // Cheap rejection before the full parser: a phone has seven digits or more, unless spelled in letters.
  const digitCount = text.replace(/\D/g, '').length;
  if (digitCount < 7 && !(digitCount >= 1 && /[A-Za-z]{3}/.test(text))) return failure('phone', `${quote(raw)} has too few digits for a phone number`);
  let extension: string | undefined;
  const ext = EXTENSION.exec(text);
  if (ext && /\d{3}.*\d/.test(text.slice(0, ext.index))) {
    extension = ext[1];
    text = text.slice(0, ext.index);
  }
  const region = regionCode(options);
  let vanity = false;
  let phone = parsePhoneNumberFromString(text, region);
  if ((!phone || !phone.isPossible()) && VANITY.test(text) && /[A-Z]{3}/.test(VANITY.exec(text)![1])) {
    const spelled = VANITY.exec(text)![1].replace(/[A-Za-z]/g, (ch) => KEYPAD[ch.toLowerCase()]);
    // Vanity numbers often carry extra letters past the last digit ("1-800-FLOWERS" is 11 digits).
    const digits = spelled.replace(/\D/g, '');
    const candidate = digits.length > 11 && digits.startsWith('1') ? digits.slice(0, 11) : digits;
    const plus = spelled.trim().startsWith('+') ? '+' : '';
    const parsed = parsePhoneNumberFromString(plus + candidate, region);
    if (parsed?.isPossible()) {
      phone = parsed;
      vanity = true;
    }
  }
  if (!phone) return failure('phone', `no phone number found in ${quote(raw)}`);
  if (!phone.isPossible()) {
    return failure('phone', `${quote(raw)} does not have the length of a phone number in ${phone.country ?? region}`);
  }
  const result: PhoneValue = {
    ok: true,
    type: 'phone',
    canonical: phone.number,
    valid: checkValidity ? phone.isValid() : false,
    vanity,
  };
  if (phone.country) result.country = phone.country;
  const extensionFound = extension ?? phone.ext;
  if (extensionFound) result.extension = extensionFound;
  return result;
}
