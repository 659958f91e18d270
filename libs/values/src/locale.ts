// What a locale or region hint implies for ambiguous numbers (`1.234`) and numeric dates (`03/01/2025`).

import type { DateOrder, ParseOptions } from './column-type';

const COMMA_DECIMAL_LANGUAGES = new Set([
  'de', 'fr', 'es', 'it', 'nl', 'pt', 'ru', 'pl', 'sv', 'da', 'nb', 'nn', 'no', 'fi', 'cs', 'sk', 'tr', 'el',
  'hu', 'ro', 'bg', 'hr', 'sl', 'sr', 'uk', 'lt', 'lv', 'et', 'id', 'vi', 'is', 'ca', 'eu', 'gl',
]);

const COMMA_DECIMAL_REGIONS = new Set([
  'DE', 'AT', 'FR', 'BE', 'ES', 'IT', 'NL', 'PT', 'BR', 'RU', 'PL', 'SE', 'DK', 'NO', 'FI', 'CZ', 'SK', 'TR',
  'GR', 'HU', 'RO', 'BG', 'HR', 'SI', 'RS', 'UA', 'LT', 'LV', 'EE', 'ID', 'VN', 'IS', 'AR', 'CL', 'CO', 'UY',
  'PY', 'VE', 'EC', 'BO', 'ZA',
]);

const MDY_REGIONS = new Set(['US', 'PH', 'BZ', 'FM', 'MH', 'PW']);
const YMD_REGIONS = new Set(['CN', 'JP', 'KR', 'TW', 'HU', 'MN', 'LT', 'IR']);
const YMD_LANGUAGES = new Set(['zh', 'ja', 'ko', 'hu', 'lt', 'mn']);

interface LocaleParts {
  language?: string;
  region?: string;
}

function splitLocale(locale: string | undefined): LocaleParts {
  if (!locale) return {};
  const [language, ...rest] = locale.replace(/_/g, '-').split('-');
  const region = rest.find((part) => /^[A-Za-z]{2}$/.test(part));
  return { language: language.toLowerCase(), region: region?.toUpperCase() };
}

export function regionOf(options: ParseOptions): string {
  return (splitLocale(options.locale).region ?? options.defaultRegion ?? 'US').toUpperCase();
}

/** The decimal separator to assume when a number alone cannot tell (`1.234`, `1,5`). */
export function decimalSeparatorFor(options: ParseOptions): '.' | ',' {
  if (options.decimalSeparator) return options.decimalSeparator;
  const { language, region } = splitLocale(options.locale);
  if (language) {
    if (language === 'en') return region && COMMA_DECIMAL_REGIONS.has(region) ? ',' : '.';
    return COMMA_DECIMAL_LANGUAGES.has(language) ? ',' : '.';
  }
  return COMMA_DECIMAL_REGIONS.has(regionOf(options)) ? ',' : '.';
}

/** The order of an all-numeric date: US month-first by default, day-first in most of the world. */
export function dateOrderFor(options: ParseOptions): DateOrder {
  if (options.dateOrder) return options.dateOrder;
  const { language, region } = splitLocale(options.locale);
  if (language && YMD_LANGUAGES.has(language)) return 'YMD';
  const effectiveRegion = region ?? (language && language !== 'en' ? undefined : regionOf(options));
  if (!effectiveRegion) return 'DMY';
  if (MDY_REGIONS.has(effectiveRegion)) return 'MDY';
  if (YMD_REGIONS.has(effectiveRegion)) return 'YMD';
  return 'DMY';
}
