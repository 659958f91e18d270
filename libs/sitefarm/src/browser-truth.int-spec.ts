// Every truth value is really there for a person with a browser: for a sample of friendly sites
// covering every vertical, template, markup kind and template x JavaScript kind pair, Chromium
// renders the page (and the subpage the truth names) and the value reads back from what it shows.
// JavaScript-only values, of every column type, are not readable in the raw HTML a plain HTTP
// client gets (text, attributes, JSON-LD) on their page or the entry page.
import type { Browser } from 'playwright-core';
import type { Agent } from 'undici';
import { eventually } from '@fieldwork/testing';
import { type PhoneCountry } from './canonical/phone';
import { valuePresent } from './canonical/value-presence';
import { farmDispatcher } from './server/farm-lookup';
import { startSiteFarm, type RunningSiteFarm } from './server/start-site-farm';
import { launchChromium } from './testing/chromium';
import { rawGet } from './testing/http';
import { valueReadableInRawHtml } from './testing/raw-leaks';
import { COLUMN_TYPES, COLUMNS, VERTICALS, type TruthRecord } from './types';
import { VERTICAL_MODULES } from './verticals/registry';

function phoneCountry(truth: TruthRecord): PhoneCountry {
  const phone = Object.entries(truth.fields).find(([col]) => COLUMN_TYPES[col] === 'phone')?.[1] ?? '+1';
  return phone.startsWith('+44') ? 'GB' : phone.startsWith('+61') ? 'AU' : 'US';
}

const isJs = (kind: string) => kind === 'js-inline' || kind === 'js-xhr';

/** The site's primary field-block kind: the markup of its non-name fields (the name may be a heading). */
function primaryKinds(s: TruthRecord): string[] {
  const nameColumn = COLUMNS[s.vertical][0];
  return [...new Set(Object.entries(s.fieldMarkup).filter(([col]) => col !== nameColumn).map(([, kind]) => kind))];
}

/**
 * Few sites covering, per vertical, every template, every markup kind, a subpage, and every
 * template x JavaScript kind pair (each template draws its own script-rendered layout): greedy,
 * so a JavaScript pair costs one site.
 */
function coveringSample(truth: TruthRecord[]): TruthRecord[] {
  const chosen: TruthRecord[] = [];
  const covered = new Set<string>();
  for (const vertical of VERTICALS) {
    const module = VERTICAL_MODULES[vertical];
    const jsKinds = module.markupKinds.filter(isJs);
    const wanted = [...module.templates.map((t) => `t:${t}`), ...module.markupKinds.map((k) => `k:${k}`), 'subpage', ...module.templates.flatMap((t) => jsKinds.map((k) => `p:${t}|${k}`))];
    const keys = (s: TruthRecord) =>
      [`t:${s.template}`, ...Object.values(s.fieldMarkup).map((k) => `k:${k}`), ...(s.markup.includes('subpage') ? ['subpage'] : []), ...primaryKinds(s).filter(isJs).map((k) => `p:${s.template}|${k}`)].filter((k) => wanted.includes(k));
    const pool = truth.filter((s) => s.vertical === vertical);
    for (;;) {
      const gain = (s: TruthRecord) => keys(s).filter((k) => !covered.has(`${vertical}:${k}`)).length;
      const best = pool.reduce<TruthRecord | null>((a, s) => (gain(s) > (a ? gain(a) : 0) ? s : a), null);
      if (!best) break;
      chosen.push(best);
      for (const k of keys(best)) covered.add(`${vertical}:${k}`);
    }
    for (const k of wanted) expect({ vertical, k, covered: covered.has(`${vertical}:${k}`) }).toEqual({ vertical, k, covered: true });
  }
  return chosen;
}

describe('truth values in what Chromium renders', () => {
  let farm: RunningSiteFarm;
  let browser: Browser;
  let dispatcher: Agent;

  beforeAll(async () => {
    [farm, browser] = await Promise.all([startSiteFarm({ seed: 21, sites: 6 * 35, hostileShare: 0 }), launchChromium()]);
    dispatcher = farmDispatcher();
  });
  afterAll(async () => {
    await browser?.close();
    await dispatcher?.close();
    await farm?.close();
  });

  it('shows every field of every sampled site on the page the truth names, in a format that reads back', async () => {
    const sample = coveringSample(farm.truth.sites);
    const jobs = sample.flatMap((truth) => {
      const byPage = new Map<string, string[]>();
      for (const [col, location] of Object.entries(truth.fieldLocations)) {
        const url = location === 'home' ? truth.url : new URL(location, truth.url).toString();
        byPage.set(url, [...(byPage.get(url) ?? []), col]);
      }
      return [...byPage].map(([url, cols]) => ({ truth, url, cols }));
    });
    const problems: string[] = [];
    let checked = 0;
    let jsChecked = 0;
    const jsTypes = new Set<string>();
    const rawOf = (url: string) => rawGet(url, dispatcher).then((r) => r.body);
    // One browser, a few contexts in parallel, one page each.
    const worker = async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const { truth, url, cols } = job;
        const response = await page.goto(url, { waitUntil: 'load' });
        if (response?.status() !== 200) problems.push(`${url}: status ${response?.status()}`);
        await eventually(async () => (await page.locator('[data-js-pending]').count()) === 0, { timeoutMs: 5_000, what: `scripts to render ${url}` });
        const evidence = { text: await page.innerText('body'), html: await page.content(), phoneCountry: phoneCountry(truth) };
        for (const col of cols) {
          const value = truth.fields[col] as string;
          checked++;
          if (!valuePresent(col, value, evidence)) problems.push(`${truth.id} ${col}=${value} (${truth.fieldMarkup[col]}) not rendered at ${url}`);
        }
        // JavaScript-only values: absent from the raw HTML of this page, and of the entry page too.
        const jsCols = (url === truth.url ? Object.keys(truth.fields) : cols).filter((c) => isJs(truth.fieldMarkup[c] as string));
        if (jsCols.length === 0) continue;
        const raw = await rawOf(url);
        for (const col of jsCols) {
          const value = truth.fields[col] as string;
          jsChecked++;
          jsTypes.add(COLUMN_TYPES[col] as string);
          if (valueReadableInRawHtml(col, value, raw, evidence.phoneCountry)) problems.push(`${truth.id} ${col}=${value} is JavaScript-only but readable in the raw HTML of ${url}`);
        }
      }
      await context.close();
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(problems).toEqual([]);
    // At least one site per template x JavaScript kind pair (a site has one template and one primary kind).
    const minimum = VERTICALS.reduce((n, v) => n + VERTICAL_MODULES[v].templates.length * VERTICAL_MODULES[v].markupKinds.filter(isJs).length, 0);
    expect(sample.length).toBeGreaterThanOrEqual(minimum);
    expect(checked).toBeGreaterThan(100);
    expect(jsChecked).toBeGreaterThan(100);
    expect([...jsTypes].sort()).toEqual(['boolean', 'currency', 'date', 'enum', 'money', 'phone', 'text']);
  }, 180_000);
});
