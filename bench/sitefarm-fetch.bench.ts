// Benchmark: how fast a plain HTTP client can read the site farm. Fetches every entry page of a
// 5,000-site farm (seed 42, no hostile sites) at concurrency 16 over keep-alive connections to
// 127.0.0.1 with each site's Host header, and prints pages/s, bytes and latency percentiles.
// This is the ceiling the agent's HTTP mode is compared with; measureFetchCeiling is exported
// so other benchmarks can take the same measurement against their own farm.
// Run: node scripts/run-ts.js bench/sitefarm-fetch.bench.ts [--sites 5000] [--concurrency 16]
import * as path from 'node:path';
import { Pool } from 'undici';
import { startSiteFarm, type RunningSiteFarm } from '@fieldwork/sitefarm';

export interface FetchCeilingOptions {
  farm: RunningSiteFarm;
  concurrency?: number;
  /** How many sites (the first N), or which site ids; default all sites. */
  sites?: number | readonly string[];
  /** Requests made before measuring, to warm connections and code paths. Default 200. */
  warmup?: number;
}

export interface FetchCeilingResult {
  bench: 'sitefarm-fetch';
  sites: number;
  concurrency: number;
  pages: number;
  errors: number;
  seconds: number;
  pagesPerSecond: number;
  totalBytes: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function measureFetchCeiling(options: FetchCeilingOptions): Promise<FetchCeilingResult> {
  const { farm } = options;
  const concurrency = options.concurrency ?? 16;
  const all = farm.farm.sites;
  const sites = typeof options.sites === 'number' ? all.slice(0, options.sites) : options.sites ? options.sites.map((id) => farm.farm.byId.get(id)!).filter(Boolean) : all;
  // One keep-alive pool to the farm's single listener; the Host header picks the site.
  const pool = new Pool(`http://127.0.0.1:${farm.port}`, { connections: concurrency, keepAliveTimeout: 30_000 });
  const fetchOne = async (index: number): Promise<{ ms: number; bytes: number; ok: boolean }> => {
    const site = sites[index % sites.length]!;
    const started = performance.now();
    try {
      const res = await pool.request({ method: 'GET', path: site.entryPath, headers: { host: `${site.host}:${farm.port}` } });
      const body = Buffer.from(await res.body.arrayBuffer());
      return { ms: performance.now() - started, bytes: body.length, ok: res.statusCode === 200 };
    } catch {
      return { ms: performance.now() - started, bytes: 0, ok: false };
    }
  };
  const run = async (count: number) => {
    const results: Array<{ ms: number; bytes: number; ok: boolean }> = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) results.push(await fetchOne(i));
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return results;
  };
  try {
    await run(Math.min(options.warmup ?? 200, sites.length));
    const started = performance.now();
    const results = await run(sites.length);
    const seconds = (performance.now() - started) / 1000;
    const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
    return {
      bench: 'sitefarm-fetch',
      sites: sites.length,
      concurrency,
      pages: results.filter((r) => r.ok).length,
      errors: results.filter((r) => !r.ok).length,
      seconds: Number(seconds.toFixed(3)),
      pagesPerSecond: Math.round(results.length / seconds),
      totalBytes: results.reduce((sum, r) => sum + r.bytes, 0),
      p50Ms: Number(percentile(latencies, 50).toFixed(2)),
      p99Ms: Number(percentile(latencies, 99).toFixed(2)),
    };
  } finally {
    await pool.close();
  }
}

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : undefined;
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`sitefarm-fetch bench: --${name} expects a positive whole number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const sites = argValue('sites', 5000);
  const concurrency = argValue('concurrency', 16);
  const startedAt = performance.now();
  const farm = await startSiteFarm({ seed: 42, sites, hostileShare: 0 });
  const startMs = performance.now() - startedAt;
  try {
    const r = await measureFetchCeiling({ farm, concurrency });
    const rows: Array<[string, string]> = [
      ['farm start (5,000 sites)'.replace('5,000', sites.toLocaleString('en-US')), `${startMs.toFixed(0)} ms`],
      ['pages fetched', `${r.pages} ok, ${r.errors} errors`],
      ['concurrency', String(r.concurrency)],
      ['elapsed', `${r.seconds.toFixed(2)} s`],
      ['pages/s', String(r.pagesPerSecond)],
      ['total bytes', `${r.totalBytes} (${(r.totalBytes / 1024 / 1024).toFixed(1)} MiB)`],
      ['latency p50', `${r.p50Ms.toFixed(2)} ms`],
      ['latency p99', `${r.p99Ms.toFixed(2)} ms`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log('sitefarm-fetch: plain HTTP (undici keep-alive pool to 127.0.0.1, Host header per site)');
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    console.log(JSON.stringify({ ...r, farmStartMs: Math.round(startMs) }));
  } finally {
    await farm.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
