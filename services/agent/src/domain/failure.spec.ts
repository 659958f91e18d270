import { blocked, extractionFailed, failureLabel, isRetryableStatus, pageError, pageErrorStatus, timeout, unsafeTarget } from './failure';

describe('failure categories', () => {
  it('labels failures the way the site farm truth does', () => {
    expect(failureLabel(blocked('captcha', 'x'))).toBe('blocked:captcha');
    expect(failureLabel(pageErrorStatus(404, 'x'))).toBe('page_error:404');
    expect(failureLabel(pageError('redirect_loop', 'x'))).toBe('page_error:redirect_loop');
    expect(failureLabel(timeout('headers', 'x'))).toBe('timeout');
    expect(failureLabel(extractionFailed('missing_required', 'x'))).toBe('extraction_failed');
    expect(failureLabel(unsafeTarget('loopback', 'x'))).toBe('unsafe_target:loopback');
  });

  it('says which failures are worth retrying', () => {
    expect(blocked('captcha', '').retryable).toBe(false);
    expect(blocked('login_required', '').retryable).toBe(false);
    expect(blocked('paywall', '').retryable).toBe(false);
    expect(blocked('geo_blocked', '').retryable).toBe(false);
    expect(blocked('bot_detected', '').retryable).toBe(true);
    for (const status of [408, 429, 500, 502, 503, 504]) expect(pageErrorStatus(status, '').retryable).toBe(true);
    for (const status of [400, 403, 404, 410, 451]) expect(pageErrorStatus(status, '').retryable).toBe(false);
    expect(pageError('connection', '').retryable).toBe(true);
    expect(pageError('dns', '').retryable).toBe(true);
    expect(pageError('dns', '', false).retryable).toBe(false);
    expect(pageError('tls', '').retryable).toBe(false);
    expect(pageError('redirect_loop', '').retryable).toBe(false);
    expect(pageError('too_large', '').retryable).toBe(false);
    expect(timeout('budget', '').retryable).toBe(true);
    expect(extractionFailed('nothing_found', '').retryable).toBe(false);
    expect(unsafeTarget('cloud_metadata', '').retryable).toBe(false);
    expect(isRetryableStatus(200)).toBe(false);
  });
});
