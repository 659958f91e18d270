// The farm over real sockets: one listener, sites told apart by Host, reachable from undici,
// node:http and a raw Host header; request counting; quick close even with slow responses pending.
import * as http from 'node:http';
import { request, type Agent } from 'undici';
import { startSiteFarm, type RunningSiteFarm } from './start-site-farm';
import { farmDispatcher, farmHttpAgent, farmLookup } from './farm-lookup';
import { rawGet } from '../testing/http';

function nodeGet(url: string, agent: http.Agent, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('startSiteFarm', () => {
  let farm: RunningSiteFarm;
  let dispatcher: Agent;

  beforeAll(async () => {
    farm = await startSiteFarm({ seed: 42, sites: 5000, hostileShare: 0.15 });
    dispatcher = farmDispatcher();
  });
  afterAll(async () => {
    await dispatcher?.close();
    await farm?.close();
  });

  it('serves 5,000 sites from one port, each under its own *.farm.localhost name', async () => {
    expect(farm.truth.sites).toHaveLength(5000);
    const friendly = farm.farm.sites.filter((s) => s.hostile === null);
    for (const site of [friendly[0]!, friendly[1234]!, friendly[friendly.length - 1]!]) {
      expect(farm.urlOf(site.id)).toBe(`http://${site.id}.farm.localhost:${farm.port}${site.entryPath}`);
      const res = await rawGet(farm.urlOf(site.id), dispatcher);
      expect(res.status).toBe(200);
      expect(res.body).toContain(Object.values(site.truth.fields)[0]!.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    }
  });

  it('is reachable with node:http (farmHttpAgent) and with a plain Host header to 127.0.0.1', async () => {
    const site = farm.farm.sites.find((s) => s.hostile === null)!;
    const agent = farmHttpAgent();
    try {
      expect((await nodeGet(site.url, agent)).status).toBe(200);
      const direct = await nodeGet(`http://127.0.0.1:${farm.port}${site.entryPath}`, new http.Agent(), { host: `${site.host}:${farm.port}` });
      expect(direct.status).toBe(200);
    } finally {
      agent.destroy();
    }
    const looked = await new Promise<string>((resolve, reject) => farmLookup('x.farm.localhost', {}, (err, address) => (err ? reject(err) : resolve(String(address)))));
    expect(looked).toBe('127.0.0.1');
  });

  it('counts requests per host and forgets them on reset()', async () => {
    const site = farm.farm.sites.find((s) => s.hostile === null)!;
    farm.reset();
    await rawGet(site.url, dispatcher);
    await rawGet(new URL('/robots.txt', site.url).toString(), dispatcher);
    expect(farm.requestCount(site.host)).toBe(2);
    expect(farm.requestCount(`${site.host}:${farm.port}`)).toBe(2);
    expect(farm.requestCount(site.id)).toBe(2);
    farm.reset();
    expect(farm.requestCount(site.host)).toBe(0);
  });

  it('answers unknown hosts with a 404 page and serves the index and truth on farm.localhost', async () => {
    expect((await rawGet(`http://no-such-site.farm.localhost:${farm.port}/`, dispatcher)).status).toBe(404);
    const truth = await rawGet(`http://farm.localhost:${farm.port}/truth.json`, dispatcher);
    expect(JSON.parse(truth.body).sites).toHaveLength(5000);
    const head = await rawGet(farm.urlOf(farm.farm.sites[0]!.id), dispatcher, { method: 'HEAD' });
    expect(head.body).toBe('');
  });

  it('closes promptly while slow responses are still pending', async () => {
    const small = await startSiteFarm({ seed: 9, sites: 36, hostileShare: 1 });
    const slow = small.farm.sites.find((s) => s.hostile === 'slow_response')!;
    const pending = request(slow.url, { dispatcher }).catch((error: unknown) => error);
    await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    await small.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    // The pending request fails (socket closed) instead of hanging for the slow response.
    expect(await pending).toMatchObject({ name: expect.stringMatching(/Error/) });
  });
});
