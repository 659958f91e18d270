// Everything one worker process needs to run attempts, built once: the egress guard, the
// guarded HTTP client, the egress proxy the browser goes through, the browser pool, the
// screenshot store, the optional model client, and the attempt runner on top. The service
// module, the benchmark and the tests all start the same engine.
import type { JetStreamClient } from 'nats';
import type { Dispatcher } from 'undici';
import { createLlmClient, type LlmClient } from '@fieldwork/llm';
import type { Logger } from '@fieldwork/telemetry';
import type { AgentConfig } from '../config/agent-config';
import { AttemptRunner } from '../attempt/attempt-runner';
import { BrowserPool } from '../browser/browser-pool';
import { BrowserSessions } from '../browser/browser-sessions';
import { EgressGuard, type Resolver } from '../egress/address-guard';
import { createGuardedDispatcher } from '../egress/guarded-dispatcher';
import { EgressProxy, type EgressSession } from '../egress/egress-proxy';
import { ScreenshotStore, type ScreenshotSink } from '../screenshots/screenshot-store';

export interface AgentEngineOptions {
  config: AgentConfig;
  logger: Logger;
  /** Where screenshots go; without it attempts take none. */
  screenshots?: { js: JetStreamClient; bucket: string } | ScreenshotSink;
  /** DNS for target hosts (tests play rebinding with it); the system resolver otherwise. */
  resolver?: Resolver;
  /** Keep-alive connections per target origin. */
  connectionsPerOrigin?: number;
}

export class AgentEngine {
  private closed?: Promise<void>;

  private constructor(
    readonly config: AgentConfig,
    readonly guard: EgressGuard,
    readonly dispatcher: Dispatcher,
    readonly proxy: EgressProxy,
    private readonly browserDefaultSession: EgressSession,
    readonly browsers: BrowserPool,
    readonly sessions: BrowserSessions,
    readonly runner: AttemptRunner,
    readonly screenshots: ScreenshotSink | undefined,
    readonly llm: LlmClient | undefined,
  ) {}

  static async start(options: AgentEngineOptions): Promise<AgentEngine> {
    const { config, logger } = options;
    const guard = new EgressGuard(config.allowedTargets, options.resolver);
    const dispatcher = createGuardedDispatcher(guard, {
      connectTimeoutMs: config.http.connectTimeoutMs,
      connections: options.connectionsPerOrigin ?? Math.max(4, config.concurrency),
    });
    const proxy = new EgressProxy(guard, { connectTimeoutMs: config.http.connectTimeoutMs, logger });
    // Chromium's own proxy: traffic outside any attempt's context is guarded too.
    const defaultSession = await proxy.openSession('browser-default');
    const browsers = new BrowserPool({
      executablePath: config.chromiumPath,
      defaultProxyServer: defaultSession.server,
      maxRssBytes: config.browserMaxRssBytes,
      logger,
    });
    const target = options.screenshots;
    const screenshots = target === undefined ? undefined : 'put' in target ? target : new ScreenshotStore(target.js, target.bucket, config.screenshotTtlMs);
    const llm = config.llm ? createLlmClient(config.llm) : undefined;
    const sessions = new BrowserSessions({ pool: browsers, proxy, guard, userAgent: config.http.userAgent, logger }, config.browserSpares);
    const runner = new AttemptRunner({ config, guard, dispatcher, browsers, sessions, screenshots, llm, logger });
    return new AgentEngine(config, guard, dispatcher, proxy, defaultSession, browsers, sessions, runner, screenshots, llm);
  }

  /** Closes the browser, the proxy and idle connections. Safe to call twice. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await this.sessions.close();
      await this.browsers.close();
      await this.browserDefaultSession.close();
      await this.proxy.close();
      await this.dispatcher.close().catch(() => undefined);
    })();
    return this.closed;
  }
}
