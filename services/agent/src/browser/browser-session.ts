// One attempt's browser: a fresh context whose traffic goes through the attempt's own egress
// proxy session, heavy resources blocked unless a screenshot needs them, dialogs dismissed,
// downloads refused, popups closed, and a "settled" signal (no pending requests or short
// timers, DOM quiet) instead of fixed sleeps. Navigation errors become failure categories.
import type { BrowserContext, Page, Request, Response } from 'playwright-core';
import type { Logger } from '@fieldwork/telemetry';
import type { EgressGuard } from '../egress/address-guard';
import { EGRESS_HEADER, type EgressProxy, type EgressSession, type RefusedConnection } from '../egress/egress-proxy';
import { pageError, unsafeTarget } from '../domain/failure';
import { AttemptFailureError, failureFromBrowserError, failureFromHttpError, hostOf } from '../fetch/network-errors';
import { BrowserCrashedError, type BrowserPool } from './browser-pool';
import { SETTLE_INIT_SCRIPT, SETTLE_WAIT } from './settle-script';

const HEAVY_TYPES = new Set(['image', 'media', 'font']);
const ALWAYS_BLOCKED = new Set(['media']);

/** Marks visible click targets that are not plain links and returns their text (in the page). */
const MARK_CLICKABLES = `(() => {
  const selector = 'button, [role="button"], [role="tab"], a[href^="javascript:"], a:not([href]), [onclick]';
  const found = [];
  document.querySelectorAll(selector).forEach((element, index) => {
    if (index >= 200) return;
    const rect = element.getBoundingClientRect();
    if (rect.width <= 0 || rect.height <= 0) return;
    if (element.closest('form')) return;
    element.setAttribute('data-fw-click', String(index));
    const text = (element.innerText || element.getAttribute('aria-label') || '').trim().slice(0, 120);
    found.push({ index, text });
  });
  return found;
})()`;

export interface RenderedPage {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  html: string;
  ms: number;
}

export interface BrowserSessionOptions {
  pool: BrowserPool;
  proxy: EgressProxy;
  guard: EgressGuard;
  label: string;
  /** Screenshots need images and fonts; otherwise they are not loaded. */
  blockHeavy: boolean;
  userAgent: string;
  logger: Logger;
  /** Longest wait for a page to settle after load. */
  settleMaxMs?: number;
}

interface RefusalMark {
  route: number;
  egress: number;
}

export interface Clickable {
  index: number;
  text: string;
}

export class BrowserSession {
  readonly routeRefused: RefusedConnection[] = [];
  heavyBlocked = 0;
  /** Images, media and fonts are refused unless a screenshot needs them (set per attempt). */
  blockHeavy: boolean;
  private readonly pending = new Set<Request>();
  private closed = false;

  private constructor(
    private readonly options: BrowserSessionOptions,
    private readonly context: BrowserContext,
    private readonly generation: number,
    readonly page: Page,
    readonly egress: EgressSession,
  ) {
    this.blockHeavy = options.blockHeavy;
  }

  static async open(options: BrowserSessionOptions): Promise<BrowserSession> {
    const egress = await options.proxy.openSession(options.label);
    let opened: { context: BrowserContext; generation: number } | undefined;
    try {
      opened = await options.pool.newContext({ proxyServer: egress.server, userAgent: options.userAgent });
      const { context, generation } = opened;
      await options.pool.guard(generation, context.addInitScript({ content: SETTLE_INIT_SCRIPT }));
      const page = await options.pool.guard(generation, context.newPage());
      const session = new BrowserSession(options, context, generation, page, egress);
      await options.pool.guard(generation, session.wire());
      return session;
    } catch (error) {
      const browser = opened?.context.browser();
      if (opened) await options.pool.release(opened.context, opened.generation);
      await egress.close();
      if (browser && !browser.isConnected()) throw new BrowserCrashedError();
      throw error;
    }
  }

  private async wire(): Promise<void> {
    const { guard } = this.options;
    await this.context.route('**/*', async (route) => {
      const request = route.request();
      const url = request.url();
      if (/^https?:/i.test(url)) {
        const checked = guard.checkUrl(url);
        if (!checked.ok) {
          this.routeRefused.push({ host: checked.error.host, range: checked.error.range, target: url, message: checked.error.message });
          await route.abort('blockedbyclient').catch(() => undefined);
          return;
        }
      }
      const type = request.resourceType();
      if (ALWAYS_BLOCKED.has(type) || (this.blockHeavy && HEAVY_TYPES.has(type))) {
        this.heavyBlocked += 1;
        await route.abort('blockedbyclient').catch(() => undefined);
        return;
      }
      await route.continue().catch(() => undefined);
    });
    this.context.on('page', (popup) => {
      if (popup !== this.page) popup.close().catch(() => undefined);
    });
    this.page.on('dialog', (dialog) => {
      dialog.dismiss().catch(() => undefined);
    });
    this.page.on('download', (download) => {
      download.cancel().catch(() => undefined);
    });
    this.page.on('request', (request) => this.pending.add(request));
    const finished = (request: Request) => this.pending.delete(request);
    this.page.on('requestfinished', finished);
    this.page.on('requestfailed', finished);
  }

  get stats(): { requests: number; bytes: number; refused: RefusedConnection[] } {
    return {
      requests: this.egress.stats.requests,
      bytes: this.egress.stats.bytesIn,
      refused: [...this.routeRefused, ...this.egress.stats.refused],
    };
  }

  /** Loads a URL, waits for it to settle, and returns the rendered DOM. */
  async visit(url: string, deadline: number): Promise<RenderedPage> {
    const started = performance.now();
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new AttemptFailureError(failureFromBrowserError('deadline', url, true));
    const refusedBefore = this.mark();
    let response: Response | null;
    try {
      response = await this.page.goto(url, { waitUntil: 'load', timeout: Math.min(remaining, 20_000) });
    } catch (error) {
      throw await this.settledNavigationError(error, url, deadline, refusedBefore);
    }
    const refusal = this.refusalOf(response, refusedBefore);
    if (refusal) throw new AttemptFailureError(unsafeTarget(refusal.range, refusal.message));
    // The proxy answered for a target it could not reach: that is the failure, not its 502 page.
    const egress = response?.headers()[EGRESS_HEADER];
    if (egress === 'dns') throw new AttemptFailureError(pageError('dns', `${hostOf(url)} does not resolve`, false));
    if (egress === 'upstream-error') {
      const code = response?.headers()['x-fieldwork-egress-code'] ?? 'ECONNRESET';
      throw new AttemptFailureError(failureFromHttpError(Object.assign(new Error(code), { code }), url, Date.now() >= deadline));
    }
    await this.settle(deadline);
    return this.snapshot(url, response, started);
  }

  /** Elements that navigate or reveal content on click without being plain links. */
  async clickables(): Promise<Clickable[]> {
    const found = (await this.page.evaluate(MARK_CLICKABLES).catch(() => [])) as Clickable[];
    return found.filter((item) => item.text.length > 0);
  }

  async click(clickable: Clickable, deadline: number): Promise<RenderedPage> {
    const started = performance.now();
    const refusedBefore = this.mark();
    const remaining = deadline - Date.now();
    const target = this.page.locator(`[data-fw-click="${clickable.index}"]`).first();
    try {
      await target.click({ timeout: Math.max(1, Math.min(remaining, 5_000)) });
      await this.page.waitForLoadState('load', { timeout: Math.max(1, Math.min(deadline - Date.now(), 10_000)) });
    } catch (error) {
      throw await this.settledNavigationError(error, this.page.url(), deadline, refusedBefore);
    }
    if (this.page.url().startsWith('chrome-error:')) {
      throw this.navigationError(new Error('net::ERR_FAILED'), clickable.text, deadline, refusedBefore);
    }
    await this.settle(deadline);
    return this.snapshot(this.page.url(), null, started);
  }

  async screenshot(deadline: number): Promise<Buffer | undefined> {
    const remaining = deadline - Date.now();
    if (remaining <= 200) return undefined;
    try {
      return await this.page.screenshot({ type: 'png', fullPage: false, timeout: Math.min(remaining, 5_000), animations: 'disabled' });
    } catch {
      return undefined;
    }
  }

  /** A spare that can no longer serve: its browser crashed or is being replaced. */
  get stale(): boolean {
    return this.closed || this.crashed || this.options.pool.isRetired(this.generation);
  }

  /** Whether the browser itself died (not the site's fault). */
  get crashed(): boolean {
    if (this.closed) return false;
    const browser = this.context.browser();
    return this.options.pool.isCrashed(this.generation) || (browser !== null && !browser.isConnected());
  }

  private async snapshot(requestedUrl: string, response: Response | null, started: number): Promise<RenderedPage> {
    let html: string;
    try {
      html = await this.page.content();
    } catch (error) {
      if (this.crashed) throw new BrowserCrashedError();
      throw error;
    }
    return {
      requestedUrl,
      finalUrl: this.page.url(),
      status: response?.status() ?? 200,
      headers: response ? await response.allHeaders().catch(() => response.headers()) : {},
      html,
      ms: performance.now() - started,
    };
  }

  private mark(): RefusalMark {
    return { route: this.routeRefused.length, egress: this.egress.stats.refused.length };
  }

  private refusedSince(mark: RefusalMark): RefusedConnection[] {
    return [...this.routeRefused.slice(mark.route), ...this.egress.stats.refused.slice(mark.egress)];
  }

  private refusalOf(response: Response | null, refusedBefore: RefusalMark): RefusedConnection | undefined {
    const refusedNow = this.refusedSince(refusedBefore);
    if (response && response.headers()[EGRESS_HEADER] === 'refused') {
      return refusedNow.find((refusal) => refusal.target === response.url()) ?? refusedNow[refusedNow.length - 1] ?? {
        host: new URL(response.url()).hostname,
        range: 'reserved',
        target: response.url(),
        message: `${response.url()} is not an allowed target`,
      };
    }
    return undefined;
  }

  /** A navigation that failed because the browser is going away is reported as a crash. */
  private async settledNavigationError(error: unknown, url: string, deadline: number, refusedBefore: RefusalMark): Promise<Error> {
    const message = error instanceof Error ? error.message : String(error);
    if (/ERR_ABORTED|has been closed|crashed|disconnected/i.test(message)) {
      // The disconnect event trails the failed navigation by a moment.
      for (let waited = 0; waited < 500 && !this.crashed; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.navigationError(error, url, deadline, refusedBefore);
  }

  private navigationError(error: unknown, url: string, deadline: number, refusedBefore: RefusalMark): Error {
    if (this.crashed) return new BrowserCrashedError();
    const message = error instanceof Error ? error.message : String(error);
    const refusedNow = this.refusedSince(refusedBefore);
    // A navigation the egress refused (a redirect hop, or an https tunnel) fails with a network
    // error in the browser; the refusal record says why.
    if (refusedNow.length > 0 && /net::ERR_(TUNNEL_CONNECTION_FAILED|BLOCKED_BY_CLIENT|ABORTED|FAILED|UNEXPECTED_PROXY_AUTH|HTTP_RESPONSE_CODE_FAILURE)/.test(message)) {
      const refusal = refusedNow[refusedNow.length - 1];
      return new AttemptFailureError(unsafeTarget(refusal.range, `${url}: ${refusal.message}`));
    }
    // An https tunnel the proxy could not open: the proxy knows why.
    if (/ERR_TUNNEL_CONNECTION_FAILED/.test(message)) {
      const host = hostOf(url).replace(/:\d+$/, '');
      const upstream = [...this.egress.stats.upstreamErrors].reverse().find((entry) => entry.host === host);
      if (upstream) return new AttemptFailureError(failureFromHttpError(Object.assign(new Error(upstream.code), { code: upstream.code }), url, false));
    }
    return new AttemptFailureError(failureFromBrowserError(message, url, Date.now() >= deadline));
  }

  /** Waits until no request or short timer is pending and the DOM has been quiet for a moment. */
  private async settle(deadline: number): Promise<void> {
    const until = Math.min(Date.now() + (this.options.settleMaxMs ?? 4_000), deadline - 100);
    const quietMs = 100;
    while (Date.now() < until) {
      const settled = await this.page
        .evaluate(`(${SETTLE_WAIT})([${quietMs}, ${Math.max(0, until - Date.now())}])`)
        .catch(() => true);
      if (this.pending.size === 0) return;
      if (!settled) return;
      // The DOM is quiet but requests are still out (an XHR whose answer will render content).
      while (this.pending.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.options.pool.release(this.context, this.generation);
    await this.egress.close();
  }
}
