// The browser's only way out. Chromium is launched (and each attempt's context created) with
// this in-process HTTP proxy as its proxy server and `<-loopback>` in its bypass list, so every
// request it makes — navigations, redirects, subresources, iframes, fetch/XHR, service workers,
// popups — arrives here, where the egress guard resolves the host and approves the address the
// proxy then connects to. Route interception cannot give that guarantee (it does not see
// redirects or service-worker traffic); this can. A refused request is answered with 403 and
// `x-fieldwork-egress: refused` and never reaches the target.
//
// Each attempt gets its own session (its own listening port), so refusals and bytes are
// attributed to the attempt that caused them.
import * as http from 'node:http';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '@fieldwork/telemetry';
import { DnsLookupError, findCause, UnsafeTargetError, type EgressGuard } from './address-guard';

export const EGRESS_HEADER = 'x-fieldwork-egress';

export interface RefusedConnection {
  host: string;
  address?: string;
  range: string;
  target: string;
  message: string;
}

export interface EgressStats {
  requests: number;
  /** Bytes received from targets (response bodies and tunnelled bytes). */
  bytesIn: number;
  refused: RefusedConnection[];
  /** Upstream failures by host: code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT ...). */
  upstreamErrors: { host: string; code: string }[];
}

export interface EgressSession {
  /** `http://127.0.0.1:<port>`, for Chromium's --proxy-server or a context's proxy option. */
  readonly server: string;
  readonly stats: EgressStats;
  close(): Promise<void>;
}

export interface EgressProxyOptions {
  connectTimeoutMs: number;
  logger: Logger;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export class EgressProxy {
  private readonly sessions = new Set<SessionServer>();
  private readonly upstreamAgent = new http.Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 5_000 });

  constructor(
    private readonly guard: EgressGuard,
    private readonly options: EgressProxyOptions,
  ) {}

  async openSession(label: string): Promise<EgressSession> {
    const session = new SessionServer(label, this.guard, this.options, this.upstreamAgent, () => this.sessions.delete(session));
    await session.listen();
    this.sessions.add(session);
    return session;
  }

  async close(): Promise<void> {
    await Promise.all([...this.sessions].map((session) => session.close()));
    this.upstreamAgent.destroy();
  }
}

class SessionServer implements EgressSession {
  readonly stats: EgressStats = { requests: 0, bytesIn: 0, refused: [], upstreamErrors: [] };
  private readonly httpServer: http.Server;
  private readonly sockets = new Set<Duplex>();
  private port = 0;
  private closed?: Promise<void>;

  constructor(
    private readonly label: string,
    private readonly guard: EgressGuard,
    private readonly options: EgressProxyOptions,
    private readonly upstreamAgent: http.Agent,
    private readonly onClose: () => void,
  ) {
    this.httpServer = http.createServer((request, response) => {
      this.forward(request, response).catch((error: unknown) => this.fail(response, error, request.url ?? ''));
    });
    this.httpServer.on('connect', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      this.tunnel(request, socket, head).catch(() => socket.destroy());
    });
    // WebSocket upgrades over plain HTTP are not proxied (CONNECT tunnels carry ws:// too).
    this.httpServer.on('upgrade', (_request: http.IncomingMessage, socket: Duplex) => socket.destroy());
    this.httpServer.on('connection', (socket: net.Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      // Node drops its own error listener from a socket handed to 'connect' (CONNECT tunnels),
      // and the browser resets sockets whenever a page closes: without this listener a reset
      // while the tunnel's target is still being resolved would crash the worker.
      socket.on('error', () => socket.destroy());
    });
    this.httpServer.on('clientError', (_error, socket: Duplex) => socket.destroy());
  }

  get server(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.httpServer.once('error', reject);
      this.httpServer.listen(0, '127.0.0.1', () => {
        this.httpServer.off('error', reject);
        resolve();
      });
    });
    this.port = (this.httpServer.address() as net.AddressInfo).port;
  }

  /** Plain HTTP: the request line carries the absolute URL. */
  private async forward(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    this.stats.requests += 1;
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400, { [EGRESS_HEADER]: 'bad-request', 'content-type': 'text/plain' }).end('absolute URL required\n');
      return;
    }
    if (target.protocol !== 'http:') {
      this.refuse(target.hostname, 'invalid', target.href, `${target.protocol} is not proxied`);
      response.writeHead(403, { [EGRESS_HEADER]: 'refused', 'content-type': 'text/plain' }).end('refused\n');
      return;
    }
    const resolved = await this.guard.resolve(target.hostname);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    }
    headers.host = target.host;
    await new Promise<void>((resolve, reject) => {
      const upstream = http.request(
        {
          host: resolved.address,
          family: resolved.family,
          port: Number(target.port || 80),
          method: request.method,
          path: `${target.pathname}${target.search}`,
          headers,
          agent: this.upstreamAgent,
          setHost: false,
          timeout: this.options.connectTimeoutMs,
        },
        (upstreamResponse) => {
          const outHeaders: http.OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(upstreamResponse.headers)) {
            if (!HOP_BY_HOP.has(name) && value !== undefined) outHeaders[name] = value;
          }
          response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.statusMessage, outHeaders);
          upstreamResponse.on('data', (chunk: Buffer) => {
            this.stats.bytesIn += chunk.length;
          });
          upstreamResponse.pipe(response);
          upstreamResponse.once('end', resolve);
          upstreamResponse.on('error', reject);
          response.once('close', () => {
            upstreamResponse.destroy();
            resolve();
          });
        },
      );
      upstream.once('timeout', () => upstream.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })));
      upstream.on('error', reject);
      request.on('error', () => upstream.destroy());
      request.pipe(upstream);
      response.once('close', () => upstream.destroy());
    });
  }

  /** HTTPS (and ws/wss): CONNECT host:port, then a blind tunnel to the approved address. */
  private async tunnel(request: http.IncomingMessage, client: Duplex, head: Buffer): Promise<void> {
    this.stats.requests += 1;
    this.sockets.add(client);
    client.once('close', () => this.sockets.delete(client));
    const authority = request.url ?? '';
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(authority);
    if (!match) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const [, host, port] = match;
    let address: string;
    try {
      address = (await this.guard.resolve(host)).address;
    } catch (error) {
      this.noteFailure(error, host, `https://${authority}/`);
      const kind = findCause(error, UnsafeTargetError) ? 'refused' : 'dns';
      client.end(`HTTP/1.1 ${kind === 'refused' ? '403 Forbidden' : '502 Bad Gateway'}\r\n${EGRESS_HEADER}: ${kind}\r\n\r\n`);
      return;
    }
    const upstream = net.connect({ host: address, port: Number(port), timeout: this.options.connectTimeoutMs });
    this.sockets.add(upstream);
    upstream.once('close', () => this.sockets.delete(upstream));
    upstream.once('connect', () => {
      upstream.setTimeout(0);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.on('data', (chunk: Buffer) => {
        this.stats.bytesIn += chunk.length;
      });
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('timeout', () => upstream.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })));
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      this.stats.upstreamErrors.push({ host, code: error.code ?? 'ECONNRESET' });
      if (!client.destroyed) client.end(`HTTP/1.1 502 Bad Gateway\r\n${EGRESS_HEADER}: upstream-error\r\n\r\n`);
    });
    client.on('error', () => upstream.destroy());
    client.once('close', () => upstream.destroy());
  }

  private fail(response: http.ServerResponse, error: unknown, target: string): void {
    const host = safeHost(target);
    this.noteFailure(error, host, target);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const refused = findCause(error, UnsafeTargetError);
    const dnsError = findCause(error, DnsLookupError);
    const code = (error as NodeJS.ErrnoException).code ?? 'ECONNRESET';
    const kind = refused ? 'refused' : dnsError ? 'dns' : 'upstream-error';
    response
      .writeHead(refused ? 403 : 502, { [EGRESS_HEADER]: kind, 'x-fieldwork-egress-code': dnsError?.code ?? code, 'content-type': 'text/plain' })
      .end(refused ? `refused: ${refused.message}\n` : `upstream error: ${code}\n`);
  }

  private noteFailure(error: unknown, host: string, target: string): void {
    const refused = findCause(error, UnsafeTargetError);
    if (refused) {
      this.refuse(host, refused.range, target, refused.message, refused.address);
      return;
    }
    const dnsError = findCause(error, DnsLookupError);
    this.stats.upstreamErrors.push({ host, code: dnsError?.code ?? (error as NodeJS.ErrnoException).code ?? 'ECONNRESET' });
  }

  private refuse(host: string, range: string, target: string, message: string, address?: string): void {
    this.stats.refused.push({ host, address, range, target, message });
    this.options.logger.warn({ session: this.label, host, address, range, target }, 'egress refused');
  }

  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.onClose();
      for (const socket of this.sockets) socket.destroy();
      this.httpServer.close(() => resolve());
    });
    return this.closed;
  }
}

function safeHost(target: string): string {
  try {
    return new URL(target).hostname;
  } catch {
    return target;
  }
}
