import { parseEmail } from './email';
import { parseUrl, urlKey } from './url';

describe('parseUrl', () => {
  it.each([
    ['https://example.com/path/', 'https://example.com/path'],
    ['example.com/path', 'https://example.com/path'],
    ['HTTPS://WWW.Example.COM/', 'https://www.example.com'],
    ['https://example.com/?utm_source=x&id=3#top', 'https://example.com/?id=3'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['Visit www.example.com today.', 'https://www.example.com'],
    ['//cdn.example.com/x.js', 'https://cdn.example.com/x.js'],
  ])('%s → %s', (raw, expected) => {
    const result = parseUrl(raw);
    expect(result.ok && result.canonical).toBe(expected);
  });

  it('resolves relative links against the page', () => {
    const result = parseUrl('../contact', { baseUrl: 'https://x.org/a/b/c' });
    expect(result.ok && result.canonical).toBe('https://x.org/a/contact');
  });

  it('rejects non-web schemes and words', () => {
    for (const raw of ['javascript:void(0)', 'mailto:a@b.com', 'tel:123', 'index.html', 'hello world', '']) {
      expect(parseUrl(raw).ok).toBe(false);
    }
  });

  it('keys URLs so scheme, www, trailing slash and parameter order do not matter', () => {
    expect(urlKey('https://www.x.com/a/?b=2&a=1')).toBe(urlKey('http://x.com/a?a=1&b=2#frag'));
    expect(urlKey('https://x.com/a')).not.toBe(urlKey('https://x.com/b'));
  });
});

describe('parseEmail', () => {
  it.each([
    ['Info@Example.com', 'info@example.com'],
    ['mailto:sheriff@county.gov?subject=Hi', 'sheriff@county.gov'],
    ['Write to Jane <jane.doe@x.co.uk>.', 'jane.doe@x.co.uk'],
    ['info [at] example [dot] com', 'info@example.com'],
    ['info(at)example(dot)org', 'info@example.org'],
  ])('%s → %s', (raw, expected) => {
    const result = parseEmail(raw);
    expect(result.ok && result.canonical).toBe(expected);
  });

  it('rejects non-addresses', () => {
    expect(parseEmail('@handle').ok).toBe(false);
    expect(parseEmail('not an email').ok).toBe(false);
  });
});
