import { rankLinks } from './rank-links';

const html = `<html><body><header><nav>
  <a href="/">Home</a><a href="/about-us">About</a><a href="/pricing">Pricing &amp; memberships</a><a href="/contact">Contact us</a>
  <a href="/login">Log in</a><a href="/cart">Cart</a></nav></header>
  <main><a href="/departments/sheriff">Sheriff's Office</a><a href="/departments/coroner">Coroner</a><a href="/news/2021/05/picnic">Picnic</a>
  <a href="https://facebook.com/joes">Facebook</a><a href="mailto:a@b.test">Email</a><a href="tel:123">Call</a><a href="javascript:void(0)">Menu</a>
  <a href="/files/menu.pdf">Menu (PDF)</a><a href="/contact/">Contact (again)</a><a href="https://www.example.test/rates">Rates</a>
  <a href="https://other.test/pricing">Partner pricing</a></main></body></html>`;

const rank = (columns: Parameters<typeof rankLinks>[0]['columns'], extra: Partial<Parameters<typeof rankLinks>[0]> = {}) =>
  rankLinks({ html, url: 'https://example.test/', columns, ...extra });

describe('rankLinks', () => {
  it('puts pages matching the columns first', () => {
    expect(new URL(rank([{ name: 'drop_in_price', type: 'money' }])[0].url).pathname).toMatch(/pricing|rates/);
    expect(new URL(rank([{ name: 'phone', type: 'phone' }])[0].url).pathname).toBe('/contact');
    expect(new URL(rank([{ name: 'coroner_phone', type: 'phone' }])[0].url).pathname).toBe('/departments/coroner');
  });

  it('uses the instruction text', () => {
    const links = rank([{ name: 'value', type: 'text' }], { instructionText: 'Look on the sheriff page.' });
    expect(new URL(links[0].url).pathname).toBe('/departments/sheriff');
  });

  it('excludes off-site, non-web, asset and visited links and dedupes', () => {
    const links = rank([{ name: 'phone', type: 'phone' }], { visited: ['https://example.test/about-us'] });
    const urls = links.map((l) => l.url);
    expect(urls.some((u) => /facebook|other\.test|mailto|tel:|javascript|\.pdf|about-us/.test(u))).toBe(false);
    expect(urls.filter((u) => u.endsWith('/contact'))).toHaveLength(1);
    expect(urls).toContain('https://www.example.test/rates');
    expect(urls).not.toContain('https://example.test');
  });

  it('ranks login, cart and old news low', () => {
    const links = rank([{ name: 'price', type: 'money' }]);
    const score = (path: string) => links.find((l) => new URL(l.url).pathname === path)?.score ?? 0;
    expect(score('/login')).toBeLessThan(score('/pricing'));
    expect(score('/cart')).toBeLessThan(score('/pricing'));
  });
});
