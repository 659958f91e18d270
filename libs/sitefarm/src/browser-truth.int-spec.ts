// Every truth value is really there for a person with a browser: for a sample of friendly sites
// covering every vertical, template and markup kind, Chromium renders the page (and the subpage
// the truth names) and the value reads back from what it shows. JavaScript-only values are absent
// from the raw HTML a plain HTTP client gets.
import type { Browser } from 'playwright-core';
import type { Agent } from 'undici';
import { eventually } from '@fieldwork/testing';
import { findDates } from './canonical/date';
import { findMoney } from './canonical/money';
import { findPhones, type PhoneCountry } from './canonical/phone';
import { detectPosSystems } from './canonical/pos-vendors';
import { valuePresent } from './canonical/value-presence';
import { farmDispatcher } from './server/farm-lookup';
import { startSiteFarm, type RunningSiteFarm } from './server/start-site-farm';
import { launchChromium } from './testing/chromium';
import { rawGet } from './testing/http';
import { COLUMN_TYPES, VERTICALS, type PosSystem, type TruthRecord } from './types';
import { VERTICAL_MODULES } from './verticals/registry';

function phoneCountry(truth: TruthRecord): PhoneCountry {
  const phone = Object.entries(truth.fields).find(([col]) => COLUMN_TYPES[col] === 'phone')?.[1] ?? '+1';
  return phone.startsWith('+44') ? 'GB' : phone.startsWith('+61') ? 'AU' : 'US';
}

/** Fewest sites covering every (vertical, template), (vertical, markup kind) and a subpage per vertical. */
function coveringSample(truth: TruthRecord[]): TruthRecord[] {
  const chosen: TruthRecord[] = [];
  const covered = new Set<string>();
  for (const vertical of VERTICALS) {
    const module = VERTICAL_MODULES[vertical];
    const wanted = [...module.templates.map((t) => `t:${t}`), ...module.markupKinds.map((k) => `k:${k}`), 'subpage'];
    const keys = (s: TruthRecord) => [`t:${s.template}`, ...Object.values(s.fieldMarkup).map((k) => `k:${k}`), ...(s.markup.includes('subpage') ? ['subpage'] : [])].filter((k) => wanted.includes(k));
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

const isJs = (kind: string) => kind === 'js-inline' || kind === 'js-xhr';

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
    const context = await browser.newContext();
    const worker = async () => {
      const page = await context.newPage();
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const { truth, url, cols } = job;
        const response = await page.goto(url, { waitUntil: 'load' });
        if (response?.status() !== 200) problems.push(`${url}: status ${response?.status()}`);
        await eventually(async () => (await page.locator('[data-js-pending]').count()) === 0, { timeoutMs: 5_000, what: `scripts to render ${url}` });
        const evidence = { text: await page.innerText('body'), html: await page.content(), phoneCountry: phoneCountry(truth) };
        const raw = cols.some((c) => isJs(truth.fieldMarkup[c] as string)) ? (await rawGet(url, dispatcher)).body : '';
        for (const col of cols) {
          const value = truth.fields[col] as string;
          checked++;
          if (!valuePresent(col, value, evidence)) problems.push(`${truth.id} ${col}=${value} (${truth.fieldMarkup[col]}) not rendered at ${url}`);
          if (!isJs(truth.fieldMarkup[col] as string)) continue;
          const type = COLUMN_TYPES[col];
          const inRaw =
            type === 'money' ? findMoney(raw).includes(value) : type === 'phone' ? findPhones(raw, evidence.phoneCountry).includes(value) : type === 'date' ? findDates(raw).includes(value) : type === 'enum' ? detectPosSystems(raw).includes(value as PosSystem) : null;
          if (inRaw === null) continue;
          jsChecked++;
          if (inRaw) problems.push(`${truth.id} ${col}=${value} is JavaScript-only but present in the raw HTML of ${url}`);
        }
      }
      await page.close();
    };
    await Promise.all([worker(), worker(), worker()]);
    await context.close();
    expect(problems).toEqual([]);
    expect(sample.length).toBeGreaterThanOrEqual(30);
    expect(checked).toBeGreaterThan(100);
    expect(jsChecked).toBeGreaterThan(10);
  });
});
