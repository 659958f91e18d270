// When and how long to wait before trying a chat request again: exponential backoff with jitter,
// unless the server said how long (Retry-After in seconds or as a date, or OpenAI's
// retry-after-ms), which is honoured.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** [0, 1); injected in tests. */
  random: () => number;
}

/** "Equal jitter": half the exponential delay is fixed, the other half random, so retries spread out. */
export function backoffDelayMs(retry: number, options: BackoffOptions): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, retry));
  return Math.round(exponential / 2 + (exponential / 2) * options.random());
}

/** Milliseconds the server asked us to wait, or undefined when it did not say (or said nonsense). */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  // An HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse alone would accept "-5".
  if (!/^[A-Za-z]{3},? /.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Statuses worth another try: rate limits, overload and server errors (and 408 request timeout). */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Sleeps `ms`, waking early (rejecting) when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
