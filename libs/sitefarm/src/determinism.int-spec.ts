// Same seed → byte-identical farm, checked across independent generations and a real socket:
// what a started farm server sends (pages, the JSON endpoints js-xhr scripts fetch, endless-scroll
// feed pages, truth.json) equals a fresh in-process generation, and the `sitefarm datasets` CLI in
// its own process writes the same CSV and truth bytes as the server's farm.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { request, type Agent } from 'undici';
import { pageTargets } from './crawl';
import { writeDatasets } from './datasets/write-datasets';
import { generateFarm } from './generate-farm';
import { renderPage } from './render-page';
import { farmDispatcher } from './server/farm-lookup';
import { startSiteFarm, type RunningSiteFarm } from './server/start-site-farm';
import type { Farm, HostileBehaviour, Site } from './types';

const ROOT = path.resolve(__dirname, '../../..');
const OPTIONS = { seed: 8, sites: 120, hostileShare: 0.2 };
/** Behaviours whose pages depend on time or request counts, or are 12 MiB: not crawled here. */
const SKIP: readonly HostileBehaviour[] = ['slow_response', 'slow_trickle', 'transient_503', 'too_large'];

async function fetchBytes(url: string, dispatcher: Agent): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await request(url, { dispatcher });
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: Buffer.from(await res.body.arrayBuffer()) };
}

function runDatasetsCli(port: number, out: string): Promise<{ code: number | null; err: string }> {
  const args = ['scripts/run-ts.js', 'libs/sitefarm/src/cli.ts', 'datasets', '--seed', String(OPTIONS.seed), '--sites', String(OPTIONS.sites), '--hostile-share', String(OPTIONS.hostileShare), '--port', String(port), '--out', out];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, err })));
}

describe('determinism across independent generations and a real socket', () => {
  let server: RunningSiteFarm;
  let fresh: Farm;
  let dispatcher: Agent;

  beforeAll(async () => {
    server = await startSiteFarm(OPTIONS);
    // An independent generation with the server's port, so URLs in pages and truth agree.
    fresh = generateFarm({ ...OPTIONS, port: server.port });
    dispatcher = farmDispatcher();
  });
  afterAll(async () => {
    await dispatcher?.close();
    await server?.close();
  });

  it('serves truth.json with the bytes of a fresh generation', async () => {
    const truth = await fetchBytes(`http://farm.localhost:${server.port}/truth.json`, dispatcher);
    expect(truth.status).toBe(200);
    expect(truth.body.equals(Buffer.from(JSON.stringify(fresh.truth)))).toBe(true);
  });

  it('serves pages, js-xhr JSON endpoints and endless-scroll feed pages byte-identical to a fresh generation', async () => {
    // A site per vertical x primary kind seen, plus every crawlable hostile behaviour.
    const seen = new Set<string>();
    const sample = server.farm.sites.filter((s) => {
      if (s.hostile && SKIP.includes(s.hostile)) return false;
      const key = s.hostile ?? `${s.vertical}:${s.truth.markup.join('+')}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const kinds = { html: 0, xhrJson: 0, feed: 0 };
    const crawlOverSocket = async (site: Site) => {
      const mirror = fresh.byId.get(site.id)!;
      const done = new Set<string>();
      const queue = [site.entryPath, '/'];
      while (queue.length > 0 && done.size < 15) {
        const target = queue.shift()!;
        if (done.has(target)) continue;
        done.add(target);
        const got = await fetchBytes(`${site.origin}${target}`, dispatcher);
        const want = renderPage(mirror, target);
        const wantBody = Buffer.from(typeof want.body === 'string' ? want.body : want.body);
        expect({ site: site.id, target, status: got.status, type: got.type, same: got.body.equals(wantBody) }).toEqual({ site: site.id, target, status: want.status, type: want.headers['content-type'], same: true });
        if (got.type.startsWith('application/json')) {
          if (target.startsWith('/api/feed?page=')) kinds.feed++;
          else kinds.xhrJson++;
        }
        if (!got.type.startsWith('text/html')) continue;
        kinds.html++;
        for (const next of pageTargets(got.body.toString('utf8'))) if (!done.has(next) && !queue.includes(next)) queue.push(next);
      }
    };
    const workers = Array.from({ length: 4 }, async () => {
      for (let site = sample.shift(); site; site = sample.shift()) await crawlOverSocket(site);
    });
    await Promise.all(workers);
    expect(kinds.html).toBeGreaterThan(100);
    expect(kinds.xhrJson).toBeGreaterThan(5);
    expect(kinds.feed).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('writes byte-identical datasets and truth.json from the server’s farm and from the CLI in another process', async () => {
    const [fromServer, fromCli] = await Promise.all([mkdtemp(path.join(tmpdir(), 'sitefarm-det-a-')), mkdtemp(path.join(tmpdir(), 'sitefarm-det-b-'))]);
    try {
      const [, cli] = await Promise.all([writeDatasets(server.farm, fromServer), runDatasetsCli(server.port, fromCli)]);
      expect({ code: cli.code, err: cli.err }).toEqual({ code: 0, err: '' });
      const names = (await readdir(fromServer)).sort();
      expect((await readdir(fromCli)).sort()).toEqual(names);
      expect(names).toHaveLength(13);
      for (const name of names) {
        const [a, b] = await Promise.all([readFile(path.join(fromServer, name)), readFile(path.join(fromCli, name))]);
        expect({ name, identical: a.equals(b) }).toEqual({ name, identical: true });
      }
    } finally {
      await Promise.all([fromServer, fromCli].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  }, 60_000);
});
