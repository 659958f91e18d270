// The browser resets its proxy sockets whenever a page or context closes, at any moment of a
// request. The egress proxy runs inside the worker process, so a reset it does not handle is an
// uncaught error that takes the whole worker down. These tests reset sockets at the awkward
// moments (a tunnel whose target is still being resolved, a tunnel in use, a forwarded request
// mid-body) and then check the proxy still serves the next request.
import { createServer, request as httpRequest, type Server } from 'node:http';
import * as net from 'node:net';
import { parseAllowedTargets } from '@fieldwork/url-safety';
import { createLogger } from '@fieldwork/telemetry';
import { EgressGuard, type Resolver } from '../src/egress/address-guard';
import { EgressProxy, type EgressSession } from '../src/egress/egress-proxy';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('egress proxy under socket resets', () => {
  let target: Server;
  let targetPort: number;
  let proxy: EgressProxy;
  let session: EgressSession;
  let proxyPort: number;

  beforeAll(async () => {
    target = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetPort = (target.address() as net.AddressInfo).port;
    // A slow resolver keeps a CONNECT waiting on DNS long enough to reset it meanwhile.
    const slowResolver: Resolver = async () => {
      await sleep(300);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const guard = new EgressGuard(parseAllowedTargets('127.0.0.1'), slowResolver);
    proxy = new EgressProxy(guard, { connectTimeoutMs: 2_000, logger: createLogger('egress-proxy-test') });
    session = await proxy.openSession('resets');
    proxyPort = Number(new URL(session.server).port);
  });

  afterAll(async () => {
    await proxy?.close();
    target.closeAllConnections();
    await new Promise<void>((resolve) => target.close(() => resolve()));
  });

  async function rawSocket(): Promise<net.Socket> {
    const socket = net.connect(proxyPort, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return socket;
  }

  async function proxiedGet(): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: proxyPort, path: `http://site.test:${targetPort}/`, headers: { host: `site.test:${targetPort}` } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(`${res.statusCode} ${body}`));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('survives a tunnel reset while its target is still being resolved', async () => {
    const socket = await rawSocket();
    socket.write(`CONNECT site.test:${targetPort} HTTP/1.1\r\nHost: site.test:${targetPort}\r\n\r\n`);
    await sleep(50);
    socket.resetAndDestroy();
    await sleep(500);
    expect(await proxiedGet()).toBe('200 ok');
  });

  it('survives a reset of a tunnel in use', async () => {
    const socket = await rawSocket();
    socket.write(`CONNECT site.test:${targetPort} HTTP/1.1\r\nHost: site.test:${targetPort}\r\n\r\n`);
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write(`POST / HTTP/1.1\r\nHost: site.test\r\nContent-Length: 100000\r\n\r\npartial`);
    await sleep(50);
    socket.resetAndDestroy();
    await sleep(200);
    expect(await proxiedGet()).toBe('200 ok');
  });

  it('survives a forwarded request reset halfway through its body', async () => {
    const socket = await rawSocket();
    socket.write(`POST http://site.test:${targetPort}/ HTTP/1.1\r\nHost: site.test:${targetPort}\r\nContent-Length: 100000\r\n\r\npartial`);
    await sleep(500);
    socket.resetAndDestroy();
    await sleep(200);
    expect(await proxiedGet()).toBe('200 ok');
  });
});
