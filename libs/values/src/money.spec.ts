import { findMoneyMentions, parseMoney, readCanonicalMoney } from './money';

const canonical = (raw: string, options = {}): string | null => {
  const result = parseMoney(raw, options);
  return result.ok ? result.canonical : null;
};

describe('parseMoney', () => {
  it.each([
    ['$25', '25.00 USD'],
    ['$1,234.56', '1234.56 USD'],
    ['1.234,56 €', '1234.56 EUR'],
    ['€ 1.234,56', '1234.56 EUR'],
    ['€1.500', '1500.00 EUR'],
    ['12,50 €', '12.50 EUR'],
    ['USD 25', '25.00 USD'],
    ['25 USD', '25.00 USD'],
    ['EUR 1.234,50', '1234.50 EUR'],
    ['£9.99/month', '9.99 GBP'],
    ['S$25', '25.00 SGD'],
    ['A$ 30', '30.00 AUD'],
    ['C$19.99', '19.99 CAD'],
    ['HK$ 100', '100.00 HKD'],
    ['R$ 50,00', '50.00 BRL'],
    ['₹1,499', '1499.00 INR'],
    ['CHF 12.50', '12.50 CHF'],
    ["CHF 1'250.00", '1250.00 CHF'],
    ['¥1500', '1500 JPY'],
    ['1,500円', '1500 JPY'],
    ['$27 AUD', '27.00 AUD'],
    ['99¢', '0.99 USD'],
    ['$3.5k', '3500.00 USD'],
    ['-$5.00', '-5.00 USD'],
    ['Drop-in – $25', '25.00 USD'],
    ['10 class pack $200', '200.00 USD'],
    ['Free', '0.00 USD'],
    ['$1.005', '1005.00 USD'],
    ['25', '25.00 USD'],
    ['12.500 KWD', '12.500 KWD'],
  ])('%s → %s', (raw, expected) => {
    expect(canonical(raw)).toBe(expected);
  });

  it('reads Swedish crowns with spaces as thousands separators', () => {
    expect(canonical('1 234,56 kr', { defaultRegion: 'SE' })).toBe('1234.56 SEK');
    expect(canonical('1 234,56 kr', { defaultCurrency: 'NOK' })).toBe('1234.56 NOK');
  });

  it('uses the default currency for bare amounts and for the dollar sign it belongs to', () => {
    expect(canonical('25', { defaultCurrency: 'EUR' })).toBe('25.00 EUR');
    expect(canonical('$25', { defaultCurrency: 'CAD' })).toBe('25.00 CAD');
    expect(canonical('$25', { defaultCurrency: 'EUR' })).toBe('25.00 USD');
    expect(canonical('¥25', { defaultCurrency: 'CNY' })).toBe('25.00 CNY');
  });

  it('flags "from" prices, ranges (first amount) and periods', () => {
    const from = parseMoney('from $25');
    expect(from.ok && from.isFrom).toBe(true);
    const startingAt = parseMoney('Starting at just $19 per class');
    expect(startingAt.ok && [startingAt.canonical, startingAt.isFrom, startingAt.period]).toEqual(['19.00 USD', true, 'class']);
    const range = parseMoney('$20–$30');
    expect(range.ok && [range.canonical, range.isRange, range.rangeMax]).toEqual(['20.00 USD', true, 30]);
    const monthly = parseMoney('$99 monthly');
    expect(monthly.ok && monthly.period).toBe('month');
  });

  it('reads a free-shipping threshold as its amount, not as zero', () => {
    expect(canonical('Free over $89')).toBe('89.00 USD');
  });

  it('rounds exactly, half away from zero, to the currency minor unit', () => {
    expect(canonical('1.005 USD')).toBe('1005.00 USD');
    expect(canonical('0.125 EUR'.replace('.', ','))).toBe('0.13 EUR');
    expect(canonical('¥1500.4')).toBe('1500 JPY');
  });

  it('says why it fails', () => {
    const result = parseMoney('call for price');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain('no amount');
  });

  it('round-trips canonical strings', () => {
    expect(readCanonicalMoney('25.00 USD')).toEqual({ amount: 25, currency: 'USD' });
    expect(readCanonicalMoney('25 dollars')).toBeNull();
  });
});

describe('findMoneyMentions', () => {
  it('finds amounts with a currency marker and keeps ranges and suffix codes together', () => {
    const text = 'Adults $27 AUD, children $15–$20, 10 classes, € 1.234,50';
    expect(findMoneyMentions(text).map(({ start, end }) => text.slice(start, end))).toEqual(['$27 AUD', '$15–$20', '€ 1.234,50']);
  });

  it('ignores bare numbers', () => {
    expect(findMoneyMentions('Call 555 0100, 10 classes')).toEqual([]);
  });
});
