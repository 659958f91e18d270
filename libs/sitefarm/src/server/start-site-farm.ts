// startSiteFarm: one HTTP listener on 127.0.0.1 that serves every farm site, routed by Host
// header. The only state is the per-host request counter (transient 503s, politeness tests).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateFarm } from '../generate-farm';
import { hostOnly, routeRequest } from '../render-page';
import type { Farm, FarmOptions, PageResponse, TruthFile } from '../types';
import { deliver, TimerRegistry } from './deliver';

export interface StartSiteFarmOptions extends Partial<FarmOptions> {
  /** Listen address; the farm is loopback-only by design. Default 127.0.0.1. */
  listenHost?: string;
}

export interface RunningSiteFarm {
  port: number;
  /** Sites are http://<site-id>.<baseHost>:<port>/ */
  baseHost: string;
  farm: Farm;
  truth: TruthFile;
  /** The entry URL of a site by id (throws for an unknown id). */
  urlOf(siteId: string): string;
  /** Requests seen for a host (a site host, with or without port, or a site id). */
  requestCount(hostOrSiteId: string): number;
  totalRequests(): number;
  /** Forget request counts, so transient:503 sites fail again from the start. */
  reset(): void;
  close(): Promise<void>;
}

const NOT_READY: PageResponse = { status: 503, headers: { 'content-type': 'text/plain' }, body: 'site farm starting\n', delivery: { kind: 'immediate' } };

function unavailable(): PageResponse {
  return {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '1', 'cache-control': 'no-store' },
    body: '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>503 Service Unavailable</h1><p>The server is temporarily busy. Please try again in a moment.</p></body></html>',
    delivery: { kind: 'immediate' },
  };
}

export async function startSiteFarm(options: StartSiteFarmOptions = {}): Promise<RunningSiteFarm> {
  const counts = new Map<string, number>();
  const timers = new TimerRegistry();
  let total = 0;
  let farm: Farm | null = null;

  const server = http.createServer((req, res) => {
    req.resume();
    res.sendDate = false;
    if (!farm) {
      deliver(req, res, NOT_READY, timers);
      return;
    }
    total++;
    const host = hostOnly(req.headers.host);
    const seen = (counts.get(host) ?? 0) + 1;
    counts.set(host, seen);
    try {
      const { site, response } = routeRequest(farm, req.headers.host, req.url ?? '/');
      if (site?.hostile === 'transient_503' && seen <= site.env.transientFailures) {
        deliver(req, res, unavailable(), timers);
        return;
      }
      deliver(req, res, response, timers);
    } catch (error) {
      // A rendering bug must show up as a 500 naming the cause, not a dropped connection.
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'x-sitefarm-error': 'render' });
      res.end(`site farm render error: ${message}\n`);
    }
  });
  server.keepAliveTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.listenHost ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  try {
    farm = generateFarm({ seed: 42, sites: 100, hostileShare: 0, ...options, port });
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  const ready = farm;

  const keyOf = (hostOrId: string): string => {
    const site = ready.byId.get(hostOrId);
    return site ? site.host : hostOnly(hostOrId);
  };

  return {
    port,
    baseHost: ready.env.baseHost,
    farm: ready,
    truth: ready.truth,
    urlOf(siteId) {
      const site = ready.byId.get(siteId);
      if (!site) throw new Error(`no site with id "${siteId}"`);
      return site.url;
    },
    requestCount: (hostOrId) => counts.get(keyOf(hostOrId)) ?? 0,
    totalRequests: () => total,
    reset() {
      counts.clear();
      total = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        timers.clearAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
