import { inspectPage } from './inspect-page';

const page = (extra: Partial<Parameters<typeof inspectPage>[0]>) => ({
  status: 200,
  html: '<html><body><main><h1>Linea Studio</h1><p>Drop-in $25</p></main></body></html>',
  finalUrl: 'http://a.example/',
  requestedUrl: 'http://a.example/',
  headers: {},
  redirected: false,
  ...extra,
});

describe('inspecting a loaded page', () => {
  it('passes an ordinary page', () => {
    expect(inspectPage(page({}))).toBeUndefined();
  });

  it('names walls', () => {
    expect(inspectPage(page({ html: '<title>Just a moment...</title><h1>Verify you are human</h1><label><input type=checkbox> I\'m not a robot</label>' }))).toMatchObject({ category: 'blocked', reason: 'captcha' });
    expect(inspectPage(page({ status: 403, html: '<h1>Access denied</h1><p>Automated traffic detected from your network.</p>' }))).toMatchObject({ category: 'blocked', reason: 'bot_detected', retryable: true });
    expect(inspectPage(page({ status: 451, html: '<h1>Not available in your region</h1>' }))).toMatchObject({ reason: 'geo_blocked' });
  });

  it('recognises a redirect that lands on a sign-in page', () => {
    const login = page({ redirected: true, finalUrl: 'http://a.example/login?next=%2Fpricing', requestedUrl: 'http://a.example/pricing', html: '<h1>Welcome back</h1>' });
    expect(inspectPage(login)).toMatchObject({ category: 'blocked', reason: 'login_required' });
  });

  it('turns HTTP errors into page_error with the status', () => {
    expect(inspectPage(page({ status: 404, html: '<h1>404 — Page not found</h1>' }))).toMatchObject({ category: 'page_error', reason: '404', retryable: false });
    expect(inspectPage(page({ status: 503, html: '' }))).toMatchObject({ category: 'page_error', reason: '503', retryable: true });
  });
});
