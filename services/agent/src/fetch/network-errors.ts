// Turns what sockets, undici and Chromium say when a page cannot be loaded into the platform's
// failure categories: refused target, DNS, connection, TLS, timeouts.
import { DnsLookupError, findCause, UnsafeTargetError } from '../egress/address-guard';
import { pageError, timeout, unsafeTarget, type Failure } from '../domain/failure';

/** A failure with its category, thrown inside an attempt and reported as its result. */
export class AttemptFailureError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'AttemptFailureError';
  }
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|EPROTO$|HOSTNAME_MISMATCH)/;
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** For errors from the HTTP client (undici over the guarded dispatcher). */
export function failureFromHttpError(error: unknown, url: string, deadlineHit: boolean): Failure {
  const already = findCause(error, AttemptFailureError);
  if (already) return already.failure;
  const refused = findCause(error, UnsafeTargetError);
  if (refused) return unsafeTarget(refused.range, refused.message);
  const dnsError = findCause(error, DnsLookupError);
  if (dnsError) return pageError('dns', `${dnsError.host} does not resolve (${dnsError.code})`, dnsError.transient);
  if (deadlineHit) return timeout('budget', `the attempt's time budget ran out while loading ${url}`);
  const codes = codesOf(error);
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ETIMEDOUT')) {
    return timeout('connect', `connecting to ${hostOf(url)} timed out`);
  }
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) return timeout('headers', `${url} sent no response headers in time`);
  if (codes.includes('UND_ERR_BODY_TIMEOUT')) return timeout('body', `${url} stopped sending its page`);
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return pageError('dns', `${hostOf(url)} does not resolve`, codes.includes('EAI_AGAIN'));
  }
  const tls = codes.find((code) => TLS_CODES.test(code));
  if (tls) return pageError('tls', `secure connection to ${hostOf(url)} failed (${tls})`);
  const connection = codes.find((code) => CONNECTION_CODES.has(code));
  if (connection) return pageError('connection', `connection to ${hostOf(url)} failed (${connection})`);
  const message = error instanceof Error ? error.message : String(error);
  return pageError('connection', `loading ${url} failed: ${message}`);
}

/** For Chromium's `net::ERR_*` navigation errors. */
export function failureFromBrowserError(message: string, url: string, deadlineHit: boolean): Failure {
  if (deadlineHit || /Timeout \d+ms exceeded/i.test(message)) return timeout('budget', `the attempt's time budget ran out while rendering ${url}`);
  const code = /net::(ERR_[A-Z_]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_NAME_NOT_RESOLVED' || code === 'ERR_NAME_RESOLUTION_FAILED') return pageError('dns', `${hostOf(url)} does not resolve`);
  if (code === 'ERR_TOO_MANY_REDIRECTS') return pageError('redirect_loop', `${url} redirects in a loop`);
  if (code.startsWith('ERR_CERT_') || code.startsWith('ERR_SSL_')) return pageError('tls', `secure connection to ${hostOf(url)} failed (${code})`);
  if (code === 'ERR_TIMED_OUT' || code === 'ERR_CONNECTION_TIMED_OUT') return timeout('connect', `connecting to ${hostOf(url)} timed out`);
  if (code === 'ERR_FILE_TOO_BIG' || code === 'ERR_INSUFFICIENT_RESOURCES') return pageError('too_large', `${url} is too large`);
  return pageError('connection', `the browser could not load ${url}${code ? ` (${code})` : `: ${message.split('\n')[0]}`}`);
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
