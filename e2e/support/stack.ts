// A reusable in-process stack for HTTP end-to-end tests: the gateway and chosen services as
// Nest applications in the jest process, on a fresh database prefix and NATS prefix (so test
// files never see each other), with a platform admin key, helpers to create organizations and
// keys through the API, and a clean teardown (apps closed, streams and databases dropped).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createCampaignsModule } from '@fieldwork/campaigns';
import { createDatasetsModule } from '@fieldwork/datasets';
import { configureGatewayHttp, createGatewayModule, loadGatewayConfig, type GatewayConfig } from '@fieldwork/gateway';
import { bootstrapService, loadServiceConfig, type RunningService } from '@fieldwork/service-kit';
import { createTestNats, databaseUrl, randomPrefix } from '@fieldwork/testing';
import { ApiClient } from './api-client';

export type StackService = 'campaigns' | 'datasets';

const MODULES: Record<StackService, (config: ReturnType<typeof loadServiceConfig>) => ReturnType<typeof createCampaignsModule>> = {
  campaigns: (config) => createCampaignsModule({ config }),
  // Limits and FIELDWORK_ALLOWED_TARGETS come from process.env (set them before startStack).
  datasets: (config) => createDatasetsModule({ config }),
};

export interface StackOptions {
  services?: StackService[];
  gateway?: Partial<GatewayConfig>;
  /** How long the gateway waits for a service (default 5 s). */
  rpcTimeoutMs?: number;
}

export interface TestOrganization {
  id: string;
  name: string;
  keys: { owner: string; editor: string; viewer: string };
  keyIds: { owner: string; editor: string; viewer: string };
}

export interface Stack {
  url: string;
  prefix: string;
  dbPrefix: string;
  adminKey: string;
  api: ApiClient;
  /** An ApiClient that sends this key by default. */
  as(key: string): ApiClient;
  gateway: RunningService;
  services: Partial<Record<StackService, RunningService>>;
  createOrganization(name?: string): Promise<TestOrganization>;
  stopService(name: StackService): Promise<void>;
  startService(name: StackService): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const prefix = randomPrefix();
  const dbPrefix = `fw_test_${prefix}_`;
  const adminKey = `admin-${randomBytes(24).toString('base64url')}`;
  const env = {
    ...process.env,
    FIELDWORK_NATS_PREFIX: prefix,
    FIELDWORK_DB_PREFIX: dbPrefix,
    FIELDWORK_RPC_TIMEOUT_MS: String(options.rpcTimeoutMs ?? 5_000),
  };
  const services: Partial<Record<StackService, RunningService>> = {};
  const startService = async (name: StackService) => {
    services[name] = await bootstrapService(MODULES[name](loadServiceConfig(name, env)), { service: name, handleSignals: false });
  };
  for (const name of options.services ?? ['campaigns']) await startService(name);

  const gatewayConfig: GatewayConfig = { ...loadGatewayConfig({}), adminApiKey: adminKey, ...options.gateway };
  const gateway = await bootstrapService(createGatewayModule({ config: loadServiceConfig('gateway', env), gateway: gatewayConfig }), {
    service: 'gateway',
    httpPort: 0,
    configureHttp: configureGatewayHttp,
    handleSignals: false,
  });
  const url = gateway.url ?? '';
  const api = new ApiClient(url);
  const admin = api.withKey(adminKey);

  const createOrganization = async (name = `Org ${randomBytes(3).toString('hex')}`): Promise<TestOrganization> => {
    const organization = await admin.post<{ id: string; name: string }>('/v1/organizations', { name }).then((r) => r.expect(201));
    const keys = {} as TestOrganization['keys'];
    const keyIds = {} as TestOrganization['keyIds'];
    for (const role of ['owner', 'editor', 'viewer'] as const) {
      const created = await admin
        .post<{ id: string; key: string }>(`/v1/organizations/${organization.id}/api-keys`, { name: `${role} key`, role })
        .then((r) => r.expect(201));
      keys[role] = created.key;
      keyIds[role] = created.id;
    }
    return { id: organization.id, name: organization.name, keys, keyIds };
  };

  return {
    url,
    prefix,
    dbPrefix,
    adminKey,
    api,
    as: (key) => api.withKey(key),
    gateway,
    services,
    createOrganization,
    startService,
    stopService: async (name) => {
      await services[name]?.close();
      delete services[name];
    },
    close: async () => {
      await gateway.close();
      for (const service of Object.values(services)) await service?.close();
      const nats = await createTestNats(prefix);
      await nats.dispose();
      await dropDatabases(dbPrefix);
    },
  };
}

export async function dropDatabases(dbPrefix: string): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${dbPrefix}%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
  } finally {
    await admin.end();
  }
}
