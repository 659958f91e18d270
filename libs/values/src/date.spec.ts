import { findDates, parseDate } from './date';

const iso = (raw: string, options = {}): string | null => {
  const result = parseDate(raw, options);
  return result.ok ? result.canonical : null;
};

describe('parseDate', () => {
  it.each([
    ['2025-03-01', '2025-03-01'],
    ['2025-03-01T10:00:00Z', '2025-03-01'],
    ['2025/3/1', '2025-03-01'],
    ['March 1, 2025', '2025-03-01'],
    ['Mar. 1st 2025', '2025-03-01'],
    ['Saturday, March 1, 2025', '2025-03-01'],
    ['1 Mar 2025', '2025-03-01'],
    ['1st of March, 2025', '2025-03-01'],
    ['01-Mar-25', '2025-03-01'],
    ['03/01/2025', '2025-03-01'],
    ['3/1/25', '2025-03-01'],
    ['13/01/2025', '2025-01-13'],
    ['01.03.2025', '2025-03-01'],
    ['1. März 2025', '2025-03-01'],
    ['1 de marzo de 2025', '2025-03-01'],
    ['1er mars 2025', '2025-03-01'],
    ['Effective as of March 1st, 2025', '2025-03-01'],
    ['Feb 29, 2024', '2024-02-29'],
  ])('%s → %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it('reads numeric dates day-first outside the US', () => {
    expect(iso('03/01/2025', { defaultRegion: 'GB' })).toBe('2025-01-03');
    expect(iso('03/01/2025', { locale: 'fr-FR' })).toBe('2025-01-03');
    expect(iso('03/01/2025', { dateOrder: 'DMY' })).toBe('2025-01-03');
    expect(iso('01.03.2025', { dateOrder: 'MDY' })).toBe('2025-01-03');
    expect(parseDate('03/04/2025')).toMatchObject({ ambiguousOrder: true });
  });

  it('rejects impossible or incomplete dates', () => {
    for (const raw of ['Feb 29, 2025', '2025-13-01', 'March 2025', '32/01/2025', 'soon']) expect(parseDate(raw).ok).toBe(false);
  });

  it('finds every date in a text with its position', () => {
    const text = 'Takes effect on 08/01/2026; amended March 3, 2027.';
    expect(findDates(text).map((d) => [text.slice(d.start, d.end), d.value.canonical])).toEqual([
      ['08/01/2026', '2026-08-01'],
      ['March 3, 2027', '2027-03-03'],
    ]);
  });
});
