import { ConcurrencyError, fromWire, NotFoundError, ValidationError } from './errors';

describe('typed errors', () => {
  it('cross the wire and keep their code, status and field issues', () => {
    const original = new ValidationError([
      { path: 'columns/1/name', message: 'must be unique; "price" is used twice' },
      { path: 'name', message: 'is required' },
    ]);
    const received = fromWire(JSON.parse(JSON.stringify(original.toWire())));
    expect(received.code).toBe('validation_failed');
    expect(received.httpStatus).toBe(422);
    expect(received.errors).toHaveLength(2);
    expect(received.message).toBe('columns/1/name: must be unique; "price" is used twice (and 1 more)');
  });

  it('maps each family to its HTTP status', () => {
    expect(new NotFoundError('Campaign', 'c1').httpStatus).toBe(404);
    expect(new ConcurrencyError('a1', 3, 4).httpStatus).toBe(409);
    expect(fromWire({ code: 'weird' as never, message: 'x' }).httpStatus).toBe(500);
  });
});
