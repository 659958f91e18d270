import { detectColumnType, detectType } from './detect-type';
import { headerMatches, headerMatchScore } from './header-match';
import { parseValue } from './parse-value';
import { valuesEqual } from './values-equal';
import { normalizeHeader } from './vocabulary';

describe('detectType', () => {
  it.each([
    [['$25', '$30.00', '40'], 'money'],
    [['yes', 'no', 'Yes'], 'boolean'],
    [['(512) 555-0147', '512-555-0199', '+1 512 555 0100'], 'phone'],
    [['2025-03-01', 'March 2, 2025', '03/04/2025'], 'date'],
    [['https://a.com', 'b.org/x', 'www.c.net'], 'url'],
    [['a@b.com', 'c@d.org'], 'email'],
    [['12', '4.5', '1,200'], 'number'],
    [['Joe’s Pizza', 'Forno Wood Fired', 'Le Petit Colette'], 'text'],
  ])('%j → %s', (samples, type) => {
    expect(detectType(samples).type).toBe(type);
  });

  it('detects enums from few repeated values and lists them', () => {
    const samples = ['Toast', 'Square', 'toast', 'Clover', 'Toast', 'Square', 'Toast', 'Clover', 'Square', 'Toast'];
    expect(detectType(samples)).toMatchObject({ type: 'enum', enumValues: ['Toast', 'Square', 'Clover'] });
  });

  it('grows confidence with the sample and ignores blanks', () => {
    expect(detectType(['yes', '', null, 'no']).sampleSize).toBe(2);
    expect(detectType(['yes']).confidence).toBeLessThan(detectType(Array(20).fill('yes')).confidence);
    expect(detectType([])).toMatchObject({ type: 'text', confidence: 0 });
  });

  it('lets the header decide when samples fit its type', () => {
    expect(detectColumnType('Price', ['25', '30', '12.50']).type).toBe('money');
    expect(detectColumnType('Sheriff Phone', []).type).toBe('phone');
    expect(detectColumnType('Website', ['https://a.com']).type).toBe('url');
    expect(detectColumnType('Notes', ['25', '30']).type).toBe('number');
  });
});

describe('valuesEqual', () => {
  it.each([
    ['money', '$25', '25.00 USD', true],
    ['money', '25', '25.00 EUR', true],
    ['money', '25.00 USD', '25.0049 USD', true],
    ['money', '25.00 USD', '25.01 USD', false],
    ['money', '25.00 USD', '25.00 EUR', false],
    ['number', '1,234.5', '1234.50', true],
    ['phone', '(512) 555-0147', '+1 512-555-0147', true],
    ['phone', '(512) 555-0147', '(512) 555-0148', false],
    ['url', 'https://www.x.com/a/', 'x.com/a', true],
    ['url', 'https://x.com/a', 'https://x.com/b', false],
    ['date', 'Mar 1, 2025', '2025-03-01', true],
    ['boolean', 'In stock', 'true', true],
    ['email', 'Info@X.com', 'info@x.com', true],
    ['enum', 'toast', 'Toast', true],
    ['text', "St. Mary's  Church", 'st marys church', true],
    ['text', 'Springfield', 'Springfield County', false],
  ] as const)('%s: %s vs %s → %s', (type, expected, actual, equal) => {
    expect(valuesEqual(type, expected, actual)).toBe(equal);
  });

  it('treats blanks as equal only to blanks', () => {
    expect(valuesEqual('text', '', null)).toBe(true);
    expect(valuesEqual('text', 'a', '')).toBe(false);
  });

  it('falls back to text comparison when a side does not parse', () => {
    expect(valuesEqual('money', 'Call for price', 'call for price')).toBe(true);
  });
});

describe('header matching', () => {
  it('normalises headers', () => {
    expect(normalizeHeader('Sheriff Phone #')).toBe('sheriff phone number');
    expect(normalizeHeader('sheriffPhone_Number')).toBe('sheriff phone number');
  });

  it.each([
    ['Sheriff Phone #', 'sheriff_phone', true],
    ['gt_sheriff_telephone', 'sheriff_phone', true],
    ['Expected price (USD)', 'price', true],
    ['Cost', 'price', true],
    ['Website', 'url', true],
    ['Title', 'name', true],
    ['coroner phone', 'sheriff_phone', false],
    ['Fax', 'phone', false],
  ])('%s ~ %s → %s', (header, column, expected) => {
    expect(headerMatches(header, column)).toBe(expected);
  });

  it('scores partial overlaps', () => {
    expect(headerMatchScore('sheriff name', 'sheriff_phone')).toBeGreaterThan(0);
    expect(headerMatchScore('sheriff name', 'sheriff_phone')).toBeLessThan(1);
  });
});

describe('parseValue', () => {
  it('dispatches on the column type and never throws on odd input', () => {
    expect(parseValue('text', '  a   b ')).toMatchObject({ ok: true, canonical: 'a b' });
    expect(parseValue('money', null).ok).toBe(false);
    expect(parseValue('url', '<script>alert(1)</script>').ok).toBe(false);
    expect(parseValue('enum', 'x'.repeat(100_000), { enumValues: ['x'] }).ok).toBe(false);
  });
});
