// Behaviours of an attempt that the site farm does not exercise on its own, against a small
// fixture site on 127.0.0.1 that records every request it gets: escalation to the browser
// because a required column was still missing after HTTP (the page shows no JavaScript
// markers), heavy resources (images, fonts, media) blocked in the browser, the depth cap and
// loop detection while navigating, and the redirect cap.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { needsJavaScript } from '@fieldwork/extraction';
import type { AttemptColumn } from '../src/domain/attempt-spec';
import { startAgentKit, type AgentKit } from './support/agent-kit';

const EMAIL = 'help@fixture.test';
const COLUMNS: AttemptColumn[] = [{ name: 'support_email', type: 'email', description: 'support email address', required: true }];
const INSTRUCTIONS = 'Find the support email address; it is usually on the contact page.';
const FILLER =
  'Fixture Outfitters sells tents, stoves and sleeping bags to hikers across the valley. Our staff test every item on real trips before it goes on the shelf, and we repair what we sell. ' +
  'Visit the shop on Main Street six days a week, or browse the catalogue for seasonal offers and rentals for groups.';

const page = (title: string, body: string, head = '') =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><main><h1>${title}</h1><p>${FILLER}</p>${body}</main></body></html>`;

/** Pages of the fixture site by path; anything else is a 404. */
function route(path: string): { status: number; headers?: Record<string, string>; body?: string | Buffer } {
  const html = (body: string) => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body });
  // The value only appears once a script ran; nothing on the page says so (no placeholder,
  // no empty app root, plenty of text): only "required column still missing" sends it to the browser.
  if (path === '/scripted')
    return html(page('Fixture Outfitters', '<section id="contact"><h2>Contact</h2></section><script>document.getElementById("contact").insertAdjacentHTML("beforeend", "<p>Support email: ' + EMAIL + '</p>");</script>'));
  if (path === '/heavy') {
    const head = `<link rel="stylesheet" href="/style.css"><style>@font-face{font-family:Fixture;src:url(/font.woff2) format("woff2")} body{font-family:Fixture,serif}</style>`;
    return html(page('Heavy page', `<img src="/img.png" alt="tent"><video src="/clip.mp4" autoplay muted></video><audio src="/sound.mp3" preload="auto" autoplay></audio><p>Support email: ${EMAIL}</p>`, head));
  }
  if (path === '/style.css') return { status: 200, headers: { 'content-type': 'text/css' }, body: 'h1{color:#333}' };
  if (path === '/img.png' || path === '/font.woff2' || path === '/clip.mp4' || path === '/sound.mp3') return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(64) };
  // A chain of pages, each one level deeper, the email at the bottom.
  const deep = /^\/deep\/(\d)$/.exec(path);
  if (deep) {
    const level = Number(deep[1]);
    if (level === 3) return html(page('Contact us', `<p>Support email: ${EMAIL}</p>`));
    const labels = ['Contact', 'Contact details', 'Contact us'];
    return html(page(`Level ${level}`, `<p><a href="/deep/${level + 1}">${labels[level]}</a></p>`));
  }
  // Two pages linking to each other (also through a fragment and a redirect), the email nowhere.
  if (path === '/loop/a') return html(page('Loop A', '<p><a href="/loop/b">Contact</a></p>'));
  if (path === '/loop/b') return html(page('Loop B', '<p><a href="/loop/a">Contact</a> <a href="/loop/a#top">Contact us</a> <a href="/loop/back">Contact page</a></p>'));
  if (path === '/loop/back') return { status: 302, headers: { location: '/loop/a' } };
  // /hop/<n>/<total>: `total` redirects, then the page.
  const hop = /^\/hop\/(\d+)\/(\d+)$/.exec(path);
  if (hop) {
    const [n, total] = [Number(hop[1]), Number(hop[2])];
    if (n < total) return { status: 302, headers: { location: `/hop/${n + 1}/${total}` } };
    return html(page('Arrived', `<p>Support email: ${EMAIL}</p>`));
  }
  return { status: 404, headers: { 'content-type': 'text/html' }, body: page('Not found', '') };
}

describe('escalation, heavy resources, navigation limits and the redirect cap', () => {
  let kit: AgentKit;
  let server: Server;
  let origin: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const path = new URL(request.url ?? '/', 'http://fixture').pathname;
      requests.push(path);
      const answer = route(path);
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    kit = await startAgentKit();
  });

  afterAll(async () => {
    await kit?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  beforeEach(() => {
    requests.length = 0;
  });

  afterEach(() => {
    expect(kit.trap.hits).toEqual([]);
  });

  const count = (path: string) => requests.filter((seen) => seen === path).length;

  it('escalates to the browser because a required column is missing after HTTP, not because of JavaScript markers', async () => {
    expect(needsJavaScript(String(route('/scripted').body))).toBe(false);
    const result = await kit.run(`${origin}/scripted`, { columns: COLUMNS, instructionText: INSTRUCTIONS, maxPages: 2 });
    expect(result).toMatchObject({ status: 'success', mode: 'browser' });
    expect(result.fields[0]).toMatchObject({ value: EMAIL });
    const escalate = result.steps.find((step) => step.op === 'escalate');
    expect(escalate).toMatchObject({ outcome: 'ok', detail: 'not found over HTTP: support_email', params: { to: 'browser', start: `${origin}/scripted` } });
    const ops = result.steps.map((step) => step.op);
    expect(ops.indexOf('fetch')).toBeLessThan(ops.indexOf('escalate'));
    expect(ops.indexOf('escalate')).toBeLessThan(ops.indexOf('render'));
  });

  it('blocks images, fonts and media in the browser unless a screenshot needs them (media always)', async () => {
    const plain = await kit.run(`${origin}/heavy`, { columns: COLUMNS, mode: 'browser', screenshots: false });
    expect(plain).toMatchObject({ status: 'success', mode: 'browser' });
    expect(count('/style.css')).toBe(1);
    expect({ img: count('/img.png'), font: count('/font.woff2'), video: count('/clip.mp4'), audio: count('/sound.mp3') }).toEqual({ img: 0, font: 0, video: 0, audio: 0 });

    requests.length = 0;
    const pictured = await kit.run(`${origin}/heavy`, { columns: COLUMNS, mode: 'browser', screenshots: true });
    expect(pictured.status).toBe('success');
    // A screenshot shows the page as people see it: images and fonts load; media never does.
    expect(count('/img.png')).toBeGreaterThanOrEqual(1);
    expect(count('/font.woff2')).toBeGreaterThanOrEqual(1);
    expect(count('/clip.mp4') + count('/sound.mp3')).toBe(0);
  });

  it('does not follow links deeper than max_depth', async () => {
    const capped = await kit.run(`${origin}/deep/0`, { columns: COLUMNS, instructionText: INSTRUCTIONS, mode: 'http', maxDepth: 2, maxPages: 10 });
    expect(capped.failure).toMatchObject({ category: 'extraction_failed' });
    expect(capped.pages.map((url) => new URL(url).pathname)).toEqual(['/deep/0', '/deep/1', '/deep/2']);
    expect(count('/deep/3')).toBe(0);
    expect(Math.max(...capped.steps.filter((step) => step.op === 'navigate').map((step) => Number(step.params.depth)))).toBe(2);

    const deeper = await kit.run(`${origin}/deep/0`, { columns: COLUMNS, instructionText: INSTRUCTIONS, mode: 'http', maxDepth: 3, maxPages: 10 });
    expect(deeper).toMatchObject({ status: 'success' });
    expect(deeper.fields[0]).toMatchObject({ value: EMAIL, evidence: { pageUrl: `${origin}/deep/3` } });
  });

  it('detects link loops: a page is never visited twice, whether linked directly, with a fragment or through a redirect', async () => {
    const result = await kit.run(`${origin}/loop/a`, { columns: COLUMNS, instructionText: INSTRUCTIONS, mode: 'http', maxPages: 10, maxDepth: 5 });
    expect(result.failure).toMatchObject({ category: 'extraction_failed' });
    expect(result.pages.map((url) => new URL(url).pathname)).toEqual(['/loop/a', '/loop/b']);
    const followed = result.steps.filter((step) => step.op === 'navigate').map((step) => new URL(step.params.url).pathname);
    // Links back to /loop/a (plain and with a fragment) are never followed: same canonical URL.
    expect(followed).toEqual(['/loop/b', '/loop/back']);
    // The redirect lands on a page seen before: recognised by its final URL, not extracted again.
    const last = result.steps[result.steps.length - 1];
    expect(last).toMatchObject({ op: 'classify', outcome: 'skipped', params: { url: `${origin}/loop/a` }, detail: expect.stringMatching(/already visited/) });
    expect(result.steps.filter((step) => step.op === 'extract')).toHaveLength(2);
    expect(requests).toEqual(['/loop/a', '/loop/b', '/loop/back', '/loop/a']);
  });

  it('gives up after more than FIELDWORK_AGENT_MAX_REDIRECTS hops with page_error:redirect_loop', async () => {
    const limit = kit.config.http.maxRedirects;
    expect(limit).toBe(5);
    const atLimit = await kit.run(`${origin}/hop/0/${limit}`, { columns: COLUMNS, mode: 'http' });
    expect(atLimit).toMatchObject({ status: 'success', finalUrl: `${origin}/hop/${limit}/${limit}` });

    requests.length = 0;
    const over = await kit.run(`${origin}/hop/0/${limit + 1}`, { columns: COLUMNS, mode: 'http' });
    expect(over).toMatchObject({ status: 'failed', failure: { category: 'page_error', reason: 'redirect_loop', retryable: false } });
    expect(over.failure?.message).toBe(`${origin}/hop/0/${limit + 1} redirects more than ${limit} times`);
    // It stopped at the cap: the last hop and the page behind it were never requested.
    expect(requests).toEqual(Array.from({ length: limit + 1 }, (_, n) => `/hop/${n}/${limit + 1}`));
  });
});
