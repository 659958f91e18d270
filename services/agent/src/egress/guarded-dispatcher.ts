// An undici dispatcher whose every new connection asks the egress guard for its address: the
// socket connects to the address the guard approved (never to whatever the OS resolver says
// a moment later), and a refused target fails the request before any packet is sent.
// Keep-alive pooling is per origin, so a reused connection was approved when it was opened.
// undici follows no redirects by itself: the fetcher follows them, one checked hop at a time.
import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { EgressGuard } from './address-guard';

export interface GuardedDispatcherOptions {
  connectTimeoutMs: number;
  /** Keep-alive sockets per origin. */
  connections?: number;
  keepAliveTimeoutMs?: number;
}

export function createGuardedDispatcher(guard: EgressGuard, options: GuardedDispatcherOptions): Dispatcher {
  const connect = buildConnector({ timeout: options.connectTimeoutMs });
  const guarded: buildConnector.connector = (connectOptions, callback) => {
    guard.resolve(connectOptions.hostname).then(
      (resolved) => {
        const literal = connectOptions.hostname.replace(/^\[|\]$/g, '');
        // TLS still names the original host (SNI and certificate checks); only the socket's
        // destination is pinned to the approved address.
        const servername = connectOptions.servername ?? (literal === resolved.address ? undefined : literal);
        connect({ ...connectOptions, hostname: resolved.address, servername }, callback);
      },
      (error: Error) => callback(error, null),
    );
  };
  return new Agent({
    connect: guarded,
    connections: options.connections ?? 16,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
  });
}
