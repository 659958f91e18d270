// Organizations and API keys across gateway instances: two gateways share one database and
// NATS; a key revoked through one stops working on the other (which had it cached) as soon as
// the ApiKeyRevoked event arrives. And the tenancy read model ignores repeated events and
// equals a rebuild from the event store.
import { EventStore, rebuildFromEventStore } from '@fieldwork/eventstore';
import { bootstrapService, loadServiceConfig, type RunningService } from '@fieldwork/service-kit';
import { createTestNats, databaseUrl, eventually, randomPrefix, type TestNats } from '@fieldwork/testing';
import { Client } from 'pg';
import { createGatewayModule } from '../src/gateway.module';
import { loadGatewayConfig } from '../src/gateway-config';
import { configureGatewayHttp } from '../src/http/configure-http';
import { tenancyProjection } from '../src/projections/tenancy.projection';

const ADMIN_KEY = 'admin-key-for-the-tenancy-integration-test-0123456789';

async function call(url: string, method: string, path: string, key: string, body?: object) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('tenancy across gateway instances', () => {
  const prefix = randomPrefix();
  const dbPrefix = `fw_test_${prefix}_`;
  let nats: TestNats;
  const gateways: RunningService[] = [];

  beforeAll(async () => {
    nats = await createTestNats(prefix);
    const env = { ...process.env, FIELDWORK_NATS_PREFIX: prefix, FIELDWORK_DB_PREFIX: dbPrefix };
    for (let i = 0; i < 2; i += 1) {
      const module = createGatewayModule({
        config: loadServiceConfig('gateway', env),
        gateway: { ...loadGatewayConfig({}), adminApiKey: ADMIN_KEY, apiKeyCacheTtlMs: 600_000 },
      });
      gateways.push(await bootstrapService(module, { service: 'gateway', httpPort: 0, configureHttp: configureGatewayHttp, handleSignals: false }));
    }
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await nats?.dispose();
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    await admin.query(`drop database if exists ${dbPrefix}gateway with (force)`);
    await admin.end();
  });

  it('stops a revoked key on every instance, although each had it cached for long', async () => {
    const [a, b] = gateways.map((gateway) => gateway.url ?? '');
    const organization = await call(a, 'POST', '/v1/organizations', ADMIN_KEY, { name: 'Acme' });
    const orgId = organization.body.id as string;
    const created = await call(a, 'POST', `/v1/organizations/${orgId}/api-keys`, ADMIN_KEY, { name: 'temp', role: 'viewer' });
    const key = created.body.key as string;
    expect((await call(a, 'GET', '/v1/me', key)).status).toBe(200);
    expect((await call(b, 'GET', '/v1/me', key)).status).toBe(200);

    expect((await call(a, 'DELETE', `/v1/organizations/${orgId}/api-keys/${created.body.id as string}`, ADMIN_KEY)).status).toBe(204);
    expect((await call(a, 'GET', '/v1/me', key)).status).toBe(401);
    await eventually(async () => expect((await call(b, 'GET', '/v1/me', key)).status).toBe(401), {
      what: 'the other gateway instance to drop the revoked key',
      timeoutMs: 5_000,
    });
  });

  it('keeps a tenancy read model that ignores repeated events and equals a rebuild', async () => {
    const [a] = gateways.map((gateway) => gateway.url ?? '');
    const organization = await call(a, 'POST', '/v1/organizations', ADMIN_KEY, { name: 'Globex' });
    const orgId = organization.body.id as string;
    for (const role of ['owner', 'editor']) await call(a, 'POST', `/v1/organizations/${orgId}/api-keys`, ADMIN_KEY, { name: role, role });
    const keys = await call(a, 'GET', `/v1/organizations/${orgId}/api-keys`, ADMIN_KEY);
    await call(a, 'DELETE', `/v1/organizations/${orgId}/api-keys/${(keys.body.items as { id: string }[])[0].id}`, ADMIN_KEY);

    const { dataSource } = gateways[0].runtime;
    const snapshot = async () => ({
      organizations: await dataSource.query('select * from organizations order by organization_id'),
      keys: await dataSource.query('select * from api_keys order by key_id'),
    });
    const before = await snapshot();
    const events = await dataSource.transaction((manager) => new EventStore().readAggregate(manager, orgId, orgId));
    expect(events.map((event) => event.type.split('.').pop())).toEqual(['OrganizationCreated', 'ApiKeyCreated', 'ApiKeyCreated', 'ApiKeyRevoked']);
    await dataSource.transaction(async (manager) => {
      for (const event of events) await tenancyProjection.apply(manager, event);
    });
    expect(await snapshot()).toEqual(before);
    await rebuildFromEventStore(dataSource, tenancyProjection);
    expect(await snapshot()).toEqual(before);
  });
});
