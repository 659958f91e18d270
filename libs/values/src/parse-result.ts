// What parsing a raw value returns: the canonical string plus what was understood on the way
// (currency assumed? "from" price? extension?), or a reason a user can act on.

import type { ColumnType } from './column-type';

export interface ParseFailure {
  ok: false;
  type: ColumnType;
  /** Human-readable: what was expected and what was seen. */
  reason: string;
}

interface Parsed<T extends ColumnType> {
  ok: true;
  type: T;
  /** The project-wide canonical form (see README). */
  canonical: string;
}

export type MoneyPeriod = 'hour' | 'day' | 'night' | 'week' | 'month' | 'year' | 'class' | 'session' | 'visit' | 'person';

export interface MoneyValue extends Parsed<'money'> {
  amount: number;
  currency: string;
  /** No currency was written; the default currency was used. */
  currencyAssumed: boolean;
  /** "Free", "no charge", … */
  isFree: boolean;
  /** "from $25", "starting at", "as low as": a lower bound, not the price. */
  isFrom: boolean;
  /** "$20–$30": the first amount is returned. */
  isRange: boolean;
  rangeMax?: number;
  /** "/month", "per class", … */
  period?: MoneyPeriod;
}

export interface NumberValue extends Parsed<'number'> {
  value: number;
  /** Unit written after the number (`kg`, `%`, `sq ft`), if any. */
  unit?: string;
  /** "~30", "about 30", "30+". */
  approximate: boolean;
}

export interface PhoneValue extends Parsed<'phone'> {
  /** ISO region of the number, when known. */
  country?: string;
  extension?: string;
  /** Matches the numbering plan exactly (not just a plausible length). */
  valid: boolean;
  /** Written from letters ("1-800-FLOWERS"). */
  vanity: boolean;
}

export interface EmailValue extends Parsed<'email'> {
  domain: string;
  /** Written as "name [at] domain [dot] com". */
  deobfuscated: boolean;
}

export interface UrlValue extends Parsed<'url'> {
  host: string;
}

export interface DateValue extends Parsed<'date'> {
  year: number;
  month: number;
  day: number;
  /** Day and month could be swapped (`03/04/2025`) and the locale's order decided. */
  ambiguousOrder: boolean;
}

export interface BooleanValue extends Parsed<'boolean'> {
  value: boolean;
  /** The phrase that decided it ("sold out"). */
  phrase: string;
}

export interface EnumValue extends Parsed<'enum'> {
  /** How the raw text met an allowed value. `free` = the column has no allowed list. */
  match: 'exact' | 'normalized' | 'contains' | 'free';
}

export type TextValue = Parsed<'text'>;

export interface ParsedValueByType {
  text: TextValue;
  number: NumberValue;
  money: MoneyValue;
  url: UrlValue;
  email: EmailValue;
  phone: PhoneValue;
  date: DateValue;
  boolean: BooleanValue;
  enum: EnumValue;
}

export type ParsedValue = ParsedValueByType[ColumnType];

export type ParseResult<T extends ColumnType = ColumnType> = ParsedValueByType[T] | ParseFailure;

export function failure(type: ColumnType, reason: string): ParseFailure {
  return { ok: false, type, reason };
}

/** Quotes a raw value in an error message without flooding it. */
export function quote(raw: string): string {
  const short = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
  return JSON.stringify(short);
}
