// Ground-truth CSV cells as people type them: "$25", "25.00", "(512) 555-0147", "3/1/2025",
// "In stock", "toast". Each reads back to the canonical truth value (see the parse* helpers).
import { CURRENCY_DECIMALS, displayMoney, type Money } from '../canonical/money';
import { displayDate, type DateStyle } from '../canonical/date';
import { displayPhone, type Phone } from '../canonical/phone';
import type { Rng } from '../prng';
import { COLUMN_TYPES, type Currency } from '../types';

export function moneyFromCanonical(canonical: string): Money {
  const [amount, currency] = canonical.split(' ') as [string, Currency];
  const minor = CURRENCY_DECIMALS[currency] === 0 ? Number(amount) : Math.round(Number(amount) * 100);
  return { minor, currency };
}

export function phoneFromCanonical(e164: string): Phone {
  if (e164.startsWith('+1')) return { country: 'US', national: e164.slice(2), areaLength: 3 };
  if (e164.startsWith('+44')) {
    const national = e164.slice(3);
    return { country: 'GB', national, areaLength: national.startsWith('20') ? 2 : 3 };
  }
  return { country: 'AU', national: e164.slice(3), areaLength: 1 };
}

function humanMoney(canonical: string, rng: Rng): string {
  const m = moneyFromCanonical(canonical);
  if (m.currency === 'USD') {
    const whole = m.minor % 100 === 0;
    const plain = whole ? String(m.minor / 100) : (m.minor / 100).toFixed(2);
    return rng.pick([`$${plain}`, plain, `$${(m.minor / 100).toFixed(2)}`, (m.minor / 100).toFixed(2), `USD ${plain}`]);
  }
  return displayMoney(m, rng.pick(['short', 'full', 'code-prefix', 'code-suffix'] as const));
}

function humanPhone(canonical: string, rng: Rng): string {
  const phone = phoneFromCanonical(canonical);
  if (phone.country === 'US' && rng.chance(0.15)) return phone.national;
  return displayPhone(phone, rng.int(0, 5));
}

function humanDate(canonical: string, rng: Rng): string {
  return displayDate(canonical, rng.pick<DateStyle>(['long', 'abbr', 'dmy', 'us-slash', 'us-slash-pad', 'iso']));
}

function humanBoolean(canonical: string, rng: Rng): string {
  return canonical === 'true' ? rng.pick(['In stock', 'in stock', 'yes', 'TRUE', 'Y', 'Available']) : rng.pick(['Out of stock', 'out of stock', 'no', 'FALSE', 'N', 'Sold out']);
}

/** One cell as a person might have typed the canonical value. */
export function humanValue(column: string, canonical: string, rng: Rng): string {
  switch (COLUMN_TYPES[column]) {
    case 'money':
      return humanMoney(canonical, rng);
    case 'phone':
      return humanPhone(canonical, rng);
    case 'date':
      return humanDate(canonical, rng);
    case 'boolean':
      return humanBoolean(canonical, rng);
    case 'enum':
    case 'currency':
      return rng.chance(0.2) ? canonical.toLowerCase() : canonical;
    case 'text':
      return rng.chance(0.1) ? `${canonical} ` : canonical;
    default:
      return canonical;
  }
}

const NOTES = ['', '', '', '', 'called, confirmed by phone', 'check again next quarter', 'from last year’s list', 'owner says prices change in spring', 'website redesign pending', 'double-check — two locations', 'found via directory', 'VIP account'];
const INITIALS = ['JM', 'KP', 'AR', 'TL', 'SB', 'mw', 'D.O.'];

/** The helper columns real spreadsheets carry next to the ground truth (not ground truth themselves). */
export function helperCells(rng: Rng): { notes: string; added_by: string } {
  return { notes: rng.pick(NOTES), added_by: rng.pick(INITIALS) };
}
