import { RateLimiter } from './rate-limiter';

describe('rate limiter', () => {
  it('allows a burst, then the sustained rate, per key, and says when to retry', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    const refused = limiter.take('a');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1, limit: 3 });
    expect(limiter.take('b').allowed).toBe(true);
    now = 500;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    now = 10_000;
    expect(limiter.take('a')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('tells a slow rate how long to wait', () => {
    const limiter = new RateLimiter({ perSecond: 0.1, burst: 1 }, () => 0);
    limiter.take('a');
    expect(limiter.take('a').retryAfterSeconds).toBe(10);
  });
});
