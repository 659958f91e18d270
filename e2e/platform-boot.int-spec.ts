// Every service boots as its own process, connects to Postgres and NATS, reports health through
// the gateway, runs the newcomer demo of `npm start` (the demo farm allowlisted, nothing else),
// and exits cleanly (code 0) on SIGTERM.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestNats, databaseUrl, randomPrefix } from '@fieldwork/testing';
import type { RunningSiteFarm } from '@fieldwork/sitefarm';
import { DEMO_ALLOWED_TARGETS, formatDemoReport, launchPlatform, runDemo, startDemoFarm, type Platform } from '@fieldwork/launcher';

describe('platform processes', () => {
  const prefix = randomPrefix();
  const dbPrefix = `fw_test_${prefix}_`;
  let platform: Platform;
  let farm: RunningSiteFarm;
  const adminKey = randomBytes(24).toString('base64url');
  const logs: string[] = [];

  beforeAll(async () => {
    farm = await startDemoFarm(0);
    platform = launchPlatform({
      env: {
        FIELDWORK_ADMIN_API_KEY: adminKey,
        FIELDWORK_ALLOWED_TARGETS: DEMO_ALLOWED_TARGETS,
        FIELDWORK_NATS_PREFIX: prefix,
        FIELDWORK_DB_PREFIX: dbPrefix,
        PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
        LOG_LEVEL: 'info',
      },
      onLine: (name, line) => logs.push(`${name} ${line}`),
    });
  });

  afterAll(async () => {
    await platform.stop();
    await farm?.close();
    const nats = await createTestNats(prefix);
    await nats.dispose();
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${dbPrefix}%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  });

  it('reports every service healthy, runs the demo, then degraded when one stops, and each exits cleanly on SIGTERM', async () => {
    const health = (await platform.waitHealthy(90_000)) as { status: string; services: Record<string, { status: string }> };
    expect(health.status).toBe('ok');
    expect(Object.keys(health.services).sort()).toEqual(['agent', 'campaigns', 'datasets', 'gateway', 'orchestrator', 'results']);

    // The demo: campaign from the template, the farm's fitness list with ground truth, a preview
    // of every fitness demo site through the gateway and the agent process.
    const fitnessSites = farm.farm.sites.filter((site) => site.vertical === 'fitness' && site.hostile === null);
    const demo = await runDemo({ gatewayUrl: platform.gatewayUrl, adminKey, farm });
    expect(demo.datasetRows).toBe(fitnessSites.length);
    expect(demo.groundTruthColumns.sort()).toEqual(['city', 'class_pack_price', 'drop_in_price', 'phone', 'venue_name']);
    expect(demo.sites.map((site) => site.status)).toEqual(fitnessSites.map(() => 'success'));
    expect(demo.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(formatDemoReport(demo, platform.gatewayUrl)).toContain(`export KEY=${demo.ownerKey}`);
    // A second start finds the same organization, campaign and dataset, with a fresh key.
    const again = await runDemo({ gatewayUrl: platform.gatewayUrl, adminKey, farm });
    expect(again).toMatchObject({ organizationId: demo.organizationId, campaignId: demo.campaignId, datasetId: demo.datasetId });
    expect(again.ownerKey).not.toBe(demo.ownerKey);

    const [stopped] = await platform.stop('results');
    expect(stopped).toMatchObject({ code: 0 });
    const response = await fetch(`${platform.gatewayUrl}/health`);
    expect(response.status).toBe(503);
    const degraded = (await response.json()) as { services: Record<string, { status: string; error?: string }> };
    expect(degraded.services.results.status).toBe('unavailable');
    expect(degraded.services.results.error).toMatch(/results service/);

    const exits = await platform.stop();
    for (const exit of exits) expect(exit).toMatchObject({ code: 0 });
    expect(logs.some((line) => line.includes('"msg":"campaigns shutting down"'))).toBe(true);
  }, 240_000); // six processes compile and start; a busy 2-core machine needs the time
});
