// One Chromium per worker: launched on first use, a fresh context per attempt, relaunched
// after a crash (the attempt that was running reports it, retryable), and replaced when its
// memory passes the bound.
import { createLogger } from '@fieldwork/telemetry';
import { eventually } from '@fieldwork/testing';
import { BrowserPool } from '../src/browser/browser-pool';
import { outcomeLabel, startAgentKit, type AgentKit } from './support/agent-kit';

describe('browser pool', () => {
  let kit: AgentKit;

  beforeAll(async () => {
    kit = await startAgentKit({ farm: { slowResponseMs: 60_000 } });
  });

  afterAll(async () => {
    await kit?.close();
  });

  const plain = () => kit.site((site) => site.hostile === null && site.markup.includes('microdata') && !site.markup.includes('subpage'));

  it('launches Chromium on first use only, and reuses it for later attempts', async () => {
    expect(kit.engine.browsers.launches).toBe(0);
    await kit.run(plain(), { mode: 'http' });
    expect(kit.engine.browsers.launches).toBe(0);
    const [first, second] = await Promise.all([kit.run(plain(), { mode: 'browser' }), kit.run(plain(), { mode: 'browser' })]);
    expect([first.status, second.status]).toEqual(['success', 'success']);
    expect(kit.engine.browsers.launches).toBe(1);
    expect(await kit.engine.browsers.memoryBytes()).toBeGreaterThan(0);
  });

  it('reports a crash under a running attempt as retryable, and relaunches for the next one', async () => {
    const slow = kit.site((site) => site.behaviour === 'slow_response');
    const running = kit.run(slow, { mode: 'browser', totalMs: 20_000 });
    // Once the browser's request reached the site, take the browser away.
    await eventually(() => expect(kit.farm.requestCount(slow.id)).toBeGreaterThanOrEqual(1), { what: 'the browser to request the slow page' });
    await kit.engine.browsers.simulateCrash();
    const crashed = await running;
    expect(outcomeLabel(crashed)).toBe('page_error:browser_crashed');
    expect(crashed.failure?.retryable).toBe(true);
    expect(kit.engine.browsers.restarts.crash).toBe(1);

    const launchesBefore = kit.engine.browsers.launches;
    const after = await kit.run(plain(), { mode: 'browser' });
    expect(after.status).toBe('success');
    expect(kit.engine.browsers.launches).toBe(launchesBefore + 1);
  });

  it('replaces the browser once it passes its memory bound, after its contexts are done', async () => {
    const defaultSession = await kit.engine.proxy.openSession('bound-test');
    const pool = new BrowserPool({
      executablePath: kit.config.chromiumPath,
      defaultProxyServer: defaultSession.server,
      maxRssBytes: 1,
      memoryCheckEvery: 1,
      logger: createLogger('pool-test', { level: 'silent' }),
    });
    try {
      const first = await pool.newContext({ proxyServer: defaultSession.server });
      const second = await pool.newContext({ proxyServer: defaultSession.server });
      await pool.release(first.context, first.generation);
      await eventually(() => expect(pool.restarts.memory).toBe(1), { what: 'the memory check to retire the browser' });
      // The context still open keeps the old browser alive; new contexts get a new browser.
      const third = await pool.newContext({ proxyServer: defaultSession.server });
      expect(third.generation).toBe(second.generation + 1);
      await pool.release(second.context, second.generation);
      await pool.release(third.context, third.generation);
      expect(pool.launches).toBe(2);
    } finally {
      await pool.close();
      await defaultSession.close();
    }
  });
});
