// The column types a campaign's output or a dataset's column can have, and the options that
// steer parsing. One list for the whole platform: datasets, agent and results must agree.

export const COLUMN_TYPES = ['text', 'number', 'money', 'url', 'email', 'phone', 'date', 'boolean', 'enum'] as const;

export type ColumnType = (typeof COLUMN_TYPES)[number];

export function isColumnType(value: string): value is ColumnType {
  return (COLUMN_TYPES as readonly string[]).includes(value);
}

/** Order of day, month and year in all-numeric dates such as `03/01/2025`. */
export type DateOrder = 'MDY' | 'DMY' | 'YMD';

export interface ParseOptions {
  /** ISO 4217 code used when a money value shows no currency, and to resolve `$`, `¥`, `kr`. Default `USD`. */
  defaultCurrency?: string;
  /** ISO 3166-1 alpha-2 region for national phone numbers and locale defaults. Default `US`. */
  defaultRegion?: string;
  /** Allowed values of an `enum` column; matched case-insensitively. */
  enumValues?: readonly string[];
  /** BCP 47 locale hint (`de-DE`, `fr`, `en-GB`): decimal separator and numeric date order. */
  locale?: string;
  /** Overrides the locale's decimal separator for ambiguous numbers such as `1.234`. */
  decimalSeparator?: '.' | ',';
  /** Overrides the locale's order for all-numeric dates. */
  dateOrder?: DateOrder;
  /** Base for relative URLs (the page the value was found on). */
  baseUrl?: string;
}
