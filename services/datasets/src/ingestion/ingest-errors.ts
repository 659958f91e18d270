// The errors an upload can fail with, each saying which limit or problem, and where (row,
// column), in words a user can act on. Limits are 413; unreadable content is 422.
import { PayloadTooLargeError, UnprocessableError } from '@fieldwork/contracts';
import { LIMIT_ENV, type DatasetLimits } from '../config/datasets-config';

const number = (value: number) => value.toLocaleString('en-US');

export interface Where {
  /** Data row (1 = first row under the header). */
  row?: number;
  column?: string;
  line?: number;
}

function place(where: Where): string {
  const parts: string[] = [];
  if (where.row !== undefined) parts.push(`row ${number(where.row)}`);
  if (where.column !== undefined) parts.push(`column "${where.column}"`);
  if (where.line !== undefined && where.row === undefined) parts.push(`line ${number(where.line)}`);
  return parts.length > 0 ? `${parts.join(', ')}: ` : '';
}

export function limitExceeded(limit: keyof DatasetLimits, max: number, what: string, where: Where = {}, actual?: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`${place(where)}${what}; the limit is ${number(max)} (${LIMIT_ENV[limit]})`, {
    limit,
    max,
    ...(actual === undefined ? {} : { actual }),
    ...where,
    setting: LIMIT_ENV[limit],
  });
}

export function unreadable(reason: string, message: string, where: Where = {}): UnprocessableError {
  return new UnprocessableError(`${place(where)}${message}`, [], { reason, ...where });
}

/** Raised mid-stream when bytes taken for UTF-8 turn out not to be: ingestion restarts as Windows-1252. */
export class NotUtf8Error extends Error {
  constructor() {
    super('the file is not valid UTF-8 after all');
  }
}
