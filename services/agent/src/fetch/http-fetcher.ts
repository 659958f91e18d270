// One page over plain HTTP, as carefully as a browser would and more strictly: connect,
// headers and body timeouts inside the attempt's deadline, a body-size cap, redirects followed
// by hand (each hop's URL checked, each connection guarded at connect time, loops detected),
// and the body decoded with its real charset. Non-HTML bodies are not read beyond a peek.
import { request, type Dispatcher } from 'undici';
import type { HttpLimits } from '../config/agent-config';
import type { EgressGuard } from '../egress/address-guard';
import { pageError, timeout } from '../domain/failure';
import { decodeBody } from './decode-body';
import { AttemptFailureError, failureFromHttpError } from './network-errors';

export interface FetchedPage {
  /** The URL asked for. */
  url: string;
  /** Where the content came from, after redirects. */
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  contentType: string;
  /** Decoded text for HTML-like bodies; null for others (PDF, images, downloads). */
  html: string | null;
  bytes: number;
  /** Every URL visited before the final one. */
  redirects: string[];
  charset?: string;
  ms: number;
}

export interface FetchOptions {
  dispatcher: Dispatcher;
  guard: EgressGuard;
  limits: HttpLimits;
  /** Absolute time (ms since epoch) after which the attempt is out of budget. */
  deadline: number;
  signal?: AbortSignal;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain|application\/xml|text\/xml)\b/i;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

export async function fetchPage(url: string, options: FetchOptions): Promise<FetchedPage> {
  const { guard, limits, deadline } = options;
  const started = performance.now();
  const redirects: string[] = [];
  const seen = new Set<string>();
  let current = url;
  for (;;) {
    const checked = guard.checkUrl(current);
    if (!checked.ok) {
      const failure = failureFromHttpError(checked.error, current, false);
      throw new AttemptFailureError(
        redirects.length > 0 ? { ...failure, message: `${url} redirects to ${current}: ${failure.message}` } : failure,
      );
    }
    current = checked.url.href;
    seen.add(current);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new AttemptFailureError(timeout('budget', `the attempt's time budget ran out before loading ${current}`));

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('attempt deadline')), remaining);
    const onOuterAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      let response: Dispatcher.ResponseData;
      try {
        response = await request(current, {
          dispatcher: options.dispatcher,
          method: 'GET',
          headers: {
            'user-agent': limits.userAgent,
            accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
            'accept-language': 'en-US,en;q=0.9',
          },
          headersTimeout: Math.min(limits.headersTimeoutMs, remaining),
          bodyTimeout: limits.bodyTimeoutMs,
          signal: controller.signal,
        });
      } catch (error) {
        const failure = failureFromHttpError(error, current, Date.now() >= deadline);
        throw new AttemptFailureError(redirects.length > 0 ? { ...failure, message: `${url} redirects to ${current}: ${failure.message}` } : failure);
      }
      const headers = flatHeaders(response.headers);
      const location = headers.location;
      if (REDIRECT_STATUSES.has(response.statusCode) && location) {
        await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        let next: string;
        try {
          next = new URL(location, current).href;
        } catch {
          throw new AttemptFailureError(pageError('connection', `${current} redirects to an invalid address "${location}"`, false));
        }
        redirects.push(current);
        if (seen.has(next)) {
          throw new AttemptFailureError(pageError('redirect_loop', `${url} redirects in a loop (${[...redirects, next].map(pathOf).join(' → ')})`));
        }
        if (redirects.length > limits.maxRedirects) {
          throw new AttemptFailureError(pageError('redirect_loop', `${url} redirects more than ${limits.maxRedirects} times`));
        }
        current = next;
        continue;
      }
      const contentType = headers['content-type'] ?? '';
      const attachment = /attachment/i.test(headers['content-disposition'] ?? '');
      if (attachment || (contentType && !HTML_TYPES.test(contentType))) {
        // A download or a binary: count a peek, never read it whole.
        const peeked = await readCapped(response.body, 16 * 1024, false).catch(() => ({ bytes: Buffer.alloc(0), total: 0 }));
        return { url, finalUrl: current, status: response.statusCode, headers, contentType, html: null, bytes: peeked.total, redirects, ms: performance.now() - started };
      }
      let body: { bytes: Buffer; total: number };
      try {
        body = await readCapped(response.body, limits.maxBodyBytes, true);
      } catch (error) {
        if (error instanceof AttemptFailureError) {
          throw new AttemptFailureError({ ...error.failure, message: `${current} is larger than ${limits.maxBodyBytes} bytes` });
        }
        throw new AttemptFailureError(failureFromHttpError(error, current, Date.now() >= deadline));
      }
      const decoded = decodeBody(body.bytes, contentType);
      return {
        url,
        finalUrl: current,
        status: response.statusCode,
        headers,
        contentType,
        html: decoded.text,
        bytes: body.total,
        redirects,
        charset: decoded.charset,
        ms: performance.now() - started,
      };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onOuterAbort);
    }
  }
}

/** Reads at most `cap` bytes; beyond it either fails as too_large or stops quietly. */
async function readCapped(body: Dispatcher.ResponseData['body'], cap: number, failWhenLarger: boolean): Promise<{ bytes: Buffer; total: number }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > cap) {
      body.destroy();
      if (failWhenLarger) throw new AttemptFailureError(pageError('too_large', `the page is larger than ${cap} bytes`));
      break;
    }
    chunks.push(buffer);
  }
  return { bytes: Buffer.concat(chunks), total };
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
