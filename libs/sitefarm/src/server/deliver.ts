// Writes a rendered response to the socket the way its delivery says: at once, after a delay,
// trickled a few bytes at a time, or padded to a huge size while respecting backpressure.
// Every timer is registered so closing the farm never leaves one behind.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PageResponse } from '../types';

export class TimerRegistry {
  private readonly timers = new Set<NodeJS.Timeout>();

  timeout(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  interval(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setInterval(fn, ms);
    this.timers.add(t);
    return t;
  }

  clear(t: NodeJS.Timeout): void {
    clearTimeout(t);
    clearInterval(t);
    this.timers.delete(t);
  }

  clearAll(): void {
    for (const t of this.timers) {
      clearTimeout(t);
      clearInterval(t);
    }
    this.timers.clear();
  }
}

function bodyBuffer(body: string | Uint8Array): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

function sendNow(req: IncomingMessage, res: ServerResponse, page: PageResponse): void {
  const body = bodyBuffer(page.body);
  res.writeHead(page.status, { ...page.headers, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function deliver(req: IncomingMessage, res: ServerResponse, page: PageResponse, timers: TimerRegistry): void {
  const delivery = page.delivery;
  switch (delivery.kind) {
    case 'immediate':
      sendNow(req, res, page);
      return;
    case 'delay': {
      const t = timers.timeout(() => {
        if (!res.destroyed) sendNow(req, res, page);
      }, delivery.ms);
      res.on('close', () => timers.clear(t));
      return;
    }
    case 'trickle': {
      const body = bodyBuffer(page.body);
      res.writeHead(page.status, { ...page.headers, 'content-length': body.length });
      res.flushHeaders();
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      let offset = 0;
      const step = () => {
        if (res.destroyed) return;
        const chunk = body.subarray(offset, offset + delivery.chunkBytes);
        offset += chunk.length;
        if (offset >= body.length) {
          timers.clear(t);
          res.end(chunk);
        } else res.write(chunk);
      };
      const t = timers.interval(step, delivery.intervalMs);
      res.on('close', () => timers.clear(t));
      step();
      return;
    }
    case 'pad': {
      // No content-length: the size is only discovered by reading, as with a runaway page.
      res.writeHead(page.status, page.headers);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const head = bodyBuffer(page.body);
      const tail = Buffer.from(delivery.tail, 'utf8');
      const filler = Buffer.from(delivery.filler.repeat(Math.max(1, Math.floor(65536 / delivery.filler.length))), 'utf8');
      let written = head.length;
      res.write(head);
      const pump = () => {
        while (!res.destroyed) {
          const remaining = delivery.totalBytes - tail.length - written;
          if (remaining <= 0) {
            res.end(tail);
            return;
          }
          const chunk = remaining >= filler.length ? filler : filler.subarray(0, remaining);
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
      };
      pump();
      return;
    }
    default: {
      const never: never = delivery;
      throw new Error(`unknown delivery ${String(never)}`);
    }
  }
}
