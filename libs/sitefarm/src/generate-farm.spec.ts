import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { crawlSite } from './crawl';
import { writeDatasets } from './datasets/write-datasets';
import { generateFarm, FarmOptionsError } from './generate-farm';
import { HOSTILE_CATALOGUE } from './hostile/catalogue';
import { COLUMN_TYPES, COLUMNS, CURRENCIES, HOSTILE_BEHAVIOURS, POS_SYSTEMS, VERTICALS, type Farm, type Site } from './types';
import { VERTICAL_MODULES } from './verticals/registry';

function pagesOf(farm: Farm, sites: readonly Site[]): string {
  const out: string[] = [];
  for (const site of sites) {
    for (const [path, page] of crawlSite(site, 25)) {
      const body = typeof page.body === 'string' ? page.body : Buffer.from(page.body).toString('base64');
      out.push(`${site.host}${path} ${page.status} ${JSON.stringify(page.headers)} ${JSON.stringify(page.delivery)}\n${body}`);
    }
  }
  return `${JSON.stringify(farm.truth)}\n${out.join('\n')}`;
}

const CANONICAL: Record<string, RegExp> = {
  money: /^(\d+\.\d{2} (USD|EUR|GBP|SGD|AUD)|\d+ JPY)$/,
  phone: /^(\+1\d{3}55501\d{2}|\+44(2079460|1\d{2}4960)\d{3}|\+61[2378](5550|7010)\d{4})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  boolean: /^(true|false)$/,
  enum: new RegExp(`^(${POS_SYSTEMS.join('|')})$`),
  currency: new RegExp(`^(${CURRENCIES.join('|')})$`),
  text: /^\S(.*\S)?$/,
};

describe('generateFarm', () => {
  const options = { seed: 42, sites: 240, hostileShare: 0.2, port: 4500 };
  const farm = generateFarm(options);

  it('is deterministic: the same seed gives byte-identical truth and pages, JSON endpoints and feeds included', () => {
    // Every 7th site, plus a site of every hostile behaviour and every js-xhr site (their JSON endpoints).
    const behaviours = new Set<string>();
    const sample = farm.sites.filter((s, i) => {
      const firstOfBehaviour = s.hostile !== null && !behaviours.has(s.hostile);
      if (s.hostile) behaviours.add(s.hostile);
      return i % 7 === 0 || firstOfBehaviour || s.truth.markup.includes('js-xhr');
    });
    const again = generateFarm(options);
    const crawled = pagesOf(farm, sample);
    expect(pagesOf(again, sample.map((s) => again.byId.get(s.id)!))).toBe(crawled);
    // The crawl really reached what scripts request: js-xhr endpoints and endless-scroll feed pages.
    const usableXhr = sample.filter((s) => s.truth.markup.includes('js-xhr') && s.truth.expectedOutcome === 'success' && s.hostile !== 'slow_response' && s.hostile !== 'slow_trickle');
    expect(usableXhr.length).toBeGreaterThan(5);
    for (const site of usableXhr) {
      const json = [...crawlSite(site, 25)].filter(([, page]) => page.status === 200 && (page.headers['content-type'] ?? '').startsWith('application/json'));
      expect({ site: site.id, endpoints: json.length > 0 }).toEqual({ site: site.id, endpoints: true });
    }
    const scroller = sample.find((s) => s.hostile === 'endless_scroll')!;
    expect([...crawlSite(scroller, 25).keys()]).toEqual(expect.arrayContaining(['/api/feed?page=1', '/api/feed?page=2', '/api/feed?page=3']));
    expect(crawled).toContain('"posts":[');
  });

  it('is deterministic: two independent generations write byte-identical datasets and truth.json', async () => {
    const dirs = await Promise.all([0, 1].map(() => mkdtemp(path.join(tmpdir(), 'sitefarm-det-'))));
    try {
      const written = await Promise.all(dirs.map((dir) => writeDatasets(generateFarm(options), dir)));
      const names = written.map((files) => files.map((f) => path.basename(f)));
      expect(names[1]).toEqual(names[0]);
      expect(names[0]).toHaveLength(13);
      for (const name of names[0]!) {
        const [a, b] = await Promise.all(dirs.map((dir) => readFile(path.join(dir, name))));
        expect({ name, identical: a!.equals(b!), bytes: a!.length > 100 }).toEqual({ name, identical: true, bytes: true });
      }
    } finally {
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it('gives a different farm for a different seed', () => {
    const other = generateFarm({ ...options, seed: 43 });
    expect(JSON.stringify(other.truth.sites)).not.toBe(JSON.stringify(farm.truth.sites));
    expect(pagesOf(other, other.sites.slice(0, 6))).not.toBe(pagesOf(farm, farm.sites.slice(0, 6)));
  });

  it('gives every site a unique id and host under farm.localhost, and a URL on the farm port', () => {
    expect(new Set(farm.sites.map((s) => s.id)).size).toBe(farm.sites.length);
    for (const site of farm.sites) {
      expect(site.host).toBe(`${site.id}.farm.localhost`);
      expect(site.url).toBe(`http://${site.host}:4500${site.entryPath}`);
      expect(site.id).toMatch(/^[a-z0-9-]+-\d{4}$/);
    }
  });

  it('records every column of the vertical in canonical form', () => {
    for (const { vertical, fields, fieldLocations, fieldMarkup } of farm.truth.sites) {
      expect(Object.keys(fields)).toEqual([...COLUMNS[vertical]]);
      expect(Object.keys(fieldLocations).sort()).toEqual([...COLUMNS[vertical]].sort());
      expect(Object.keys(fieldMarkup).sort()).toEqual([...COLUMNS[vertical]].sort());
      for (const [col, value] of Object.entries(fields)) expect({ col, value, ok: CANONICAL[COLUMN_TYPES[col]!]!.test(value) }).toEqual({ col, value, ok: true });
    }
  });

  it('covers every template, markup kind and template x kind pair of every vertical in 35 sites per vertical', () => {
    const friendly = generateFarm({ seed: 7, sites: 6 * 35, hostileShare: 0 });
    for (const vertical of VERTICALS) {
      const sites = friendly.truth.sites.filter((s) => s.vertical === vertical);
      const module = VERTICAL_MODULES[vertical];
      expect(module.templates.length).toBeGreaterThanOrEqual(5);
      expect(new Set(sites.map((s) => s.template))).toEqual(new Set(module.templates));
      expect(new Set(sites.flatMap((s) => Object.values(s.fieldMarkup)).filter((k) => module.markupKinds.includes(k)))).toEqual(new Set(module.markupKinds));
      expect(sites.some((s) => s.markup.includes('subpage'))).toBe(true);
      // Every template x primary kind pair (the name column may be read off a heading: left out).
      const pairs = new Set(sites.flatMap((s) => Object.entries(s.fieldMarkup).filter(([col]) => col !== COLUMNS[vertical][0]).map(([, kind]) => `${s.template}|${kind}`)));
      expect(pairs).toEqual(new Set(module.templates.flatMap((t) => module.markupKinds.map((k) => `${t}|${k}`))));
    }
  });

  it('makes the requested share hostile, dealing every behaviour, with the platform’s labels', () => {
    const hostile = farm.truth.sites.filter((s) => s.hostile !== null);
    expect(hostile.length).toBe(Math.round(240 * 0.2));
    expect(new Set(hostile.map((s) => s.behaviour))).toEqual(new Set(HOSTILE_BEHAVIOURS));
    for (const site of hostile) {
      const spec = HOSTILE_CATALOGUE[site.behaviour!];
      expect(site.hostile).toBe(spec.label);
      expect(site.expectedOutcome).toBe(spec.expectedOutcome);
      if (spec.forceHome && site.vertical !== 'compliance') expect(new Set(Object.values(site.fieldLocations))).toEqual(new Set(['home']));
    }
    expect(farm.truth.sites.filter((s) => s.hostile === null).every((s) => s.behaviour === null && s.expectedOutcome === 'success')).toBe(true);
  });

  it('has a demo profile of 30 friendly sites with every template once', () => {
    const demo = generateFarm({ seed: 1, sites: 5000, hostileShare: 0.5, profile: 'demo' });
    expect(demo.sites.length).toBe(30);
    expect(demo.sites.every((s) => s.hostile === null)).toBe(true);
    for (const vertical of VERTICALS) {
      expect(new Set(demo.sites.filter((s) => s.vertical === vertical).map((s) => s.template)).size).toBe(5);
    }
  });

  it('generates 5,000 sites without rendering a page (pages render on request)', () => {
    const big = generateFarm({ seed: 42, sites: 5000, hostileShare: 0.15 });
    expect(big.sites.length).toBe(5000);
    expect(big.byHost.size).toBe(5000);
  });

  it('rejects bad options with the option named', () => {
    expect(() => generateFarm({ seed: -1, sites: 10, hostileShare: 0 })).toThrow(FarmOptionsError);
    expect(() => generateFarm({ seed: 1, sites: 1.5, hostileShare: 0 })).toThrow(/sites/);
    expect(() => generateFarm({ seed: 1, sites: 10, hostileShare: 2 })).toThrow(/hostileShare/);
    expect(() => generateFarm({ seed: 1, sites: 10, hostileShare: 0, verticals: ['spa' as never] })).toThrow(/unknown vertical "spa"/);
  });
});
