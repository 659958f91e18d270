// Why an attempt did not deliver, in the platform's words (DESIGN.md §4, issue 6): a category,
// a precise reason, and whether trying again later may help — the orchestrator retries only
// retryable failures. Pure: no I/O, shared by the attempt runner and the tests.

export const FAILURE_CATEGORIES = ['blocked', 'page_error', 'timeout', 'extraction_failed', 'unsafe_target'] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

export const BLOCKED_REASONS = ['captcha', 'login_required', 'paywall', 'geo_blocked', 'bot_detected'] as const;
export type BlockedReason = (typeof BLOCKED_REASONS)[number];

export const PAGE_ERROR_REASONS = ['dns', 'connection', 'tls', 'redirect_loop', 'too_large', 'invalid_url'] as const;
export type PageErrorReason = (typeof PAGE_ERROR_REASONS)[number];

export type TimeoutReason = 'connect' | 'headers' | 'body' | 'budget';
export type ExtractionFailedReason = 'missing_required' | 'nothing_found';

export interface Failure {
  category: FailureCategory;
  reason: string;
  retryable: boolean;
  /** A sentence for people: what happened, where. */
  message: string;
}

export function blocked(reason: BlockedReason, message: string): Failure {
  // Walls do not come down by themselves within a run; a bot wall sometimes does.
  return { category: 'blocked', reason, retryable: reason === 'bot_detected', message };
}

/** Statuses worth retrying later: rate limits, timeouts and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

export function pageErrorStatus(status: number, message: string): Failure {
  return { category: 'page_error', reason: String(status), retryable: isRetryableStatus(status), message };
}

export function pageError(reason: PageErrorReason, message: string, retryable?: boolean): Failure {
  const byDefault = reason === 'connection' || reason === 'dns';
  return { category: 'page_error', reason, retryable: retryable ?? byDefault, message };
}

export function timeout(reason: TimeoutReason, message: string): Failure {
  return { category: 'timeout', reason, retryable: true, message };
}

export function extractionFailed(reason: ExtractionFailedReason, message: string): Failure {
  // The page was read fine: the same instructions will not find more next time.
  return { category: 'extraction_failed', reason, retryable: false, message };
}

export function unsafeTarget(range: string, message: string): Failure {
  return { category: 'unsafe_target', reason: range, retryable: false, message };
}

/** "blocked:captcha", "page_error:404", "timeout" — the site farm's hostile labels. */
export function failureLabel(failure: Pick<Failure, 'category' | 'reason'>): string {
  switch (failure.category) {
    case 'timeout':
    case 'extraction_failed':
      return failure.category;
    case 'blocked':
    case 'page_error':
    case 'unsafe_target':
      return `${failure.category}:${failure.reason}`;
    default: {
      const never: never = failure.category;
      return String(never);
    }
  }
}
