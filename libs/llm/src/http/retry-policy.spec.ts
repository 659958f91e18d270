import { abortableSleep, backoffDelayMs, isTransientStatus, retryAfterMs } from './retry-policy';

describe('backoffDelayMs', () => {
  it('doubles per retry, with half of it random, up to the cap', () => {
    const low = { baseMs: 100, maxMs: 1000, random: () => 0 };
    const high = { baseMs: 100, maxMs: 1000, random: () => 0.999999 };
    expect([0, 1, 2, 3, 4].map((r) => backoffDelayMs(r, low))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 4].map((r) => backoffDelayMs(r, high))).toEqual([100, 200, 400, 800, 1000]);
  });
});

describe('retryAfterMs', () => {
  const headers = (init: Record<string, string>) => new Headers(init);
  it('reads seconds, HTTP dates and retry-after-ms', () => {
    expect(retryAfterMs(headers({ 'retry-after': '2' }), 0)).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after': '0.5' }), 0)).toBe(500);
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), 0)).toBe(250);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now)).toBe(0);
  });

  it('ignores absent or nonsensical values', () => {
    expect(retryAfterMs(headers({}), 0)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), 0)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': '-5' }), 0)).toBeUndefined();
  });
});

describe('isTransientStatus', () => {
  it('retries rate limits and server errors only', () => {
    expect([408, 429, 500, 502, 503, 504].every(isTransientStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isTransientStatus)).toBe(false);
  });
});

describe('abortableSleep', () => {
  it('rejects as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });
});
