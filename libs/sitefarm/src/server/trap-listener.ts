// The trap: a listener on a second loopback address (127.0.0.2) standing in for "a private
// address nobody should fetch". Farm sites link and redirect to it; tests assert who hit it.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_TRAP_PORT, TRAP_HOST } from '../defaults';

export interface TrapHit {
  method: string;
  url: string;
  host: string;
  at: number;
}

export interface TrapListener {
  host: string;
  port: number;
  hits: TrapHit[];
  close(): Promise<void>;
}

/** Starts the trap (default 127.0.0.2:4599; pass port 0 for an ephemeral port). Every hit is recorded. */
export async function startTrapListener(options: { host?: string; port?: number } = {}): Promise<TrapListener> {
  const host = options.host ?? TRAP_HOST;
  const hits: TrapHit[] = [];
  const server = http.createServer((req, res) => {
    hits.push({ method: req.method ?? 'GET', url: req.url ?? '/', host: req.headers.host ?? '', at: Date.now() });
    req.resume();
    const body = JSON.stringify({ trap: true, note: 'site farm trap: this stands for a private address that must never be fetched' });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_TRAP_PORT, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
