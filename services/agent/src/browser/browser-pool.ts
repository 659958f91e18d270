// One Chromium per worker process, shared by its attempts, each of which gets a fresh browser
// context (own cookies, storage, cache and proxy session) that is closed afterwards. Chromium
// is launched on first use, relaunched after a crash, and replaced when its process tree grows
// past a memory bound — the old one is closed once its last context is done.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { Logger } from '@fieldwork/telemetry';
import { chromiumChildPids, chromiumTreeMemory } from './process-memory';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=Translate,MediaRouter,OptimizationHints,InterestFeedContentSuggestions,AutofillServerCommunication',
  // No UDP around the proxy (WebRTC ICE would otherwise reach any address).
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--mute-audio',
];

export interface BrowserPoolOptions {
  executablePath: string;
  /** Proxy every request of the browser (contexts get their own sessions on top). */
  defaultProxyServer: string;
  maxRssBytes: number;
  logger: Logger;
  /** Check memory after this many contexts (reading /proc is cheap but not free). */
  memoryCheckEvery?: number;
}

/** The browser went away under an attempt (crash or forced restart). */
export class BrowserCrashedError extends Error {
  constructor(message = 'the browser process exited during the attempt') {
    super(message);
    this.name = 'BrowserCrashedError';
  }
}

interface Generation {
  browser: Browser;
  id: number;
  contexts: number;
  retired: boolean;
  crashed: boolean;
  /** Settles when the browser disconnects, for whatever reason. */
  gone: Promise<void>;
}

export interface ContextOptions {
  proxyServer: string;
  userAgent?: string;
  viewport?: { width: number; height: number };
}

export class BrowserPool {
  private current?: Generation;
  private launching?: Promise<Generation>;
  private readonly generations = new Set<Generation>();
  private nextId = 1;
  private contextsSinceCheck = 0;
  private checking = false;
  private closed = false;
  /** How often Chromium was (re)launched; for tests and health. */
  launches = 0;
  restarts = { crash: 0, memory: 0 };

  constructor(private readonly options: BrowserPoolOptions) {}

  /** A fresh context; call `release` with it when the attempt is done. */
  async newContext(contextOptions: ContextOptions): Promise<{ context: BrowserContext; generation: number }> {
    if (this.closed) throw new BrowserCrashedError('the browser pool is closed');
    const generation = await this.generation();
    generation.contexts += 1;
    try {
      const context = await this.guard(generation.id, generation.browser.newContext({
        proxy: { server: contextOptions.proxyServer },
        acceptDownloads: false,
        ignoreHTTPSErrors: false,
        javaScriptEnabled: true,
        serviceWorkers: 'allow',
        userAgent: contextOptions.userAgent,
        viewport: contextOptions.viewport ?? { width: 1280, height: 900 },
        locale: 'en-US',
      }));
      return { context, generation: generation.id };
    } catch (error) {
      this.done(generation);
      if (!generation.browser.isConnected()) throw new BrowserCrashedError();
      throw error;
    }
  }

  async release(context: BrowserContext, generationId: number): Promise<void> {
    await this.guard(generationId, context.close()).catch(() => undefined);
    const generation = [...this.generations].find((candidate) => candidate.id === generationId);
    if (generation) this.done(generation);
    this.contextsSinceCheck += 1;
    if (this.contextsSinceCheck >= (this.options.memoryCheckEvery ?? 10)) {
      this.contextsSinceCheck = 0;
      this.checkMemory();
    }
  }

  /** Whether a generation's browser is gone (the attempt then fails as a crash, not a site error). */
  isCrashed(generationId: number): boolean {
    const generation = [...this.generations].find((candidate) => candidate.id === generationId);
    return generation ? generation.crashed : true;
  }

  /**
   * Runs a browser call that must not outlive the browser: a call in flight when Chromium dies
   * does not always settle (seen with `newPage` under load), so it loses the race against the
   * disconnect and fails as a crash.
   */
  async guard<T>(generationId: number, call: Promise<T>): Promise<T> {
    const generation = [...this.generations].find((candidate) => candidate.id === generationId);
    if (!generation || generation.crashed) {
      call.catch(() => undefined);
      throw new BrowserCrashedError();
    }
    const crashed = generation.gone.then(() => {
      throw new BrowserCrashedError();
    });
    call.catch(() => undefined);
    crashed.catch(() => undefined);
    return Promise.race([call, crashed]);
  }

  /** Whether a generation is being replaced (memory bound) or gone. */
  isRetired(generationId: number): boolean {
    const generation = [...this.generations].find((candidate) => candidate.id === generationId);
    return generation ? generation.retired || generation.crashed : true;
  }

  /** Memory (anonymous resident) of all Chromium processes of this worker. */
  memoryBytes(): Promise<number> {
    return chromiumTreeMemory();
  }

  private checkMemory(): void {
    const current = this.current;
    if (!current || current.retired || this.checking) return;
    this.checking = true;
    this.memoryBytes()
      .then((bytes) => {
        if (bytes <= this.options.maxRssBytes || current.retired || this.current !== current) return;
        this.options.logger.warn({ memoryMb: Math.round(bytes / 1048576), boundMb: Math.round(this.options.maxRssBytes / 1048576) }, 'browser memory bound passed; restarting it');
        this.restarts.memory += 1;
        this.retire(current);
      })
      .catch(() => undefined)
      .finally(() => {
        this.checking = false;
      });
  }

  private retire(generation: Generation): void {
    generation.retired = true;
    if (this.current === generation) this.current = undefined;
    if (generation.contexts === 0) this.dispose(generation);
  }

  private done(generation: Generation): void {
    generation.contexts = Math.max(0, generation.contexts - 1);
    if (generation.retired && generation.contexts === 0) this.dispose(generation);
  }

  private dispose(generation: Generation): void {
    this.generations.delete(generation);
    generation.browser.close().catch(() => undefined);
  }

  private async generation(): Promise<Generation> {
    if (this.current && this.current.browser.isConnected()) return this.current;
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async launch(): Promise<Generation> {
    const browser = await chromium.launch({
      executablePath: this.options.executablePath,
      // Chromium bypasses proxies for loopback names unless told `<-loopback>`: without it the
      // farm (and any *.localhost or 127.x target) would be reached directly, unguarded.
      args: [...CHROMIUM_ARGS, `--proxy-server=${this.options.defaultProxyServer}`, '--proxy-bypass-list=<-loopback>'],
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    let markGone!: () => void;
    const gone = new Promise<void>((resolve) => (markGone = resolve));
    const generation: Generation = { browser, id: this.nextId++, contexts: 0, retired: false, crashed: false, gone };
    this.launches += 1;
    browser.on('disconnected', () => {
      markGone();
      if (generation.retired || this.closed) return;
      generation.crashed = true;
      this.restarts.crash += 1;
      this.options.logger.error({ generation: generation.id }, 'browser disconnected unexpectedly; it is relaunched on next use');
      this.generations.delete(generation);
      if (this.current === generation) this.current = undefined;
    });
    this.generations.add(generation);
    this.current = generation;
    this.options.logger.info({ generation: generation.id }, 'browser launched');
    return generation;
  }

  /** For tests: kill this worker's Chromium processes (SIGKILL), as a crash would. */
  async simulateCrash(): Promise<void> {
    const current = this.current;
    if (!current) return;
    for (const pid of chromiumChildPids()) process.kill(pid, 'SIGKILL');
    await current.gone;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.launching?.catch(() => undefined);
    await Promise.all([...this.generations].map((generation) => generation.browser.close().catch(() => undefined)));
    this.generations.clear();
    this.current = undefined;
  }
}
