// Bounded waiting for asynchronous outcomes: tests never sleep blindly or loop forever (STYLE.md).

export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** What we are waiting for, printed when the wait times out. */
  what?: string;
}

/**
 * Calls `probe` until it returns without throwing (and, if it returns a boolean, returns true).
 * Resolves with the probe's last value; rejects with the last failure after `timeoutMs`.
 */
export async function eventually<T>(probe: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== false) return value;
      lastError = new Error('probe returned false');
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}: ${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
