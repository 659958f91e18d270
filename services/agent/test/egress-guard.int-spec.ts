// The SSRF rules, proven with a forbidden loopback address: the trap listener on 127.0.0.2 is
// not allowlisted (only 127.0.0.1 is), and it must record no request at all — not for a
// redirect to it, not for a link or a navigation the browser would follow, not for a name
// whose DNS answer points at it (rebinding), and not for anything a page in the browser loads
// (images, iframes, scripts, fetch/XHR, beacons, WebSockets, event streams, service workers,
// popups, https tunnels). Real private or metadata addresses are never used here.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { eventually } from '@fieldwork/testing';
import { outcomeLabel, startAgentKit, type AgentKit } from './support/agent-kit';

interface EvilSite {
  origin: string;
  seen: string[];
  close(): Promise<void>;
}

const FIELDS = '<h1 itemprop="name">Evil Gym</h1><p>Call us: (512) 555-0147</p>';
const COLUMNS = [
  { name: 'venue_name', type: 'text' as const, required: true },
  { name: 'phone', type: 'phone' as const, required: true },
];

/** An allowed site (evil.localhost → 127.0.0.1) whose pages try every way out to the trap. */
async function startEvilSite(trap: { literal: string; rebound: string }): Promise<EvilSite> {
  const seen: string[] = [];
  const held: ServerResponse[] = [];
  const release = () => held.splice(0).forEach((res) => res.writeHead(204).end());
  const page = (body: string, head = '') => `<!doctype html><html><head><meta charset="utf-8">${head}<title>Evil Gym</title></head><body>${FIELDS}${body}</body></html>`;
  const routes: Record<string, (res: ServerResponse) => void> = {
    '/redirect-literal': (res) => res.writeHead(302, { location: `${trap.literal}/redirect` }).end(),
    '/redirect-rebound': (res) => res.writeHead(302, { location: `${trap.rebound}/redirect` }).end(),
    '/meta-refresh': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page('', `<meta http-equiv="refresh" content="0;url=${trap.rebound}/meta-refresh">`)),
    '/script-navigation': (res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(`<script>setTimeout(function(){location.href=${JSON.stringify(`${trap.rebound}/js-navigation`)}},10)</script>`)),
    '/links': (res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(
        page(`<nav><a href="${trap.literal}/pricing">Pricing</a> <a href="${trap.rebound}/contact">Contact us</a> <a href="/pricing-same-site">Prices</a></nav>`),
      ),
    '/pricing-same-site': (res) => res.writeHead(302, { location: `${trap.rebound}/pricing-redirect` }).end(),
    '/subresources': (res) => {
      const targets = [trap.literal, trap.rebound];
      const tags = targets
        .map(
          (origin) => `<img src="${origin}/img"><iframe src="${origin}/iframe"></iframe><script src="${origin}/script.js"></script>
<link rel="stylesheet" href="${origin}/style.css"><link rel="prefetch" href="${origin}/prefetch"><video src="${origin}/video.mp4" autoplay muted></video>
<div style="background-image:url(${origin}/background.png);width:10px;height:10px"></div>`,
        )
        .join('\n');
      // The page keeps one same-origin request open (/hold) until it reports /done: a service
      // worker registration is neither a request nor a timer, so without it the agent could see
      // a quiet page and close it before every try was made.
      const script = `<script>
fetch('/hold').catch(() => null);
(async function () {
  const origins = ${JSON.stringify(targets)};
  const tries = [];
  for (const origin of origins) {
    tries.push(fetch(origin + '/fetch').catch(() => null));
    tries.push(fetch(origin.replace('http:', 'https:') + '/fetch-tls').catch(() => null));
    tries.push(new Promise((resolve) => { const x = new XMLHttpRequest(); x.onloadend = resolve; x.open('GET', origin + '/xhr'); x.send(); }));
    tries.push(new Promise((resolve) => { try { const ws = new WebSocket(origin.replace('http:', 'ws:') + '/ws'); ws.onerror = resolve; ws.onclose = resolve; setTimeout(resolve, 300); } catch (e) { resolve(); } }));
    tries.push(new Promise((resolve) => { try { const es = new EventSource(origin + '/events'); es.onerror = () => { es.close(); resolve(); }; setTimeout(resolve, 300); } catch (e) { resolve(); } }));
    try { navigator.sendBeacon(origin + '/beacon', 'x'); } catch (e) {}
    try { const w = window.open(origin + '/popup'); } catch (e) {}
  }
  if (navigator.serviceWorker) tries.push(navigator.serviceWorker.register('/sw.js').then(() => new Promise((r) => setTimeout(r, 100))).catch(() => null));
  await Promise.allSettled(tries);
  await fetch('/done');
})();
</script>`;
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(tags + script));
    },
    '/sw.js': (res) =>
      res
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end(`self.addEventListener('install', (e) => e.waitUntil(Promise.allSettled([fetch(${JSON.stringify(`${trap.literal}/sw`)}), fetch(${JSON.stringify(`${trap.rebound}/sw`)})])));`),
    '/hold': (res) => {
      held.push(res);
      setTimeout(() => release(), 10_000).unref();
    },
    '/done': (res) => {
      res.writeHead(204).end();
      release();
    },
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push(path);
    (routes[path] ?? ((r: ServerResponse) => r.writeHead(200, { 'content-type': 'text/html' }).end(page(''))))(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://evil.localhost:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('egress guard (SSRF)', () => {
  let kit: AgentKit;
  let evil: EvilSite;
  let rebound: string;

  beforeAll(async () => {
    // rebind.test is a public-looking name whose DNS answer is the forbidden address.
    kit = await startAgentKit({ dns: { 'rebind.test': ['127.0.0.2'] } });
    rebound = `http://rebind.test:${kit.trap.port}`;
    evil = await startEvilSite({ literal: kit.trapOrigin, rebound });
  });

  afterAll(async () => {
    await evil?.close();
    await kit?.close();
  });

  afterEach(() => {
    expect(kit.trap.hits).toEqual([]);
  });

  it('never follows a redirect to a forbidden address, whether the URL says so or only its DNS does', async () => {
    const farmRedirect = kit.site((site) => site.behaviour === 'trap_redirect');
    for (const mode of ['auto', 'browser'] as const) {
      const results = await Promise.all([
        kit.run(farmRedirect, { mode }),
        kit.run(`${evil.origin}/redirect-literal`, { mode, columns: COLUMNS }),
        kit.run(`${evil.origin}/redirect-rebound`, { mode, columns: COLUMNS }),
      ]);
      expect(results.map(outcomeLabel)).toEqual(['unsafe_target:loopback', 'unsafe_target:loopback', 'unsafe_target:loopback']);
      for (const result of results) expect(result.failure).toMatchObject({ retryable: false, message: expect.stringMatching(/127\.0\.0\.2/) });
    }
  });

  it('refuses a site whose name resolves to a forbidden address (DNS rebinding), before connecting', async () => {
    for (const mode of ['auto', 'browser'] as const) {
      const result = await kit.run(`${rebound}/`, { mode, columns: COLUMNS });
      expect(outcomeLabel(result)).toBe('unsafe_target:loopback');
      expect(result.failure?.message).toMatch(/rebind\.test \(127\.0\.0\.2\)/);
    }
    const literal = await kit.run(`${kit.trapOrigin}/`, { columns: COLUMNS });
    expect(result(literal)).toEqual({ label: 'unsafe_target:loopback', steps: ['check_target'] });

    function result(r: typeof literal) {
      return { label: outcomeLabel(r), steps: r.steps.filter((step) => step.outcome === 'refused').map((step) => step.op) };
    }
  });

  it('never lets the browser follow links, meta refreshes or script navigations to a forbidden address', async () => {
    const trapLinks = kit.site((site) => site.behaviour === 'trap_link');
    const results = await Promise.all([
      // The farm's trap links ("Members portal", "Full price list"): asked for a column the
      // page lacks, the agent looks around — and must not go there.
      kit.run(trapLinks, { mode: 'browser', columns: [...COLUMNS.slice(0, 1), { name: 'membership_price', type: 'money', required: true }] }),
      kit.run(`${evil.origin}/links`, { mode: 'browser', columns: [...COLUMNS, { name: 'drop_in_price', type: 'money', required: true }] }),
      kit.run(`${evil.origin}/meta-refresh`, { mode: 'browser', columns: COLUMNS }),
      kit.run(`${evil.origin}/script-navigation`, { mode: 'browser', columns: COLUMNS }),
    ]);
    for (const result of results) expect(result.failure?.category).not.toBe('timeout');
    expect(evil.seen).toEqual(expect.arrayContaining(['/links', '/meta-refresh', '/script-navigation']));
    // The meta refresh and the script navigation were attempted — and refused by the egress proxy.
    expect(results[2].usage.refusedRequests + results[3].usage.refusedRequests).toBeGreaterThanOrEqual(2);
  });

  it('refuses everything a page in the browser tries to load from a forbidden address, and still reads the page', async () => {
    const result = await kit.run(`${evil.origin}/subresources`, { mode: 'browser', columns: COLUMNS, screenshots: false });
    expect(outcomeLabel(result)).toBe('success');
    expect(result.fields.map((field) => field.value)).toEqual(['Evil Gym', '+15125550147']);
    // The page got to the end of its attempts (every one failed), so each was really tried.
    await eventually(() => expect(evil.seen).toContain('/done'), { timeoutMs: 5_000, what: 'the page to finish its requests' });
    expect(result.usage.refusedRequests).toBeGreaterThanOrEqual(10);
  });

  it('refuses a forbidden redirect target over plain HTTP on every hop', async () => {
    const result = await kit.run(`${evil.origin}/pricing-same-site`, { mode: 'http', columns: COLUMNS });
    expect(outcomeLabel(result)).toBe('unsafe_target:loopback');
    expect(result.failure?.message).toMatch(/redirects to http:\/\/rebind\.test/);
  });
});
