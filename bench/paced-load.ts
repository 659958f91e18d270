// An open-loop load generator for one URL: requests leave at evenly spaced times (rate per
// second) whatever the answers do, and each latency is measured from the time the request was
// *due*, so a slow server cannot hide its queue (no coordinated omission). Run as its own
// process; prints one JSON line in autocannon's result shape (the fields the benches read).
//
// Why not `autocannon -R`: it splits the rate over its connections and every connection fires on
// its own timer, all started together, so 32 connections at 500 req/s send synchronised bursts
// of 32 every 64 ms. That measures the burst's queue, not latency at a steady 500 req/s.
//
// Args: --url U --rate R --seconds S [--connections C] [--header name=value ...]
import { Pool } from 'undici';

interface Args {
  url: URL;
  rate: number;
  seconds: number;
  connections: number;
  headers: Record<string, string>;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const headers: Record<string, string> = {};
  argv.forEach((arg, index) => {
    if (arg !== '--header') return;
    const [name, ...rest] = (argv[index + 1] ?? '').split('=');
    headers[name] = rest.join('=');
  });
  const url = value('url');
  const rate = Number(value('rate'));
  const seconds = Number(value('seconds'));
  if (!url || !(rate > 0) || !(seconds > 0)) throw new Error('usage: paced-load --url U --rate R --seconds S [--connections C] [--header name=value]');
  return { url: new URL(url), rate, seconds, connections: Number(value('connections') ?? 64), headers };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(2));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const pool = new Pool(args.url.origin, { connections: args.connections, pipelining: 1 });
  const total = Math.round(args.rate * args.seconds);
  const intervalMs = 1000 / args.rate;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    // Send everything that is due (timers fire late by a millisecond or so; catch up exactly).
    while (sent < total && started + sent * intervalMs <= now) {
      const due = started + sent * intervalMs;
      sent += 1;
      const request: Promise<void> = pool
        .request({ path: `${args.url.pathname}${args.url.search}`, method: 'GET', headers: args.headers })
        .then(async (response) => {
          await response.body.dump();
          if (response.statusCode < 200 || response.statusCode >= 300) non2xx += 1;
          latencies.push(performance.now() - due);
        })
        .catch(() => {
          errors += 1;
        })
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    const nextDue = started + sent * intervalMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextDue - performance.now())));
  }
  await Promise.all(inFlight);
  const duration = (performance.now() - started) / 1000;
  await pool.close();
  const sorted = latencies.sort((a, b) => a - b);
  const average = sorted.reduce((sum, latency) => sum + latency, 0) / Math.max(1, sorted.length);
  console.log(
    JSON.stringify({
      requests: { average: total / duration, total: sorted.length + errors },
      latency: { p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), p99: percentile(sorted, 0.99), max: percentile(sorted, 1), average: Number(average.toFixed(2)) },
      non2xx,
      errors,
      timeouts: 0,
      duration,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
