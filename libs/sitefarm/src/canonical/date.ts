// Dates: canonical ISO truth ("2025-03-01"), the human styles pages use, and a finder.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const DATE_STYLES = ['long', 'abbr', 'dmy', 'us-slash', 'us-slash-pad', 'iso', 'weekday'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y as number, m as number, d as number];
}

function abbreviation(month: number): string {
  const name = MONTHS[month - 1] as string;
  return name.length <= 4 ? name : `${name.slice(0, month === 9 ? 4 : 3)}.`;
}

export function displayDate(iso: string, style: DateStyle): string {
  const [y, m, d] = parts(iso);
  const month = MONTHS[m - 1] as string;
  switch (style) {
    case 'long':
      return `${month} ${d}, ${y}`;
    case 'abbr':
      return `${abbreviation(m)} ${d}, ${y}`;
    case 'dmy':
      return `${d} ${month} ${y}`;
    case 'us-slash':
      return `${m}/${d}/${y}`;
    case 'us-slash-pad':
      return `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`;
    case 'iso':
      return iso;
    case 'weekday': {
      // Pure calendar arithmetic, not the clock: the weekday of a fixed date.
      const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] as string;
      return `${weekday}, ${month} ${d}, ${y}`;
    }
    default: {
      const never: never = style;
      throw new Error(`unknown date style ${String(never)}`);
    }
  }
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase().replace('.', '');
  return MONTHS.findIndex((m) => m.toLowerCase().startsWith(lower.slice(0, 3))) + 1;
}

function valid(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return null;
  return isoDate(y, m, d);
}

const MONTH_NAME = '(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => string | null]> = [
  [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => valid(Number(m[1]), Number(m[2]), Number(m[3]))],
  [new RegExp(`\\b${MONTH_NAME} (\\d{1,2}),? (\\d{4})\\b`, 'g'), (m) => valid(Number(m[3]), monthNumber(m[1] as string), Number(m[2]))],
  [new RegExp(`\\b(\\d{1,2}) ${MONTH_NAME},? (\\d{4})\\b`, 'g'), (m) => valid(Number(m[3]), monthNumber(m[2] as string), Number(m[1]))],
  [/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (m) => valid(Number(m[3]), Number(m[1]), Number(m[2]))],
];

/** Every date in free text as ISO (slashed dates are read month-first, as US agencies write them). */
export function findDates(text: string): string[] {
  const found: string[] = [];
  for (const [pattern, read] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const iso = read(match);
      if (iso) found.push(iso);
    }
  }
  return found;
}

export function parseDate(text: string): string | null {
  return findDates(text)[0] ?? null;
}
