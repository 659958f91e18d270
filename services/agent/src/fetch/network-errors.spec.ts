import { DnsLookupError, UnsafeTargetError } from '../egress/address-guard';
import { failureFromBrowserError, failureFromHttpError } from './network-errors';

const withCode = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

describe('network errors as failure categories', () => {
  const url = 'http://a.example/x';

  it('maps HTTP client errors', () => {
    expect(failureFromHttpError(new UnsafeTargetError('a.example', 'private', 'no'), url, false)).toMatchObject({ category: 'unsafe_target', reason: 'private' });
    expect(failureFromHttpError(withCode('UND_ERR_SOCKET', new DnsLookupError('a.example', 'ENOTFOUND', false)), url, false)).toMatchObject({ category: 'page_error', reason: 'dns', retryable: false });
    expect(failureFromHttpError(withCode('UND_ERR_HEADERS_TIMEOUT'), url, false)).toMatchObject({ category: 'timeout', reason: 'headers' });
    expect(failureFromHttpError(withCode('UND_ERR_BODY_TIMEOUT'), url, false)).toMatchObject({ category: 'timeout', reason: 'body' });
    expect(failureFromHttpError(withCode('UND_ERR_CONNECT_TIMEOUT'), url, false)).toMatchObject({ category: 'timeout', reason: 'connect' });
    expect(failureFromHttpError(withCode('ECONNREFUSED'), url, false)).toMatchObject({ category: 'page_error', reason: 'connection', retryable: true });
    expect(failureFromHttpError(withCode('DEPTH_ZERO_SELF_SIGNED_CERT'), url, false)).toMatchObject({ category: 'page_error', reason: 'tls' });
    expect(failureFromHttpError(withCode('UND_ERR_ABORTED'), url, true)).toMatchObject({ category: 'timeout', reason: 'budget' });
  });

  it('maps Chromium navigation errors', () => {
    expect(failureFromBrowserError('page.goto: net::ERR_NAME_NOT_RESOLVED at http://x', url, false)).toMatchObject({ reason: 'dns' });
    expect(failureFromBrowserError('net::ERR_TOO_MANY_REDIRECTS', url, false)).toMatchObject({ reason: 'redirect_loop' });
    expect(failureFromBrowserError('net::ERR_CERT_AUTHORITY_INVALID', url, false)).toMatchObject({ reason: 'tls' });
    expect(failureFromBrowserError('page.goto: Timeout 5000ms exceeded.', url, false)).toMatchObject({ category: 'timeout' });
    expect(failureFromBrowserError('net::ERR_CONNECTION_REFUSED', url, false)).toMatchObject({ category: 'page_error', reason: 'connection' });
  });
});
