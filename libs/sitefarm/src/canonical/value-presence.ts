// Does a page show a canonical truth value in some human format? Used by the farm's own tests
// (every truth value must really be on the page) and handy for anyone checking extractions.
import { COLUMN_TYPES, type PosSystem } from '../types';
import { findAvailability } from './availability';
import { findDates } from './date';
import { findMoney } from './money';
import { findPhones, type PhoneCountry } from './phone';
import { detectPosSystems } from './pos-vendors';

export interface PageEvidence {
  /** Visible text (e.g. Chromium's innerText, or text extracted from raw HTML). */
  text: string;
  /** The (rendered) HTML, for values carried by attributes: script/iframe sources, meta tags. */
  html: string;
  /** How national phone numbers on the page are read. */
  phoneCountry?: PhoneCountry;
}

export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** True when `canonical` (the truth value of `column`) is shown on the page. */
export function valuePresent(column: string, canonical: string, page: PageEvidence): boolean {
  const type = COLUMN_TYPES[column];
  switch (type) {
    case 'text':
      return normalizeText(page.text).toLowerCase().includes(normalizeText(canonical).toLowerCase());
    case 'money':
      return findMoney(page.text).includes(canonical);
    case 'phone':
      return findPhones(page.text, page.phoneCountry ?? 'US').includes(canonical);
    case 'date':
      return findDates(page.text).includes(canonical);
    case 'boolean':
      return findAvailability(page.text).includes(canonical);
    case 'enum':
      return detectPosSystems(page.html).includes(canonical as PosSystem);
    case 'currency':
      return findMoney(page.text).some((money) => money.endsWith(` ${canonical}`));
    case undefined:
      throw new Error(`unknown column ${column}`);
    default: {
      const never: never = type;
      throw new Error(`unknown column type ${String(never)}`);
    }
  }
}
