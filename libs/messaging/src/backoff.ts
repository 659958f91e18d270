// Exponential backoff with full jitter, the retry delay used by the relay, consumers and the
// orchestrator. Jitter keeps many retries from hitting a recovering dependency at once.

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor?: number;
  /** 0 = no jitter, 1 = full jitter (delay drawn from [0, computed]). */
  jitter?: number;
}

export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const factor = policy.factor ?? 2;
  const exponential = Math.min(policy.maxMs, policy.initialMs * factor ** Math.max(0, attempt - 1));
  const jitter = policy.jitter ?? 0.5;
  return Math.round(exponential * (1 - jitter) + exponential * jitter * random());
}
