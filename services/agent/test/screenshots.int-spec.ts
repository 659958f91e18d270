// Screenshots of failing pages in the JetStream Object Store: a blocked farm site (a captcha
// wall) leaves `failure.png` under the organization, and the bucket's retention (max_age)
// follows FIELDWORK_SCREENSHOT_TTL_DAYS.
import { createTestNats, type TestNats } from '@fieldwork/testing';
import { screenshotBucket } from '../src/screenshots/screenshot-store';
import { startAgentKit, type AgentKit } from './support/agent-kit';

const TTL_DAYS = 2;
const DAY_NS = 86_400 * 1e9;

describe('screenshots', () => {
  let nats: TestNats;
  let kit: AgentKit;
  let bucket: string;

  beforeAll(async () => {
    nats = await createTestNats();
    bucket = screenshotBucket(nats.prefix);
    kit = await startAgentKit({ env: { FIELDWORK_SCREENSHOT_TTL_DAYS: String(TTL_DAYS) }, screenshots: { js: nats.js, bucket } });
  });

  afterAll(async () => {
    await kit?.close();
    await nats?.jsm.streams.delete(`OBJ_${bucket}`).catch(() => undefined);
    await nats?.dispose();
  });

  afterEach(() => {
    expect(kit.trap.hits).toEqual([]);
  });

  it('stores the failing page of a blocked site as failure.png under the organization', async () => {
    const site = kit.site((s) => s.hostile === 'blocked:captcha');
    const result = await kit.run(site, { screenshots: true });

    expect(result.failure).toMatchObject({ category: 'blocked', reason: 'captcha' });
    expect(result.screenshots).toHaveLength(1);
    const [shot] = result.screenshots;
    expect(shot).toMatchObject({ bucket, kind: 'failure', contentType: 'image/png' });
    expect(shot.objectKey).toMatch(/^org-test\/task-\d+\/1\/failure\.png$/);
    expect(result.steps.find((step) => step.op === 'screenshot')).toMatchObject({ outcome: 'ok', params: { kind: 'failure', key: shot.objectKey } });

    const store = await nats.js.views.os(bucket);
    const info = await store.info(shot.objectKey);
    expect(info?.size).toBe(shot.bytes);
    const png = await store.getBlob(shot.objectKey);
    expect(Buffer.from(png!.subarray(0, 8)).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(png!.byteLength).toBeGreaterThan(1_000);
  });

  it('keeps screenshots for FIELDWORK_SCREENSHOT_TTL_DAYS (the bucket max_age)', async () => {
    expect(kit.config.screenshotTtlMs).toBe(TTL_DAYS * 86_400_000);
    // The engine creates the bucket on its first shot; storing one makes this test stand alone.
    await kit.engine.screenshots!.put({ organizationId: 'org-test', scope: 'ttl-check', kind: 'final', pageUrl: 'http://127.0.0.1/', png: new Uint8Array([0x89, 0x50]) });
    const stream = await nats.jsm.streams.info(`OBJ_${bucket}`);
    expect(stream.config.max_age).toBe(TTL_DAYS * DAY_NS);
    const status = await (await nats.js.views.os(bucket)).status();
    expect(status.ttl).toBe(TTL_DAYS * DAY_NS);
  });
});
