// Currency markers as they appear on web pages (symbols, prefixed dollars, ISO codes) and the
// number of minor digits each currency is written with.

/** Currencies whose ISO 4217 minor unit is not 2. */
const MINOR_DIGITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0,
  VUV: 0, XAF: 0, XOF: 0, XPF: 0, BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

export function minorDigits(code: string): number {
  return MINOR_DIGITS[code] ?? 2;
}

/** ISO codes recognised next to an amount. Codes that are also English words (ALL, CUP, TOP) are left out. */
export const ISO_CODES: ReadonlySet<string> = new Set([
  'USD', 'EUR', 'GBP', 'JPY', 'CNY', 'RMB', 'CAD', 'AUD', 'NZD', 'CHF', 'HKD', 'SGD', 'SEK', 'NOK', 'DKK', 'ISK',
  'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'HRK', 'RUB', 'UAH', 'TRY', 'ILS', 'AED', 'SAR', 'QAR', 'KWD', 'BHD', 'OMR',
  'JOD', 'INR', 'PKR', 'LKR', 'BDT', 'NPR', 'THB', 'VND', 'IDR', 'MYR', 'PHP', 'KRW', 'TWD', 'BRL', 'MXN', 'ARS',
  'CLP', 'COP', 'PEN', 'UYU', 'ZAR', 'NGN', 'KES', 'EGP', 'MAD', 'TND', 'GHS', 'XAF', 'XOF', 'DOP', 'CRC', 'GEL',
  'KZT', 'RSD', 'MKD', 'BAM', 'AMD', 'AZN', 'BYN', 'MDL', 'PYG', 'VES', 'GTQ', 'HNL', 'NIO', 'PAB',
  'JMD', 'TTD', 'BBD', 'BSD', 'FJD', 'XPF', 'MUR', 'TZS', 'UGX', 'ETB', 'RWF', 'ZMW', 'BWP', 'NAD',
]);

/** Placeholder codes resolved against the default currency or region. */
export type AmbiguousMarker = '~DOLLAR' | '~YEN' | '~KRONA';

/** Longest markers first: `HK$` must win over `$`, `kr.` over `kr`. */
export const CURRENCY_MARKERS: readonly (readonly [string, string])[] = [
  ['US$', 'USD'], ['U$S', 'USD'], ['USD$', 'USD'], ['CA$', 'CAD'], ['CAD$', 'CAD'], ['C$', 'CAD'], ['AU$', 'AUD'],
  ['AUD$', 'AUD'], ['A$', 'AUD'], ['NZ$', 'NZD'], ['HK$', 'HKD'], ['SG$', 'SGD'], ['S$', 'SGD'], ['R$', 'BRL'],
  ['MX$', 'MXN'], ['NT$', 'TWD'], ['RD$', 'DOP'], ['CHF', 'CHF'], ['Fr.', 'CHF'], ['zł', 'PLN'], ['Kč', 'CZK'],
  ['kr.', '~KRONA'], ['kr', '~KRONA'], ['Rs.', 'INR'], ['Rs', 'INR'], ['RM', 'MYR'], ['lei', 'RON'], ['Ft', 'HUF'],
  ['€', 'EUR'], ['£', 'GBP'], ['￥', '~YEN'], ['¥', '~YEN'], ['円', 'JPY'], ['元', 'CNY'], ['₹', 'INR'],
  ['₩', 'KRW'], ['₽', 'RUB'], ['₺', 'TRY'], ['₪', 'ILS'], ['฿', 'THB'], ['₫', 'VND'], ['₱', 'PHP'], ['₦', 'NGN'],
  ['₴', 'UAH'], ['₡', 'CRC'], ['₲', 'PYG'], ['₸', 'KZT'], ['₾', 'GEL'], ['$', '~DOLLAR'],
  ['dollars', '~DOLLAR'], ['dollar', '~DOLLAR'], ['euros', 'EUR'], ['euro', 'EUR'], ['pounds', 'GBP'],
  ['yen', '~YEN'], ['rupees', 'INR'],
];

const DOLLAR_CURRENCIES = new Set([
  'USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'MXN', 'TWD', 'ARS', 'CLP', 'COP', 'JMD', 'TTD', 'BBD', 'BSD', 'FJD',
  'DOP', 'UYU',
]);
const KRONA_BY_REGION: Record<string, string> = { SE: 'SEK', NO: 'NOK', DK: 'DKK', IS: 'ISK', FO: 'DKK', GL: 'DKK' };

/** Resolves `$`, `¥` and `kr` with the configured default currency and region. */
export function resolveCurrency(code: string, defaultCurrency: string, region: string): string {
  switch (code) {
    case '~DOLLAR':
      return DOLLAR_CURRENCIES.has(defaultCurrency) ? defaultCurrency : 'USD';
    case '~YEN':
      return defaultCurrency === 'CNY' ? 'CNY' : 'JPY';
    case '~KRONA':
      if (['SEK', 'NOK', 'DKK', 'ISK'].includes(defaultCurrency)) return defaultCurrency;
      return KRONA_BY_REGION[region] ?? 'SEK';
    case 'RMB':
      return 'CNY';
    default:
      return code;
  }
}
