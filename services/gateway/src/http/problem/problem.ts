// Errors as RFC 9457 problem documents (`application/problem+json`): `type`, `title`,
// `status`, `detail`, `instance`, plus `code` (stable, machine-readable), `requestId` and, for
// invalid input, `errors: [{path, message}]`. Typed Fieldwork errors (also those rethrown from
// a service's NATS reply) keep their status and field issues; Nest's own HTTP errors and the
// JSON parser's errors are translated; anything else is a 500 that reveals nothing.
import { HttpException } from '@nestjs/common';
import { FieldworkError, type ErrorCode, type FieldIssue } from '@fieldwork/contracts';

export type ProblemCode = ErrorCode | 'unsupported_media_type' | 'method_not_allowed';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ProblemCode;
  requestId?: string;
  errors?: FieldIssue[];
}

export interface ProblemResponse {
  status: number;
  body: Problem;
  headers: Record<string, string>;
  /** True when the cause was not a client's mistake and should be logged. */
  unexpected: boolean;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<ProblemCode, string> = {
  validation_failed: 'The request has invalid fields',
  bad_request: 'Bad request',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict with the current state',
  payload_too_large: 'Request body too large',
  unprocessable: 'Unprocessable request',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
  unsupported_media_type: 'Unsupported media type',
  method_not_allowed: 'Method not allowed',
};

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
  503: 'unavailable',
};

export const problemType = (code: ProblemCode) => `urn:fieldwork:problem:${code.replace(/_/g, '-')}`;

export function problem(code: ProblemCode, status: number, detail: string, errors: FieldIssue[] = []): Problem {
  return { type: problemType(code), title: TITLES[code], status, detail, code, ...(errors.length > 0 ? { errors } : {}) };
}

/** Errors thrown by the JSON body parser (body-parser) carry a `type` and a `status`. */
interface ParserError {
  type: string;
  status?: number;
  message: string;
  limit?: number;
}

function isParserError(error: unknown): error is ParserError {
  return typeof error === 'object' && error !== null && typeof (error as ParserError).type === 'string' && 'status' in error;
}

export function toProblem(error: unknown): ProblemResponse {
  const headers: Record<string, string> = {};
  if (error instanceof FieldworkError) {
    const status = error.httpStatus;
    const retryAfter = Number(error.details.retryAfterSeconds ?? (error as { retryAfterSeconds?: number }).retryAfterSeconds);
    if ((status === 429 || status === 503) && Number.isFinite(retryAfter)) headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfter)));
    if (status === 503 && !headers['Retry-After']) headers['Retry-After'] = '5';
    if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="fieldwork"';
    const detail = status === 500 ? 'Internal error; it has been logged.' : error.message;
    return { status, body: problem(error.code, status, detail, error.errors), headers, unexpected: status >= 500 && status !== 503 };
  }
  if (isParserError(error)) {
    switch (error.type) {
      case 'entity.parse.failed':
        return { status: 400, body: problem('bad_request', 400, `The body is not valid JSON: ${error.message}`), headers, unexpected: false };
      case 'entity.too.large':
        return {
          status: 413,
          body: problem('payload_too_large', 413, `The body is larger than the limit of ${error.limit ?? '?'} bytes.`),
          headers,
          unexpected: false,
        };
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return { status: 415, body: problem('unsupported_media_type', 415, `${error.message}; send UTF-8 JSON.`), headers, unexpected: false };
      default:
        return { status: 400, body: problem('bad_request', 400, `The body could not be read: ${error.message}`), headers, unexpected: false };
    }
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad_request');
    return { status, body: problem(code, status, error.message), headers, unexpected: status >= 500 };
  }
  return { status: 500, body: problem('internal', 500, 'Internal error; it has been logged.'), headers, unexpected: true };
}
