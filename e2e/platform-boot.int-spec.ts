// Every service boots as its own process, connects to Postgres and NATS, reports health through
// the gateway, and exits cleanly (code 0) on SIGTERM.
import { Client } from 'pg';
import { createTestNats, databaseUrl, randomPrefix } from '@fieldwork/testing';
import { launchPlatform, type Platform } from '@fieldwork/launcher';

describe('platform processes', () => {
  const prefix = randomPrefix();
  const dbPrefix = `fw_test_${prefix}_`;
  let platform: Platform;
  const logs: string[] = [];

  beforeAll(async () => {
    platform = launchPlatform({
      env: {
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
    const nats = await createTestNats(prefix);
    await nats.dispose();
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${dbPrefix}%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  });

  it('reports every service healthy, then degraded when one stops, and each exits cleanly on SIGTERM', async () => {
    const health = (await platform.waitHealthy(90_000)) as { status: string; services: Record<string, { status: string }> };
    expect(health.status).toBe('ok');
    expect(Object.keys(health.services).sort()).toEqual(['agent', 'campaigns', 'datasets', 'gateway', 'orchestrator', 'results']);

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
