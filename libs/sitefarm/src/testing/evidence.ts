// Small helpers the farm's browser tests share: which page shows which field, how to read phones.
import type { PhoneCountry } from '../canonical/phone';
import { COLUMN_TYPES, type TruthRecord } from '../types';

/** How national phone numbers on a site's pages are read (from its phone truth values). */
export function phoneCountryOf(truth: TruthRecord): PhoneCountry {
  const phone = Object.entries(truth.fields).find(([col]) => COLUMN_TYPES[col] === 'phone')?.[1] ?? '+1';
  return phone.startsWith('+44') ? 'GB' : phone.startsWith('+61') ? 'AU' : 'US';
}

/** The absolute URL of each page the truth names, with the columns shown there (entry page first). */
export function fieldPages(truth: TruthRecord): Map<string, string[]> {
  const byPage = new Map<string, string[]>([[truth.url, []]]);
  for (const [col, location] of Object.entries(truth.fieldLocations)) {
    const url = location === 'home' ? truth.url : new URL(location, truth.url).toString();
    byPage.set(url, [...(byPage.get(url) ?? []), col]);
  }
  if (byPage.get(truth.url)!.length === 0) byPage.delete(truth.url);
  return byPage;
}
