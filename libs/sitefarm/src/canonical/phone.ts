// Phones: canonical E.164 truth ("+15125550147"), human display styles per country, and a finder.
// Only fictional ranges are generated: US 555-01xx, UK Ofcom drama numbers, AU ACMA fictional.
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js';

export type PhoneCountry = 'US' | 'GB' | 'AU';

export interface Phone {
  country: PhoneCountry;
  /** National significant number, digits only (US 10, GB 10, AU 9). */
  national: string;
  /** Length of the area code inside `national` (GB: 2 for London, 3 elsewhere; AU: 1). */
  areaLength: number;
}

const CALLING_CODE: Record<PhoneCountry, string> = { US: '1', GB: '44', AU: '61' };

export function canonicalPhone(phone: Phone): string {
  return `+${CALLING_CODE[phone.country]}${phone.national}`;
}

export const PHONE_STYLES = 5;

/** One of several human renderings (style is taken modulo the number of styles for the country). */
export function displayPhone(phone: Phone, style: number): string {
  const n = phone.national;
  if (phone.country === 'US') {
    const [a, b, c] = [n.slice(0, 3), n.slice(3, 6), n.slice(6)];
    const styles = [`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a}-${b}-${c}`, `1-${a}-${b}-${c}`, `+1 (${a}) ${b}-${c}`];
    return styles[style % styles.length] as string;
  }
  const area = n.slice(0, phone.areaLength);
  const rest = n.slice(phone.areaLength);
  if (phone.country === 'GB') {
    const local = rest.length === 8 ? `${rest.slice(0, 4)} ${rest.slice(4)}` : `${rest.slice(0, 3)} ${rest.slice(3)}`;
    const styles = [`+44 ${area} ${local}`, `0${area} ${local}`, `+44 (0)${area} ${local}`, `(0${area}) ${local}`];
    return styles[style % styles.length] as string;
  }
  const local = `${rest.slice(0, 4)} ${rest.slice(4)}`;
  const styles = [`(0${area}) ${local}`, `+61 ${area} ${local}`, `0${area} ${local}`];
  return styles[style % styles.length] as string;
}

/** A `tel:` href as sites write them. */
export function telHref(phone: Phone): string {
  return `tel:${canonicalPhone(phone)}`;
}

/** Every phone number in free text as E.164; national formats are read in `defaultCountry`. */
export function findPhones(text: string, defaultCountry: PhoneCountry = 'US'): string[] {
  return findPhoneNumbersInText(text, defaultCountry).map((found) => found.number.number);
}

/** Reads one human value (a CSV cell) back to E.164, or null. */
export function parsePhone(text: string, defaultCountry: PhoneCountry = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  return parsed ? parsed.number : null;
}
