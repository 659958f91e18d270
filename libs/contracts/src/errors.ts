// Typed errors shared by every service and the gateway. They cross NATS as plain JSON
// (`toWire` / `fromWire`) and become HTTP problem responses at the gateway, so each one carries
// what a user needs to fix the input: which field, what was expected.

export type ErrorCode =
  | 'validation_failed'
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface FieldIssue {
  /** JSON-pointer-like path of the offending input, e.g. "columns/2/name" or "row 17, column price". */
  path: string;
  message: string;
}

export interface WireError {
  code: ErrorCode;
  message: string;
  errors?: FieldIssue[];
  details?: Record<string, unknown>;
}

const httpStatusByCode: Record<ErrorCode, number> = {
  validation_failed: 422,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class FieldworkError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldIssue[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  get httpStatus(): number {
    return httpStatusByCode[this.code];
  }

  toWire(): WireError {
    const wire: WireError = { code: this.code, message: this.message };
    if (this.errors.length > 0) wire.errors = this.errors;
    if (Object.keys(this.details).length > 0) wire.details = this.details;
    return wire;
  }
}

export class ValidationError extends FieldworkError {
  constructor(errors: FieldIssue[], message = summarize(errors)) {
    super('validation_failed', message, errors);
  }

  static single(path: string, message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

export class BadRequestError extends FieldworkError {
  constructor(message: string, errors: FieldIssue[] = []) {
    super('bad_request', message, errors);
  }
}

export class UnauthorizedError extends FieldworkError {
  constructor(message = 'A valid API key is required: send "Authorization: Bearer <key>".') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends FieldworkError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class NotFoundError extends FieldworkError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} was not found`, [], { entity, id });
  }
}

export class ConflictError extends FieldworkError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', message, [], details);
  }
}

/** Optimistic concurrency: someone else appended to the aggregate since it was read. */
export class ConcurrencyError extends ConflictError {
  constructor(
    readonly aggregateId: string,
    readonly expectedVersion: number,
    readonly actualVersion?: number,
  ) {
    super(`aggregate ${aggregateId} changed concurrently (expected version ${expectedVersion}); retry the command`, {
      aggregateId,
      expectedVersion,
      ...(actualVersion === undefined ? {} : { actualVersion }),
    });
  }
}

export class PayloadTooLargeError extends FieldworkError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('payload_too_large', message, [], details);
  }
}

export class UnprocessableError extends FieldworkError {
  constructor(message: string, errors: FieldIssue[] = [], details: Record<string, unknown> = {}) {
    super('unprocessable', message, errors, details);
  }
}

export class RateLimitedError extends FieldworkError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many requests; retry after ${retryAfterSeconds} s`, [], { retryAfterSeconds });
  }
}

export class UnavailableError extends FieldworkError {
  constructor(message: string, readonly retryAfterSeconds = 5) {
    super('unavailable', message, [], { retryAfterSeconds });
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return httpStatusByCode[code];
}

/** Rebuilds a typed error from its wire form (the receiving side of a NATS reply). */
export function fromWire(wire: WireError): FieldworkError {
  const known = wire.code in httpStatusByCode ? wire.code : 'internal';
  return new FieldworkError(known, wire.message, wire.errors ?? [], wire.details ?? {});
}

export function isWireError(value: unknown): value is WireError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as WireError).code === 'string' &&
    typeof (value as WireError).message === 'string'
  );
}

function summarize(errors: FieldIssue[]): string {
  if (errors.length === 0) return 'The request is invalid';
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${first.path ? `${first.path}: ` : ''}${first.message}${more}`;
}
