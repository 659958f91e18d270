import { NotFoundException } from '@nestjs/common';
import { RateLimitedError, UnavailableError, ValidationError, fromWire } from '@fieldwork/contracts';
import { toProblem } from './problem';

describe('problem documents', () => {
  it('keep typed errors with their status and field issues', () => {
    const { status, body } = toProblem(ValidationError.single('columns/1/name', 'must be unique'));
    expect(status).toBe(422);
    expect(body).toEqual({
      type: 'urn:fieldwork:problem:validation-failed',
      title: 'The request has invalid fields',
      status: 422,
      detail: 'columns/1/name: must be unique',
      code: 'validation_failed',
      errors: [{ path: 'columns/1/name', message: 'must be unique' }],
    });
  });

  it('add Retry-After to 429 and 503, also for errors that crossed NATS', () => {
    expect(toProblem(new RateLimitedError(3)).headers).toEqual({ 'Retry-After': '3' });
    expect(toProblem(new UnavailableError('down')).headers).toEqual({ 'Retry-After': '5' });
    expect(toProblem(fromWire({ code: 'unavailable', message: 'x', details: { retryAfterSeconds: 2 } })).headers).toEqual({ 'Retry-After': '2' });
  });

  it('translate parser and framework errors, and hide unexpected ones', () => {
    expect(toProblem({ type: 'entity.too.large', status: 413, message: 'too large', limit: 10 }).body).toMatchObject({
      status: 413,
      detail: 'The body is larger than the limit of 10 bytes.',
    });
    expect(toProblem(new NotFoundException('Cannot GET /x')).body).toMatchObject({ status: 404, code: 'not_found' });
    const unexpected = toProblem(new Error('secret database detail'));
    expect(unexpected).toMatchObject({ status: 500, unexpected: true });
    expect(JSON.stringify(unexpected.body)).not.toContain('secret');
    expect(toProblem(fromWire({ code: 'internal', message: 'boom at line 3' })).body.detail).toBe('Internal error; it has been logged.');
  });
});
