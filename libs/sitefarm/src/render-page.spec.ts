import { htmlToText } from './canonical/html-text';
import { type PhoneCountry } from './canonical/phone';
import { valuePresent } from './canonical/value-presence';
import { crawlSite } from './crawl';
import { generateFarm } from './generate-farm';
import { downloadPath } from './hostile/hostile-pages';
import { renderPage, routeRequest } from './render-page';
import { valueReadableInRawHtml } from './testing/raw-leaks';
import { COLUMN_TYPES, type Site, type TruthRecord } from './types';

function phoneCountryOf(truth: TruthRecord): PhoneCountry {
  const phone = Object.entries(truth.fields).find(([col]) => COLUMN_TYPES[col] === 'phone')?.[1] ?? '+1';
  return phone.startsWith('+44') ? 'GB' : phone.startsWith('+61') ? 'AU' : 'US';
}

function pathOf(site: Site, col: string): string {
  const location = site.truth.fieldLocations[col] as string;
  return location === 'home' ? site.entryPath : location;
}

function bodyOf(site: Site, path: string): string {
  const page = renderPage(site, path);
  expect({ site: site.id, path, status: page.status }).toEqual({ site: site.id, path, status: 200 });
  return page.body as string;
}

const isJs = (kind: string) => kind === 'js-inline' || kind === 'js-xhr';

/** Decodes the base64 state a js-inline block carries, to check the values are really in it. */
function inlineState(html: string): string {
  return [...html.matchAll(/atob\("([A-Za-z0-9+/=]+)"\)/g)].map((m) => Buffer.from(m[1] as string, 'base64').toString('utf8')).join('\n');
}

describe('renderPage (raw HTML, no browser)', () => {
  const farm = generateFarm({ seed: 11, sites: 420, hostileShare: 0.1, port: 4500 });
  const usable = farm.sites.filter((s) => s.truth.expectedOutcome === 'success');

  it('shows every non-JavaScript truth value on its page, in a format that reads back', () => {
    let checked = 0;
    for (const site of usable) {
      for (const [col, value] of Object.entries(site.truth.fields)) {
        if (isJs(site.truth.fieldMarkup[col] as string)) continue;
        const html = bodyOf(site, pathOf(site, col));
        const found = valuePresent(col, value, { text: htmlToText(html), html, phoneCountry: phoneCountryOf(site.truth) });
        // The reader the absence check below relies on must see these values too.
        const readable = valueReadableInRawHtml(col, value, html, phoneCountryOf(site.truth));
        expect({ site: site.id, col, value, found, readable }).toEqual({ site: site.id, col, value, found: true, readable: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('keeps JavaScript-only values of every column type out of the raw HTML of every page, while the script’s data carries them', () => {
    let checked = 0;
    const types = new Set<string>();
    for (const site of usable) {
      const jsCols = Object.keys(site.truth.fields).filter((col) => isJs(site.truth.fieldMarkup[col] as string));
      if (jsCols.length === 0) continue;
      // Every HTML page a crawler reaches (entry, subpages, footer pages, 404s of related links).
      const htmlPages = [...crawlSite(site)].filter(([, page]) => typeof page.body === 'string' && (page.headers['content-type'] ?? '').startsWith('text/html'));
      expect(htmlPages.length).toBeGreaterThan(2);
      const country = phoneCountryOf(site.truth);
      for (const col of jsCols) {
        const value = site.truth.fields[col] as string;
        const kind = site.truth.fieldMarkup[col] as string;
        const leaks = htmlPages.filter(([, page]) => valueReadableInRawHtml(col, value, page.body as string, country)).map(([path]) => path);
        expect({ site: site.id, col, value, leaks }).toEqual({ site: site.id, col, value, leaks: [] });
        types.add(COLUMN_TYPES[col] as string);
        checked++;
        if (col === 'pos_system') continue;
        const html = bodyOf(site, pathOf(site, col));
        const data = kind === 'js-inline' ? inlineState(html) : [...html.matchAll(/(?:fetch\(|x\.open\('GET',)"([^"]+)"/g)].map((m) => renderPage(site, m[1] as string).body as string).join('\n');
        const decoded = htmlToText(data.replace(/\\u([0-9a-f]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
        expect({ site: site.id, col, found: valuePresent(col, value, { text: decoded, html: data, phoneCountry: country }) }).toEqual({ site: site.id, col, found: true });
      }
    }
    expect([...types].sort()).toEqual(['boolean', 'currency', 'date', 'enum', 'money', 'phone', 'text']);
    expect(checked).toBeGreaterThan(250);
  });

  it('answers walls, errors and redirects with the documented status codes', () => {
    const by = (behaviour: string) => farm.sites.find((s) => s.hostile === behaviour)!;
    expect(renderPage(by('captcha'), '/').status).toBe(200);
    expect(renderPage(by('captcha'), '/').body).toContain('Verify you are human');
    expect(renderPage(by('login_wall'), '/').headers.location).toBe('/login?next=%2F');
    expect(renderPage(by('login_wall'), '/login?next=%2F').body).toContain('type="password"');
    expect(renderPage(by('paywall'), '/').body).toContain('Subscribe to keep reading');
    expect(renderPage(by('geo_block'), '/').status).toBe(451);
    expect(renderPage(by('bot_wall'), '/').status).toBe(403);
    expect(renderPage(by('not_found'), '/').status).toBe(404);
    expect(renderPage(by('gone'), '/').status).toBe(410);
    expect(renderPage(by('server_error'), '/').status).toBe(500);
    const loop = by('redirect_loop');
    expect([renderPage(loop, '/').headers.location, renderPage(loop, '/loop/a').headers.location, renderPage(loop, '/loop/b').headers.location]).toEqual(['/loop/a', '/loop/b', '/loop/a']);
    const trap = by('trap_redirect');
    expect(renderPage(trap, '/').headers.location).toBe(`http://127.0.0.2:4599/internal/${trap.id}/redirect`);
    expect(renderPage(by('too_large'), by('too_large').entryPath).delivery).toMatchObject({ kind: 'pad', totalBytes: 12 * 1024 * 1024 });
    expect(renderPage(by('slow_response'), '/').delivery).toEqual({ kind: 'delay', ms: 120_000 });
    expect(renderPage(by('slow_trickle'), '/').delivery).toEqual({ kind: 'trickle', chunkBytes: 64, intervalMs: 1000 });
    const download = by('download_trap');
    const file = renderPage(download, downloadPath(download));
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename=".+\.pdf"$/);
    expect((file.body as Uint8Array).byteLength).toBe(2 * 1024 * 1024);
    expect(renderPage(download, '/price-list').headers.location).toBe(downloadPath(download));
    expect(renderPage(by('trap_link'), by('trap_link').entryPath).body).toContain(`http://127.0.0.2:4599/internal/${by('trap_link').id}/`);
  });

  it('never reveals a blocked site’s values', () => {
    for (const site of farm.sites.filter((s) => ['captcha', 'paywall', 'geo_block', 'bot_wall', 'login_wall'].includes(s.hostile ?? ''))) {
      const html = renderPage(site, site.entryPath).body as string;
      for (const [col, value] of Object.entries(site.truth.fields)) {
        if (COLUMN_TYPES[col] === 'text' || COLUMN_TYPES[col] === 'currency') continue;
        expect({ site: site.id, col, shown: valuePresent(col, value, { text: htmlToText(html), html }) }).toEqual({ site: site.id, col, shown: false });
      }
    }
  });

  it('routes by Host header: sites, POS vendor stand-ins, the index, unknown hosts', () => {
    const site = usable[0]!;
    expect(routeRequest(farm, `${site.host}:4500`, site.entryPath).site?.id).toBe(site.id);
    expect(routeRequest(farm, site.host.toUpperCase(), site.entryPath).response.status).toBe(200);
    expect(routeRequest(farm, 'nowhere.farm.localhost:4500', '/').response.status).toBe(404);
    expect(routeRequest(farm, 'order.toasttab.com.farm.localhost:4500', '/online/x').response.status).toBe(200);
    expect(routeRequest(farm, 'farm.localhost:4500', '/truth.json').response.headers['content-type']).toContain('application/json');
    expect(renderPage(site, '/no/such/page').status).toBe(404);
    expect(renderPage(site, '/privacy').status).toBe(200);
  });
});
