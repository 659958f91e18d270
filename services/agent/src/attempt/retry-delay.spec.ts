import { retryDelay } from './attempt-runner';

describe('waiting out a 503 or 429 inside the attempt', () => {
  it('honours a short Retry-After, in seconds or as a date', () => {
    expect(retryDelay('1', 0)).toBe(1000);
    expect(retryDelay('0', 2)).toBe(0);
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    expect(retryDelay(inTwoSeconds, 0)).toBeGreaterThan(500);
  });

  it('does not wait for a long Retry-After (the orchestrator retries the task later instead)', () => {
    expect(retryDelay('120', 0)).toBeUndefined();
  });

  it('backs off briefly when the server gives no hint', () => {
    expect([0, 1, 2, 5].map((retry) => retryDelay(undefined, retry))).toEqual([250, 500, 1000, 2000]);
  });
});
