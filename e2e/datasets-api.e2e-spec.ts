// Datasets through the public HTTP API: multipart upload streamed into the object store and
// ingested, the schema PATCH that sets up ground truth, rows / preview / validation paging,
// the original file back byte for byte, versions, archiving, problem responses for limits and
// bad files, and tenant isolation on every dataset endpoint (another organization → 404).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uploadsBucket } from '@fieldwork/datasets';
import { Naming } from '@fieldwork/messaging';
import { createTestNats } from '@fieldwork/testing';
import { startStack, type Stack, type TestOrganization } from './support/stack';

const MAX_BYTES = 2 * 1024 * 1024;
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'services/datasets/test/fixtures/files', name));

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

describe('datasets over HTTP', () => {
  let stack: Stack;
  let orgA: TestOrganization;
  let orgB: TestOrganization;
  let campaignId: string;
  // Read by the gateway's upload route and the datasets service when they start.
  const settings = { FIELDWORK_DATASET_MAX_BYTES: String(MAX_BYTES), FIELDWORK_ALLOWED_TARGETS: '127.0.0.1' };
  const previous = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));

  beforeAll(async () => {
    Object.assign(process.env, settings);
    stack = await startStack({ services: ['campaigns', 'datasets'], rpcTimeoutMs: 10_000 });
    orgA = await stack.createOrganization('Alpha Inc');
    orgB = await stack.createOrganization('Beta Inc');
    const campaign = await stack
      .as(orgA.keys.editor)
      .post<{ id: string }>('/v1/campaigns', {
        name: 'Sheriff contacts',
        columns: [
          { name: 'sheriff_name', type: 'text' },
          { name: 'sheriff_phone', type: 'phone' },
          { name: 'email', type: 'email' },
        ],
      })
      .then((r) => r.expect(201));
    campaignId = campaign.id;
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    if (stack) {
      const nats = await createTestNats(stack.prefix);
      await nats.jsm.streams.delete(`OBJ_${uploadsBucket(new Naming(stack.prefix))}`).catch(() => undefined);
      await nats.dispose();
      await stack.close();
    }
  });

  async function upload(path: string, key: string, bytes: Buffer, fileName: string, fields: Record<string, string> = {}) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([bytes], { type: 'text/csv' }), fileName);
    const response = await fetch(`${stack.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as Record<string, unknown> };
  }

  describe('one dataset, start to finish', () => {
    let datasetId: string;
    const original = fixture('ground-truth-and-duplicates.csv');

    it('uploads: 201 with the schema, stats and the ground-truth guide', async () => {
      const created = await upload(`/v1/campaigns/${campaignId}/datasets`, orgA.keys.editor, original, 'sheriffs.csv', { name: 'Sheriffs', note: 'first' });
      expect(created.status).toBe(201);
      const body = created.body as { dataset: { id: string; name: string }; version: { version: number; stats: object; groundTruth: { suggestions: unknown[]; explanation: string } } };
      datasetId = body.dataset.id;
      expect(created.headers.get('location')).toBe(`/v1/datasets/${datasetId}`);
      expect(body.dataset.name).toBe('Sheriffs');
      expect(body.version).toMatchObject({ version: 1, stats: { totalRows: 7, validRows: 4 } });
      expect(body.version.groundTruth.suggestions).toHaveLength(3);
      expect(body.version.groundTruth.explanation).toMatch(/every run will report its accuracy/);
    });

    it('lists, reads the dataset and its version', async () => {
      const api = stack.as(orgA.keys.viewer);
      const list = await api.get<{ items: { id: string }[]; nextCursor: null }>(`/v1/campaigns/${campaignId}/datasets`).then((r) => r.expect(200));
      expect(list.items.map((d) => d.id)).toEqual([datasetId]);
      await expect(api.get(`/v1/datasets/${datasetId}`).then((r) => r.expect(200))).resolves.toMatchObject({ id: datasetId, latestVersion: 1 });
      await expect(api.get(`/v1/datasets/${datasetId}/versions/1`).then((r) => r.expect(200))).resolves.toMatchObject({
        version: 1,
        schema: { urlColumn: 'Website' },
      });
    });

    it('PATCH schema accepts the suggested ground truth; the stats follow', async () => {
      const api = stack.as(orgA.keys.editor);
      const updated = await api
        .patch<{ stats: { groundTruth: { outputColumn: string; percent: number }[] } }>(`/v1/datasets/${datasetId}/versions/1/schema`, {
          acceptSuggestedGroundTruth: true,
        })
        .then((r) => r.expect(200));
      expect(updated.stats.groundTruth.map((g) => [g.outputColumn, g.percent])).toEqual([
        ['sheriff_name', 75],
        ['sheriff_phone', 75],
        ['email', 50],
      ]);
      const refused = await api.patch<Problem>(`/v1/datasets/${datasetId}/versions/1/schema`, { groundTruth: [{ column: 'Company', outputColumn: 'revenue' }] });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(refused.body.errors?.[0]).toMatchObject({ path: 'groundTruth/Company' });
      const typo = await api.patch<Problem>(`/v1/datasets/${datasetId}/versions/1/schema`, { groundTruths: [] });
      expect(typo.status).toBe(422);
      const viewer = await stack.as(orgA.keys.viewer).patch(`/v1/datasets/${datasetId}/versions/1/schema`, { urlColumn: null });
      expect(viewer.status).toBe(403);
    });

    it('pages rows, previews, and pages the validation report', async () => {
      const api = stack.as(orgA.keys.viewer);
      const rows = await api.get<{ items: { rowId: number }[]; total: number; nextOffset: number | null }>(`/v1/datasets/${datasetId}/versions/1/rows?offset=2&limit=3`).then((r) => r.expect(200));
      expect(rows).toMatchObject({ total: 7, nextOffset: 5 });
      expect(rows.items.map((r) => r.rowId)).toEqual([3, 4, 5]);
      const preview = await api.get<{ items: unknown[] }>(`/v1/datasets/${datasetId}/versions/1/preview`).then((r) => r.expect(200));
      expect(preview.items).toHaveLength(7);
      const issues = await api.get<{ items: { row: number | null; code: string }[]; total: number }>(`/v1/datasets/${datasetId}/versions/1/validation?limit=2&offset=1`).then((r) => r.expect(200));
      expect(issues).toMatchObject({ total: 4 });
      expect(issues.items.map((i) => [i.row, i.code])).toEqual([
        [3, 'duplicate_url'],
        [5, 'duplicate_row'],
      ]);
      const bad = await api.get(`/v1/datasets/${datasetId}/versions/1/validation?code=nope`);
      expect(bad.status).toBe(400);
    });

    it('downloads the original file unchanged', async () => {
      const response = await fetch(`${stack.url}/v1/datasets/${datasetId}/versions/1/download`, { headers: { authorization: `Bearer ${orgA.keys.viewer}` } });
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(original)).toBe(true);
      expect(response.headers.get('content-disposition')).toContain('filename="sheriffs.csv"');
      expect(response.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(original).digest('base64')}:`);
    });

    it('uploads a new version; archives the dataset', async () => {
      const second = await upload(`/v1/datasets/${datasetId}/versions`, orgA.keys.editor, fixture('localhost.csv'), 'farm.csv');
      expect(second.status).toBe(201);
      expect(second.headers.get('location')).toBe(`/v1/datasets/${datasetId}/versions/2`);
      // The site farm (127.0.0.1, *.farm.localhost) is allowed on this platform.
      expect(second.body).toMatchObject({ version: { version: 2, stats: { validRows: 5, allowlistedRows: 4 } } });
      const archived = await stack.as(orgA.keys.editor).post(`/v1/datasets/${datasetId}/archive`, { reason: 'done' });
      expect(archived.expect(200)).toMatchObject({ status: 'archived' });
      const again = await upload(`/v1/datasets/${datasetId}/versions`, orgA.keys.editor, fixture('bom.csv'), 'late.csv');
      expect(again.status).toBe(409);
    });
  });

  describe('refused uploads', () => {
    it('413 when the file is over the size limit, 422 for a binary file, 415 without multipart, 422 without a file', async () => {
      const big = await upload(`/v1/campaigns/${campaignId}/datasets`, orgA.keys.editor, Buffer.alloc(MAX_BYTES + 1024, 0x61), 'big.csv');
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ code: 'payload_too_large' });
      expect(String(big.body.detail)).toMatch(/FIELDWORK_DATASET_MAX_BYTES/);

      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
      const binary = await upload(`/v1/campaigns/${campaignId}/datasets`, orgA.keys.editor, png, 'sites.csv');
      expect(binary.status).toBe(422);
      expect(binary.body).toMatchObject({ code: 'unprocessable', detail: 'The file is a PNG image, not CSV, TSV, XLSX or JSON.' });

      const json = await stack.as(orgA.keys.editor).post(`/v1/campaigns/${campaignId}/datasets`, { file: 'x' });
      expect(json.status).toBe(415);

      const form = new FormData();
      form.append('name', 'no file');
      const missing = await fetch(`${stack.url}/v1/campaigns/${campaignId}/datasets`, { method: 'POST', headers: { authorization: `Bearer ${orgA.keys.editor}` }, body: form });
      expect(missing.status).toBe(422);
      expect(((await missing.json()) as Problem).errors?.[0]).toMatchObject({ path: 'file' });

      const unknown = await upload(`/v1/campaigns/${campaignId}/datasets`, orgA.keys.editor, fixture('bom.csv'), 'x.csv', { colour: 'red' });
      expect(unknown.status).toBe(422);

      const list = await stack.as(orgA.keys.viewer).get<{ items: unknown[] }>(`/v1/campaigns/${campaignId}/datasets?includeArchived=true`).then((r) => r.expect(200));
      expect(list.items).toHaveLength(1);
    });

    it('a viewer cannot upload', async () => {
      const viewer = await upload(`/v1/campaigns/${campaignId}/datasets`, orgA.keys.viewer, fixture('bom.csv'), 'x.csv');
      expect(viewer.status).toBe(403);
    });
  });

  describe('tenant isolation', () => {
    it("every dataset endpoint answers 404 to another organization's key", async () => {
      const own = await upload(`/v1/campaigns/${campaignId}/datasets`, orgA.keys.editor, fixture('bom.csv'), 'mine.csv');
      const datasetId = (own.body.dataset as { id: string }).id;
      const b = stack.as(orgB.keys.owner);
      const gets = [
        `/v1/campaigns/${campaignId}/datasets`,
        `/v1/datasets/${datasetId}`,
        `/v1/datasets/${datasetId}/versions/1`,
        `/v1/datasets/${datasetId}/versions/1/rows`,
        `/v1/datasets/${datasetId}/versions/1/preview`,
        `/v1/datasets/${datasetId}/versions/1/validation`,
        `/v1/datasets/${datasetId}/versions/1/download`,
      ];
      for (const path of gets) {
        const response = await b.get<Problem>(path);
        expect([path, response.status, response.body.code]).toEqual([path, 404, 'not_found']);
      }
      expect((await b.patch(`/v1/datasets/${datasetId}/versions/1/schema`, { urlColumn: null })).status).toBe(404);
      expect((await b.post(`/v1/datasets/${datasetId}/archive`, {})).status).toBe(404);
      expect((await upload(`/v1/campaigns/${campaignId}/datasets`, orgB.keys.owner, fixture('bom.csv'), 'x.csv')).status).toBe(404);
      expect((await upload(`/v1/datasets/${datasetId}/versions`, orgB.keys.owner, fixture('bom.csv'), 'x.csv')).status).toBe(404);
      // Unchanged for its owner.
      await expect(stack.as(orgA.keys.viewer).get(`/v1/datasets/${datasetId}`).then((r) => r.expect(200))).resolves.toMatchObject({ latestVersion: 1 });
    });
  });
});
