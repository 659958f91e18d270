// The page-level helpers on the site farm: every blocked site is classified with its reason and
// no friendly page is; pages that render their fields with JavaScript are told apart from pages
// that do not; and the subpage holding missing fields is the top-ranked link.

import { COLUMN_TYPES, COLUMNS, generateFarm, renderPage, type Site } from '@fieldwork/sitefarm';
import type { ColumnType } from '@fieldwork/values';
import { classifyPage } from './classify-page';
import { needsJavaScript } from './needs-javascript';
import { rankLinks } from './rank-links';
import type { ColumnSpec } from './types';

const farm = generateFarm({ seed: 5, sites: 300, hostileShare: 0.3 });

function body(site: Site, path: string): { status: number; html: string; headers: Record<string, string> } {
  let response = renderPage(site, path);
  // Follow same-site redirects the way a fetch would (the login wall redirects to /login).
  for (let hops = 0; hops < 3 && response.status >= 300 && response.status < 400 && response.headers.location?.startsWith('/'); hops++) {
    response = renderPage(site, response.headers.location);
  }
  const html = typeof response.body === 'string' ? response.body : '';
  return { status: response.status, html, headers: response.headers };
}

describe('page classification on the site farm', () => {
  it('classifies every blocked site and no friendly one', () => {
    const confusion = new Map<string, Map<string, number>>();
    for (const site of farm.sites) {
      if (site.truth.hostile && !site.truth.hostile.startsWith('blocked:') && site.truth.expectedOutcome === 'failure') continue;
      if (site.hostile === 'too_large') continue;
      const page = body(site, site.entryPath);
      const verdict = classifyPage({ status: page.status, html: page.html, url: site.url, headers: page.headers });
      const expected = site.truth.hostile?.startsWith('blocked:') ? site.truth.hostile : 'none';
      const got = verdict ? `blocked:${verdict.reason}` : 'none';
      const row = confusion.get(expected) ?? new Map<string, number>();
      row.set(got, (row.get(got) ?? 0) + 1);
      confusion.set(expected, row);
    }
    for (const [expected, row] of confusion) expect({ expected, got: [...row.keys()] }).toEqual({ expected, got: [expected] });
    expect(confusion.size).toBe(6);
  });

  it('says which pages need JavaScript to show their fields', () => {
    let missed = 0;
    let falseAlarms = 0;
    for (const site of farm.sites.filter((s) => s.truth.hostile === null)) {
      const onEntry = Object.entries(site.truth.fieldLocations).filter(([, where]) => where === 'home').map(([column]) => site.truth.fieldMarkup[column]);
      const scripted = onEntry.some((kind) => kind === 'js-inline' || kind === 'js-xhr');
      const verdict = needsJavaScript(body(site, site.entryPath).html);
      if (scripted && !verdict) missed += 1;
      if (!scripted && verdict) falseAlarms += 1;
    }
    expect({ missed, falseAlarms }).toEqual({ missed: 0, falseAlarms: 0 });
  });

  it('ranks the subpage holding the missing fields first', () => {
    const ranks: number[] = [];
    for (const site of farm.sites.filter((s) => s.truth.hostile === null)) {
      const subpages = new Set(Object.values(site.truth.fieldLocations).filter((where) => where !== 'home'));
      if (subpages.size === 0) continue;
      const columns: ColumnSpec[] = COLUMNS[site.vertical].map((name) => ({ name, type: (COLUMN_TYPES[name] === 'currency' ? 'text' : COLUMN_TYPES[name]) as ColumnType }));
      const links = rankLinks({ html: body(site, site.entryPath).html, url: site.url, columns });
      const linked = links.findIndex((link) => subpages.has(new URL(link.url).pathname));
      // Deep subpages (a fee schedule under /regulations) are reached through their section.
      const section = links.findIndex((link) => [...subpages].some((path) => path.startsWith(`${new URL(link.url).pathname}/`)));
      ranks.push(linked >= 0 ? linked : section);
    }
    expect(ranks.length).toBeGreaterThan(50);
    expect(ranks.filter((rank) => rank === 0).length / ranks.length).toBeGreaterThanOrEqual(0.95);
  });
});
