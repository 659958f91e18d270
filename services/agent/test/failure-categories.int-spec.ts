// Every failure category, detected against the site farm's hostile sites (whose truth says what
// a correct agent ends with) and against addresses that do not resolve, refuse connections or
// do not speak TLS — over HTTP and in the browser.
import { createServer, type Server } from 'node:net';
import type { TruthRecord } from '@fieldwork/sitefarm';
import { outcomeLabel, startAgentKit, type AgentKit } from './support/agent-kit';

/** What a correct attempt reports for a farm site, as "category:reason" (or "success"). */
function expectedLabel(site: TruthRecord): string {
  if (site.expectedOutcome === 'success') return 'success';
  switch (site.hostile) {
    case 'timeout':
      return 'timeout';
    case 'unsafe_target:redirect':
      return 'unsafe_target:loopback';
    default:
      return site.hostile as string;
  }
}

async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('failure categories', () => {
  let kit: AgentKit;

  beforeAll(async () => {
    kit = await startAgentKit({ dns: { 'no-such-site.test': [] }, farm: { slowResponseMs: 60_000, trickleIntervalMs: 500 } });
  });

  afterAll(async () => {
    await kit?.close();
  });

  afterEach(() => {
    expect(kit.trap.hits).toEqual([]);
  });

  it('classifies every hostile behaviour of the farm into its category (HTTP first)', async () => {
    kit.farm.reset();
    const hostile = kit.sites((site) => site.hostile !== null);
    const behaviours = new Set(hostile.map((site) => site.behaviour));
    expect(behaviours.size).toBe(18);
    const results = await Promise.all(hostile.map((site) => kit.run(site, { totalMs: site.hostile === 'timeout' ? 3_000 : 30_000 })));
    const got = Object.fromEntries(hostile.map((site, index) => [`${site.behaviour} ${site.id}`, outcomeLabel(results[index])]));
    const want = Object.fromEntries(hostile.map((site) => [`${site.behaviour} ${site.id}`, expectedLabel(site)]));
    expect(got).toEqual(want);

    const byBehaviour = new Map(hostile.map((site, index) => [site.behaviour, results[index]]));
    expect(byBehaviour.get('captcha')?.failure).toMatchObject({ retryable: false, message: expect.stringMatching(/robot|human/i) });
    expect(byBehaviour.get('server_error')?.failure).toMatchObject({ reason: '500', retryable: true });
    expect(byBehaviour.get('not_found')?.failure).toMatchObject({ reason: '404', retryable: false });
    expect(byBehaviour.get('slow_response')?.failure).toMatchObject({ category: 'timeout', retryable: true });
    expect(byBehaviour.get('too_large')?.failure?.message).toMatch(/larger than/);
    // The 503s went away after Retry-After: retried inside the attempt, then extracted.
    const transient = byBehaviour.get('transient_503');
    expect(transient?.steps.filter((step) => step.op === 'wait_retry')).toHaveLength(3);
    // Walls are recognised on the first page: no navigation, no browser.
    for (const behaviour of ['captcha', 'login_wall', 'paywall', 'geo_block', 'bot_wall'] as const) {
      expect(byBehaviour.get(behaviour)?.mode).toBe('http');
      expect(byBehaviour.get(behaviour)?.pages).toEqual([]);
    }
  });

  it('recognises walls, errors, loops and slowness in the browser too', async () => {
    const pick = (behaviour: string) => kit.site((site) => site.behaviour === behaviour);
    const cases: [string, string, number][] = [
      ['captcha', 'blocked:captcha', 20_000],
      ['login_wall', 'blocked:login_required', 20_000],
      ['bot_wall', 'blocked:bot_detected', 20_000],
      ['geo_block', 'blocked:geo_blocked', 20_000],
      ['not_found', 'page_error:404', 20_000],
      ['redirect_loop', 'page_error:redirect_loop', 20_000],
      ['slow_response', 'timeout', 3_000],
      ['slow_trickle', 'timeout', 3_000],
    ];
    const results = await Promise.all(cases.map(([behaviour, , totalMs]) => kit.run(pick(behaviour), { mode: 'browser', totalMs })));
    expect(Object.fromEntries(cases.map(([behaviour], index) => [behaviour, outcomeLabel(results[index])]))).toEqual(
      Object.fromEntries(cases.map(([behaviour, label]) => [behaviour, label])),
    );
    for (const result of results) expect(result.mode).toBe('browser');
  });

  it('gets past dialogs, endless scrolling and download links in the browser', async () => {
    const pick = (behaviour: string) => kit.site((site) => site.behaviour === behaviour);
    const [dialogs, scroll, download] = await Promise.all(['dialogs', 'endless_scroll', 'download_trap'].map((behaviour) => kit.run(pick(behaviour), { mode: 'browser', totalMs: 30_000 })));
    expect(outcomeLabel(dialogs)).toBe('success');
    expect(outcomeLabel(scroll)).toBe('success');
    expect(outcomeLabel(download)).toBe('success');
    // The endless feed does not hold the attempt for its whole budget.
    expect(scroll.timings.totalMs).toBeLessThan(30_000);
  });

  it('names DNS, connection, TLS and address failures over HTTP and in the browser', async () => {
    const farmSite = kit.site((site) => site.hostile === null);
    const tlsUrl = farmSite.url.replace('http://', 'https://');
    const refusedUrl = `http://127.0.0.1:${await closedPort()}/`;
    const targets: [string, string, boolean][] = [
      ['http://no-such-site.test/', 'page_error:dns', false],
      [refusedUrl, 'page_error:connection', true],
      [tlsUrl, 'page_error:tls', false],
      ['not a url at all', 'page_error:invalid_url', false],
    ];
    for (const mode of ['auto', 'browser'] as const) {
      const results = await Promise.all(targets.map(([url]) => kit.run(url, { mode, columns: [{ name: 'name', type: 'text', required: true }], totalMs: 10_000 })));
      expect(results.map(outcomeLabel)).toEqual(targets.map(([, label]) => label));
      expect(results.map((result) => result.failure?.retryable)).toEqual(targets.map(([, , retryable]) => retryable));
    }
  });
});
