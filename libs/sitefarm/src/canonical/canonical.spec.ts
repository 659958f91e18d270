import { CURRENCIES } from '../types';
import { findAvailability, parseAvailability } from './availability';
import { DATE_STYLES, displayDate, findDates } from './date';
import { canonicalMoney, displayMoney, findMoney, MONEY_STYLES, parseMoney } from './money';
import { canonicalPhone, displayPhone, findPhones, parsePhone, type Phone } from './phone';
import { detectPosSystems, POS_VENDORS, vendorForHost } from './pos-vendors';
import { htmlToText } from './html-text';

describe('money', () => {
  const amounts = [2500, 2550, 1995, 150000, 99];
  it.each(CURRENCIES.map((c) => [c]))('every display style of %s reads back to the canonical value', (currency) => {
    for (const minor of amounts) {
      const money = { minor: currency === 'JPY' ? minor * 10 : minor, currency };
      for (const style of MONEY_STYLES) {
        const shown = displayMoney(money, style);
        expect({ shown, found: findMoney(`Price: ${shown} per class`) }).toEqual({ shown, found: [canonicalMoney(money)] });
      }
    }
  });

  it('writes canonical values with two decimals (none for JPY)', () => {
    expect(canonicalMoney({ minor: 2500, currency: 'USD' })).toBe('25.00 USD');
    expect(canonicalMoney({ minor: 1500, currency: 'JPY' })).toBe('1500 JPY');
  });

  it('reads the formats users type and ignores bare numbers in prose', () => {
    expect(findMoney('was $30 now $25 · 25,00 € · £19.50 · S$30 · USD 25 · $45 AUD · ¥1,500 · 1.500,00 €')).toEqual([
      '30.00 USD',
      '25.00 USD',
      '25.00 EUR',
      '19.50 GBP',
      '30.00 SGD',
      '25.00 USD',
      '45.00 AUD',
      '1500 JPY',
      '1500.00 EUR',
    ]);
    expect(findMoney('21-15-9 thrusters, 400 m run, 10 classes')).toEqual([]);
    expect(parseMoney('25')).toBe('25.00 USD');
    expect(parseMoney('$1,250.5')).toBe('1250.50 USD');
  });
});

describe('phone', () => {
  const phones: Phone[] = [
    { country: 'US', national: '5125550147', areaLength: 3 },
    { country: 'GB', national: '2079460958', areaLength: 2 },
    { country: 'GB', national: '1614960123', areaLength: 3 },
    { country: 'AU', national: '255501234', areaLength: 1 },
  ];
  it('every display style reads back to E.164 in the number’s own country', () => {
    for (const phone of phones) {
      for (let style = 0; style < 6; style++) {
        const shown = displayPhone(phone, style);
        expect({ shown, found: findPhones(`Call us on ${shown} today`, phone.country) }).toEqual({ shown, found: [canonicalPhone(phone)] });
      }
    }
    expect(parsePhone('5125550147')).toBe('+15125550147');
  });
});

describe('date', () => {
  it('every display style reads back to ISO', () => {
    for (const iso of ['2025-03-01', '2024-12-15', '2026-09-09']) {
      for (const style of DATE_STYLES) {
        const shown = displayDate(iso, style);
        expect({ shown, found: findDates(`Effective ${shown}.`) }).toEqual({ shown, found: [iso] });
      }
    }
    expect(displayDate('2025-03-01', 'weekday')).toBe('Saturday, March 1, 2025');
  });
});

describe('availability, POS fingerprints, text', () => {
  it('reads stock phrases and spreadsheet booleans', () => {
    expect(findAvailability('In stock — ships today. Related: Sold out')).toEqual(['true', 'false']);
    expect(findAvailability('Only 3 left')).toEqual(['true']);
    expect(['In stock', 'yes', 'TRUE', 'Y', 'Available'].map(parseAvailability)).toEqual(['true', 'true', 'true', 'true', 'true']);
    expect(['Out of stock', 'no', 'FALSE', 'N', 'Sold out'].map(parseAvailability)).toEqual(['false', 'false', 'false', 'false', 'false']);
  });

  it('recognises every vendor from its hosts, generator and badge, and maps farm vendor hosts back', () => {
    for (const vendor of Object.values(POS_VENDORS)) {
      const host = `${vendor.orderHost.replace('{slug}', 'casa-verde')}.farm.localhost`;
      expect(detectPosSystems(`<a href="http://${host}:4500${vendor.orderPath}">Order</a>`)).toEqual([vendor.name]);
      expect(detectPosSystems(`<meta name="generator" content="${vendor.generator}">`)).toEqual([vendor.name]);
      expect(detectPosSystems(`<p>${vendor.badge}</p>`)).toEqual([vendor.name]);
      expect(vendorForHost(host, 'farm.localhost')?.name).toBe(vendor.name);
    }
    expect(vendorForHost('casa-verde-0001.farm.localhost', 'farm.localhost')).toBeNull();
  });

  it('turns HTML into text without gluing cells together', () => {
    const text = htmlToText('<table><tr><th>Drop-in</th><td>25 USD</td></tr><tr><td>10-class pack</td><td>$200</td></tr></table><script>var x="$99"</script>&amp; more');
    expect(text).toBe('Drop-in\n25 USD\n10-class pack\n$200\n& more');
    expect(findMoney(text)).toEqual(['25.00 USD', '200.00 USD']);
  });
});
