// The datasets service in-process on its own database and NATS prefix, a stand-in for the
// campaigns service's `campaigns.get` (a plain NATS responder with fixed campaigns per
// organization), and helpers that hand a file to the service the way the gateway does: store
// it in the uploads object store, then call `datasets.ingest`.
import { randomBytes } from 'node:crypto';
import type { Subscription } from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { encodeJson, Headers, Naming, RpcClient, type CallMeta, type RpcReply } from '@fieldwork/messaging';
import { bootstrapService, loadServiceConfig, type RunningService } from '@fieldwork/service-kit';
import { createTestDatabase, createTestNats, randomPrefix, type TestDatabase, type TestNats } from '@fieldwork/testing';
import { NO_ALLOWED_TARGETS } from '@fieldwork/url-safety';
import type { DatasetsConfig } from '../src/config/datasets-config';
import { createDatasetsModule } from '../src/datasets.module';
import { TEST_LIMITS } from '../src/ingestion/ingest-buffer.testing';
import { UploadStore, uploadsBucket } from '../src/infra/upload-store';
import type { IngestResultView } from '../src/projections/datasets-read-model/views';

export interface FakeCampaign {
  id: string;
  name: string;
  status?: string;
  columns: { name: string; type: string; description?: string; required?: boolean; enumValues?: string[] }[];
}

export interface DatasetsHarness {
  prefix: string;
  db: TestDatabase;
  nats: TestNats;
  service: RunningService;
  rpc: RpcClient;
  uploads: UploadStore;
  /** Campaigns the stand-in answers for, per organization. */
  campaigns: Map<string, FakeCampaign[]>;
  meta(organizationId: string): CallMeta;
  addCampaign(organizationId: string, columns?: FakeCampaign['columns']): FakeCampaign;
  /** Stores the bytes as an upload and asks the service to ingest them. */
  ingest(organizationId: string, bytes: Buffer, fields: Record<string, unknown>): Promise<IngestResultView>;
  request<T>(pattern: string, organizationId: string, payload: unknown): Promise<T>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export const SHERIFF_COLUMNS: FakeCampaign['columns'] = [
  { name: 'sheriff_name', type: 'text' },
  { name: 'sheriff_phone', type: 'phone' },
  { name: 'email', type: 'email' },
];

export async function startDatasetsHarness(datasets: Partial<DatasetsConfig> = {}): Promise<DatasetsHarness> {
  const prefix = randomPrefix();
  const db = await createTestDatabase('datasets');
  const nats = await createTestNats(prefix);
  const naming = new Naming(prefix);
  const campaigns = new Map<string, FakeCampaign[]>();

  const responder: Subscription = nats.connection.subscribe(naming.rpcSubject('campaigns.get'), {
    callback: (_error, message) => {
      const organizationId = message.headers?.get(Headers.organizationId) ?? '';
      const { campaignId } = JSON.parse(new TextDecoder().decode(message.data)) as { campaignId?: string };
      const campaign = campaigns.get(organizationId)?.find((candidate) => candidate.id === campaignId);
      const reply: RpcReply = campaign
        ? { ok: true, data: campaign }
        : { ok: false, error: { code: 'not_found', message: `Campaign ${campaignId} was not found` } };
      message.respond(encodeJson(reply));
    },
  });

  const config = { ...loadServiceConfig('datasets', { FIELDWORK_NATS_PREFIX: prefix }), databaseName: db.name, databaseUrl: db.url };
  const service = await bootstrapService(
    createDatasetsModule({
      config,
      datasets: { limits: TEST_LIMITS, uploadTtlSeconds: 600, allowedTargets: NO_ALLOWED_TARGETS, ...datasets },
    }),
    { service: 'datasets', handleSignals: false },
  );
  const rpc = new RpcClient(nats.connection, naming, 60_000);
  const uploads = new UploadStore(nats.js, naming, 600);
  const meta = (organizationId: string): CallMeta => ({
    organizationId,
    actor: { kind: 'user', id: `user-of-${organizationId}` },
    correlationId: uuidv7(),
  });

  return {
    prefix,
    db,
    nats,
    service,
    rpc,
    uploads,
    campaigns,
    meta,
    addCampaign(organizationId, columns = SHERIFF_COLUMNS) {
      const campaign = { id: uuidv7(), name: `Campaign ${randomBytes(2).toString('hex')}`, columns };
      campaigns.set(organizationId, [...(campaigns.get(organizationId) ?? []), campaign]);
      return campaign;
    },
    async ingest(organizationId, bytes, fields) {
      const uploadId = randomBytes(12).toString('base64url');
      await uploads.put(organizationId, uploadId, bytes, nats.connection);
      return rpc.request<IngestResultView>('datasets.ingest', { fileName: 'upload.csv', ...fields, uploadId }, meta(organizationId));
    },
    request: (pattern, organizationId, payload) => rpc.request(pattern, payload, meta(organizationId)),
    query: (sql, params) => service.runtime.dataSource.query(sql, params),
    async close() {
      responder.unsubscribe();
      await service.close();
      await nats.jsm.streams.delete(`OBJ_${uploadsBucket(naming)}`).catch(() => undefined);
      await nats.dispose();
      await db.drop();
    },
  };
}

/** Rows, issues, file chunks and events stored for a dataset (all zero after a refused upload). */
export async function storedCounts(harness: DatasetsHarness): Promise<Record<string, number>> {
  const [row] = await harness.query<Record<string, number>>(`
    select (select count(*) from dataset_rows)::int as rows,
           (select count(*) from dataset_issues)::int as issues,
           (select count(*) from dataset_files)::int as files,
           (select count(*) from dataset_versions)::int as versions,
           (select count(*) from datasets)::int as datasets,
           (select count(*) from events)::int as events`);
  return row;
}
