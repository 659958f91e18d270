// Whole attempts against the site farm with real sockets and a real Chromium: every vertical,
// fields on the entry page and on subpages, content rendered by inline scripts and by XHR,
// and the plan, evidence, timings and usage an attempt reports.
import type { TruthRecord } from '@fieldwork/sitefarm';
import { valuesEqual } from '@fieldwork/values';
import type { AttemptResult } from '../src/domain/attempt-result';
import { columnType, startAgentKit, type AgentKit } from './support/agent-kit';

describe('attempts against the site farm', () => {
  let kit: AgentKit;

  beforeAll(async () => {
    kit = await startAgentKit();
  });

  afterAll(async () => {
    await kit?.close();
  });

  afterEach(() => {
    // Nothing an attempt does may reach the forbidden address.
    expect(kit.trap.hits).toEqual([]);
  });

  const friendly = (vertical: string, markup: string, subpage: boolean) =>
    kit.site((s) => s.hostile === null && s.vertical === vertical && s.markup.includes(markup as never) && s.markup.includes('subpage') === subpage);

  function expectTruth(site: TruthRecord, result: AttemptResult): void {
    const wrong = result.fields
      .filter((field) => !valuesEqual(columnType(field.name), site.fields[field.name], field.value))
      .map((field) => `${field.name}: got ${field.value}, want ${site.fields[field.name]}`);
    expect({ site: site.id, wrong }).toEqual({ site: site.id, wrong: [] });
    expect(result).toMatchObject({ status: 'success', failure: undefined });
    for (const field of result.fields) {
      expect(field.confidence).toBeGreaterThan(0);
      expect(field.confidence).toBeLessThanOrEqual(1);
      expect(field.evidence?.pageUrl).toMatch(/^http:\/\//);
    }
  }

  it('extracts every vertical from plain HTML over HTTP, following links to subpages when needed', async () => {
    const sites = [
      friendly('fitness', 'microdata', true),
      friendly('attractions', 'table', true),
      friendly('county', 'dl', true),
      friendly('county', 'table', false),
      friendly('restaurant', 'script-src', true),
      friendly('restaurant', 'iframe', false),
      friendly('products', 'prose', true),
      friendly('products', 'json-ld', false),
      friendly('compliance', 'table', true),
      friendly('compliance', 'prose', true),
    ];
    const results = await Promise.all(sites.map((site) => kit.run(site)));
    for (const [index, site] of sites.entries()) {
      const result = results[index];
      expectTruth(site, result);
      expect(result.mode).toBe('http');
      expect(result.strategy).toBe('heuristic');
      const subpages = [...new Set(Object.values(site.fieldLocations).filter((where) => where !== 'home'))];
      for (const path of subpages) expect(result.pages.map((page) => new URL(page).pathname)).toContain(path);
      if (subpages.length > 0) expect(result.steps.filter((step) => step.op === 'navigate').length).toBeGreaterThan(0);
    }
  });

  it('escalates to the browser for content rendered by inline scripts and by XHR, in every vertical', async () => {
    const sites = [
      friendly('fitness', 'js-inline', false),
      friendly('fitness', 'js-xhr', false),
      friendly('attractions', 'js-xhr', false),
      friendly('restaurant', 'js-inline', false),
      friendly('products', 'js-inline', false),
      friendly('products', 'js-xhr', false),
      friendly('county', 'js-xhr', true),
      friendly('compliance', 'js-xhr', true),
    ];
    const results = await Promise.all(sites.map((site) => kit.run(site, { totalMs: 45_000 })));
    for (const [index, site] of sites.entries()) {
      const result = results[index];
      expectTruth(site, result);
      expect(result.mode).toBe('browser');
      const escalate = result.steps.find((step) => step.op === 'escalate');
      expect(escalate?.detail).toMatch(/JavaScript/);
      expect(result.steps.some((step) => step.op === 'render' && step.outcome === 'ok')).toBe(true);
      expect(result.timings.browserMs).toBeGreaterThan(0);
    }
  });

  it('uses the browser from the start when asked, and never when told to stay on HTTP', async () => {
    const plain = friendly('attractions', 'microdata', false);
    const rendered = await kit.run(plain, { mode: 'browser' });
    expectTruth(plain, rendered);
    expect(rendered.mode).toBe('browser');
    expect(rendered.steps.map((step) => step.op)).not.toContain('fetch');

    const scripted = friendly('fitness', 'js-inline', false);
    const httpOnly = await kit.run(scripted, { mode: 'http' });
    expect(httpOnly.mode).toBe('http');
    expect(httpOnly.steps.map((step) => step.op)).not.toContain('render');
    expect(httpOnly).toMatchObject({ status: 'partial', failure: { category: 'extraction_failed', reason: 'missing_required' } });
  });

  it('reports the plan in order with timings, pages, bytes and requests', async () => {
    const site = friendly('county', 'dl', true);
    const result = await kit.run(site);
    const ops = result.steps.map((step) => step.op);
    expect(ops.slice(0, 4)).toEqual(['check_target', 'strategy', 'fetch', 'extract']);
    expect(ops).toContain('navigate');
    for (const step of result.steps) {
      expect(['ok', 'failed', 'skipped', 'refused']).toContain(step.outcome);
      expect(step.ms).toBeGreaterThanOrEqual(0);
    }
    expect(result.usage.pagesVisited).toBe(result.pages.length);
    expect(result.usage.requests).toBeGreaterThanOrEqual(result.pages.length);
    expect(result.usage.bytesTransferred).toBeGreaterThan(1000);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.fetchMs);
    expect(result.timings.extractMs).toBeGreaterThan(0);
    expect(result.finalUrl).toBe(result.pages[result.pages.length - 1]);
    expect(result.usage).toMatchObject({ promptTokens: 0, completionTokens: 0, costUsd: 0 });
  });

  it('respects the page budget: one page means no navigation', async () => {
    const site = friendly('attractions', 'table', true);
    const result = await kit.run(site, { maxPages: 1, mode: 'http' });
    expect(result.pages).toHaveLength(1);
    expect(result.status).toBe('partial');
  });

  it('says a column cannot be found rather than guessing (extraction_failed)', async () => {
    const site = friendly('restaurant', 'iframe', false);
    const result = await kit.run(site, { columns: [{ name: 'sheriff_phone', type: 'phone', required: true }], mode: 'http', maxPages: 2 });
    expect(result).toMatchObject({ status: 'failed', failure: { category: 'extraction_failed', reason: 'nothing_found', retryable: false } });
  });
});
