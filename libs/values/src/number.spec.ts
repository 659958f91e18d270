import { parseNumber } from './number';

const read = (raw: string, options = {}): string | null => {
  const result = parseNumber(raw, options);
  return result.ok ? result.canonical : null;
};

describe('parseNumber', () => {
  it.each([
    ['1234.5', '1234.5'],
    ['1,234.5', '1234.5'],
    ['1,234', '1234'],
    ['1.234', '1.234'],
    ['12 kg', '12'],
    ['3.5k', '3500'],
    ['1.2M', '1200000'],
    ['2 million', '2000000'],
    ['50%', '50'],
    ['4.5 out of 5', '4.5'],
    ['-3', '-3'],
    ['~30', '30'],
    ['30+', '30'],
    ['twelve', '12'],
    ['1.50', '1.5'],
    ['0.000', '0'],
  ])('%s → %s', (raw, expected) => {
    expect(read(raw)).toBe(expected);
  });

  it('follows the locale for a lone separator before three digits', () => {
    expect(read('1.234', { locale: 'de-DE' })).toBe('1234');
    expect(read('1,234', { locale: 'de-DE' })).toBe('1.234');
    expect(read('1,5', { locale: 'fr' })).toBe('1.5');
    expect(read('1 234,5', { locale: 'fr' })).toBe('1234.5');
    expect(read('1.234', { decimalSeparator: ',' })).toBe('1234');
  });

  it('reports units and approximations', () => {
    expect(parseNumber('12 kg')).toMatchObject({ unit: 'kg', approximate: false });
    expect(parseNumber('about 30 people')).toMatchObject({ value: 30, approximate: true });
    expect(parseNumber('1,200 sq ft')).toMatchObject({ value: 1200, unit: 'sq ft' });
    expect(parseNumber('4.5/5')).not.toHaveProperty('unit');
  });

  it('fails on text without a number', () => {
    expect(parseNumber('n/a').ok).toBe(false);
    expect(parseNumber('').ok).toBe(false);
  });
});
