// Typed failures of the LLM strategy. A caller decides from `code` and `retryable` what to do
// (fall back to the heuristic strategy, retry the attempt later, or report a configuration
// problem) and shows `message`, which names the endpoint, the model and what the server said.

export type LlmErrorCode =
  /** No endpoint or model is configured (the default platform configuration). */
  | 'not_configured'
  /** A configuration value is unusable (bad URL, negative price …). */
  | 'invalid_config'
  /** 400/422 the server kept refusing after the request was adapted to it. */
  | 'bad_request'
  /** 401/403: missing or wrong API key. */
  | 'unauthorized'
  /** 404: wrong base URL or unknown model. */
  | 'not_found'
  /** 429 still returned after every retry, or a Retry-After longer than we are willing to wait. */
  | 'rate_limited'
  /** 5xx still returned after every retry. */
  | 'server_error'
  /** No complete response within the configured timeout. */
  | 'timeout'
  /** Connection refused/reset/DNS failure after every retry. */
  | 'network'
  /** The server answered 2xx with something that is not a chat completion. */
  | 'invalid_response'
  /** The caller's abort signal fired. */
  | 'aborted';

const RETRYABLE: ReadonlySet<LlmErrorCode> = new Set(['rate_limited', 'server_error', 'timeout', 'network']);

export interface LlmErrorDetails {
  status?: number;
  /** The server's own error message, verbatim (capped). */
  serverMessage?: string;
  /** HTTP requests made before giving up. */
  attempts?: number;
  /** How long the server asked us to wait (429/503 with Retry-After). */
  retryAfterMs?: number;
  endpoint?: string;
  model?: string;
  cause?: unknown;
}

export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly code: LlmErrorCode;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly attempts: number;
  readonly retryAfterMs?: number;
  readonly endpoint?: string;
  readonly model?: string;

  constructor(code: LlmErrorCode, message: string, details: LlmErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.attempts = details.attempts ?? 0;
    this.retryAfterMs = details.retryAfterMs;
    this.endpoint = details.endpoint;
    this.model = details.model;
  }

  /** Worth trying again later (a later attempt, another worker, after `retryAfterMs`). */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}
