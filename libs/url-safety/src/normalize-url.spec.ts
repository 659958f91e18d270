import { normalizeTargetUrl } from './normalize-url';

describe('normalizeTargetUrl', () => {
  it.each([
    ['example.com', 'https://example.com/'],
    ['www.example.com/shop?id=1', 'https://www.example.com/shop?id=1'],
    ['//example.com/a', 'https://example.com/a'],
    ['HTTP://Example.COM:80/Path#top', 'http://example.com/Path'],
    ['https://example.com:443/', 'https://example.com/'],
    ['https://example.com:8443/x', 'https://example.com:8443/x'],
    ['example.com:8080/x', 'https://example.com:8080/x'],
    ['localhost:3000', 'https://localhost:3000/'],
    ['http://bücher.de/straße', 'http://xn--bcher-kva.de/stra%C3%9Fe'],
    ['münchen.de', 'https://xn--mnchen-3ya.de/'],
    ['http://xn--bcher-kva.de', 'http://xn--bcher-kva.de/'],
    ['  https://example.com/a  ', 'https://example.com/a'],
    ['https://example.com./', 'https://example.com/'],
    ['http://2130706433/', 'http://127.0.0.1/'],
    ['http://0x7f.1/', 'http://127.0.0.1/'],
    ['http://[::FFFF:127.0.0.1]/', 'http://[::ffff:7f00:1]/'],
    ['http://site.farm.localhost:4100/menu', 'http://site.farm.localhost:4100/menu'],
    ['https://user:pw@example.com/', 'https://user:pw@example.com/'],
  ])('%s → %s', (raw, url) => {
    expect(normalizeTargetUrl(raw)).toMatchObject({ ok: true, url });
  });

  it('records the host and whether a scheme was added', () => {
    expect(normalizeTargetUrl('Example.com')).toEqual({ ok: true, url: 'https://example.com/', host: 'example.com', scheme: 'https', schemeAdded: true });
    expect(normalizeTargetUrl('http://[::1]:8080/')).toMatchObject({ host: '::1', scheme: 'http', schemeAdded: false });
  });

  it.each([
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['JavaScript:void(0)', 'unsupported_scheme'],
    ['data:text/html,<script>alert(1)</script>', 'unsupported_scheme'],
    ['file:///etc/passwd', 'unsupported_scheme'],
    ['ftp://files.example.com/a.csv', 'unsupported_scheme'],
    ['mailto:someone@example.com', 'unsupported_scheme'],
    ['', 'missing_url'],
    ['   ', 'missing_url'],
    ['N/A', 'invalid_url'],
    ['info@example.com', 'invalid_url'],
    ['none', 'invalid_url'],
    ['12.50', 'invalid_url'],
    ['http://', 'invalid_url'],
    ['https://exa mple.com', 'invalid_url'],
    ['http://[fe80::1%25eth0]/', 'invalid_url'],
    [`https://example.com/${'a'.repeat(3000)}`, 'invalid_url'],
  ])('%s is refused as %s', (raw, code) => {
    const result = normalizeTargetUrl(raw);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
  });

  it('treats null and undefined as a missing URL', () => {
    expect(normalizeTargetUrl(null)).toMatchObject({ ok: false, code: 'missing_url' });
    expect(normalizeTargetUrl(undefined)).toMatchObject({ ok: false, code: 'missing_url' });
  });
});
