// How Node clients reach farm sites: every *.localhost name resolves to 127.0.0.1 (RFC 6761), so
// a client connects to the farm's one listener and sends the site's hostname as the Host header.
// Chromium does this natively; Node's resolver may not, hence this lookup and the ready-made agents.
import * as dns from 'node:dns';
import * as http from 'node:http';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';

export function isLocalhostName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

/** A `lookup` for net/http/undici: *.localhost → 127.0.0.1, anything else → the system resolver. */
export const farmLookup: LookupFunction = (hostname, options, callback) => {
  if (!isLocalhostName(hostname)) {
    dns.lookup(hostname, options, callback);
    return;
  }
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

/** An undici dispatcher (keep-alive) that reaches farm hostnames: `fetch(url, { dispatcher })`. */
export function farmDispatcher(options: Agent.Options = {}): Agent {
  return new Agent({ keepAliveTimeout: 10_000, ...options, connect: { lookup: farmLookup } });
}

/** A node:http agent (keep-alive) that reaches farm hostnames: `http.get(url, { agent })`. */
export function farmHttpAgent(options: http.AgentOptions = {}): http.Agent {
  return new http.Agent({ keepAlive: true, ...options, lookup: farmLookup } as http.AgentOptions);
}
