import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { initialMs: 100, maxMs: 5_000, factor: 2 };

  it('grows exponentially and caps', () => {
    const noJitter = { ...policy, jitter: 0 };
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, noJitter))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(20, noJitter)).toBe(5_000);
  });

  it('draws jittered delays within [(1-j)·d, d]', () => {
    expect(backoffDelay(3, { ...policy, jitter: 0.5 }, () => 0)).toBe(200);
    expect(backoffDelay(3, { ...policy, jitter: 0.5 }, () => 1)).toBe(400);
  });
});
