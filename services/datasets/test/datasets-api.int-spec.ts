// The datasets service's NATS API end to end on real Postgres and NATS: ground-truth
// suggestions and the schema PATCH (stats follow), URL column changes (rows re-validated),
// validation paging, rows and preview, immutable versions, download of the original bytes,
// sampling for runs, archiving, events, atomic failure, and tenant isolation.
import { createHash } from 'node:crypto';
import { eventually } from '@fieldwork/testing';
import { parseAllowedTargets } from '@fieldwork/url-safety';
import type { DatasetView, IngestResultView, IssueView, OffsetPage, RowView, VersionView } from '../src/projections/datasets-read-model/views';
import { datasetsReadModel } from '../src/projections/datasets-read-model/datasets-read-model.projection';
import { SHERIFF_COLUMNS, startDatasetsHarness, storedCounts, type DatasetsHarness } from './datasets-harness';
import { fixture } from './fixtures/hostile-files';
import type { RecordedEvent } from '@fieldwork/eventstore';
import { toRecordedEvent, type EventRow } from '@fieldwork/eventstore';

const ORG_A = 'org-a';
const ORG_B = 'org-b';

/** 3,000 rows over 60 domains (50 rows each), ground truth in every 4th row; ~330 KB. */
function sitesCsv(): Buffer {
  const lines = ['Website,Business,Sheriff Name,Notes'];
  for (let row = 1; row <= 3_000; row += 1) {
    const domain = `www.shop${row % 60}.com`;
    lines.push(`https://${domain}/location/${row},Business ${row},${row % 4 === 0 ? `Sheriff ${row}` : ''},${'note '.repeat(12).trim()} ${row}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

interface SampleReply {
  rowIds: number[];
  total: number;
  candidates: number;
  nextOffset: number | null;
  schemaRevision: number;
}

describe('datasets API over NATS', () => {
  let h: DatasetsHarness;
  let campaignId: string;
  let gt: IngestResultView;

  beforeAll(async () => {
    // The local site farm's hosts (*.farm.localhost → 127.0.0.1) are allowed, as in tests and demos.
    h = await startDatasetsHarness({ allowedTargets: parseAllowedTargets('127.0.0.1') });
    campaignId = h.addCampaign(ORG_A, SHERIFF_COLUMNS).id;
    h.addCampaign(ORG_B);
    gt = await h.ingest(ORG_A, fixture('ground-truth-and-duplicates.csv'), { campaignId, fileName: 'sheriffs.csv', name: 'Sheriffs' });
  });

  afterAll(async () => {
    await h?.close();
  });

  const version = (datasetId: string, n = 1) => h.request<VersionView>('datasets.version.get', ORG_A, { datasetId, version: n });
  const patch = (datasetId: string, body: Record<string, unknown>, n = 1) =>
    h.request<VersionView>('datasets.schema.update', ORG_A, { datasetId, version: n, ...body });

  describe('ground truth', () => {
    it('the upload answer shows the detected schema, the suggestions and what ground truth is for', () => {
      expect(gt.dataset).toMatchObject({ name: 'Sheriffs', campaignId, status: 'active', latestVersion: 1 });
      expect(gt.version.schema.urlColumn).toBe('Website');
      expect(gt.version.schema.columns.map((c) => [c.name, c.type, c.role])).toEqual([
        ['Website', 'url', 'url'],
        ['Company', 'text', 'data'],
        ['Sheriff Name', 'text', 'data'],
        ['sheriff_phone', 'phone', 'data'],
        ['Expected Email', 'email', 'data'],
      ]);
      expect(gt.version.groundTruth).toMatchObject({
        configured: false,
        explanation: expect.stringContaining('mark the columns that hold known-correct answers and every run will report its accuracy'.replace('mark', 'Mark')),
        suggestions: [
          { column: 'Sheriff Name', outputColumn: 'sheriff_name', score: 1 },
          { column: 'sheriff_phone', outputColumn: 'sheriff_phone', score: 1 },
          { column: 'Expected Email', outputColumn: 'email', score: 1 },
        ],
      });
      expect(gt.version.groundTruth.nextStep).toContain(`PATCH /v1/datasets/${gt.dataset.id}/versions/1/schema {"acceptSuggestedGroundTruth": true}`);
      expect(gt.version.stats).toMatchObject({
        totalRows: 7,
        validRows: 4,
        invalidRows: 1,
        invalidByReason: { empty_row: 1 },
        duplicateRows: 2,
        duplicateUrls: 1,
        exactDuplicateRows: 1,
        distinctDomains: 3,
        groundTruth: [],
        rowsWithGroundTruth: 0,
      });
    });

    it('accepting the suggestions maps the columns and the stats show coverage per column', async () => {
      const updated = await patch(gt.dataset.id, { acceptSuggestedGroundTruth: true });
      expect(updated.schema.revision).toBe(2);
      expect(updated.schema.columns.filter((c) => c.role === 'ground_truth').map((c) => [c.name, c.groundTruthFor])).toEqual([
        ['Sheriff Name', 'sheriff_name'],
        ['sheriff_phone', 'sheriff_phone'],
        ['Expected Email', 'email'],
      ]);
      // Valid rows: 1, 2, 4, 7.
      expect(updated.stats.groundTruth).toEqual([
        { column: 'Sheriff Name', outputColumn: 'sheriff_name', filledRows: 3, percent: 75 },
        { column: 'sheriff_phone', outputColumn: 'sheriff_phone', filledRows: 3, percent: 75 },
        { column: 'Expected Email', outputColumn: 'email', filledRows: 2, percent: 50 },
      ]);
      expect(updated.stats.rowsWithGroundTruth).toBe(4);
      expect(updated.groundTruth.configured).toBe(true);
      expect(updated.groundTruth.nextStep).toMatch(/^Runs on this version will report accuracy for sheriff_name from "Sheriff Name" \(75% of valid rows/);
      expect(await version(gt.dataset.id)).toEqual(updated);
    });

    it('a mapping can be replaced; the same change twice records nothing new', async () => {
      const replaced = await patch(gt.dataset.id, { groundTruth: [{ column: 'Sheriff Name', outputColumn: 'sheriff_name' }] });
      expect(replaced.schema.revision).toBe(3);
      expect(replaced.stats.groundTruth).toEqual([{ column: 'Sheriff Name', outputColumn: 'sheriff_name', filledRows: 3, percent: 75 }]);
      const events = await h.query(`select count(*)::int as n from events where aggregate_id = $1`, [gt.dataset.id]);
      const again = await patch(gt.dataset.id, { groundTruth: [{ column: 'Sheriff Name', outputColumn: 'sheriff_name' }] });
      expect(again.schema.revision).toBe(3);
      expect(await h.query(`select count(*)::int as n from events where aggregate_id = $1`, [gt.dataset.id])).toEqual(events);
    });

    it('refuses mappings to unknown columns, to the URL column, and twice to one output column', async () => {
      await expect(patch(gt.dataset.id, { groundTruth: [{ column: 'Company', outputColumn: 'revenue' }] })).rejects.toMatchObject({
        code: 'validation_failed',
        errors: [{ path: 'groundTruth/Company', message: 'the campaign has no output column "revenue" (it has: sheriff_name, sheriff_phone, email)' }],
      });
      await expect(patch(gt.dataset.id, { groundTruth: [{ column: 'Nope', outputColumn: 'email' }] })).rejects.toMatchObject({
        errors: [{ path: 'groundTruth/0/column', message: 'there is no column "Nope"' }],
      });
      await expect(patch(gt.dataset.id, { groundTruth: [{ column: 'Website', outputColumn: 'email' }] })).rejects.toMatchObject({
        errors: [{ path: 'groundTruth/Website', message: 'the URL column cannot also hold ground truth' }],
      });
      await expect(
        patch(gt.dataset.id, {
          groundTruth: [
            { column: 'Company', outputColumn: 'email' },
            { column: 'Expected Email', outputColumn: 'email' },
          ],
        }),
      ).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/already answered by column "Company"/) });
      await expect(patch(gt.dataset.id, { types: { Company: 'colour' } })).rejects.toMatchObject({ errors: [{ path: 'types/Company' }] });
      expect((await version(gt.dataset.id)).schema.revision).toBe(3);
    });

    it('sets column types', async () => {
      const typed = await patch(gt.dataset.id, { types: { Company: 'enum' } });
      expect(typed.schema.columns.find((c) => c.name === 'Company')).toMatchObject({ type: 'enum', detectedType: 'text' });
    });
  });

  describe('URL column', () => {
    it('changing it re-validates every row, and changing it back restores the report', async () => {
      const before = await version(gt.dataset.id);
      const moved = await patch(gt.dataset.id, { urlColumn: 'Company' });
      expect(moved.stats).toMatchObject({ totalRows: 7, validRows: 0, invalidByReason: { empty_row: 1, invalid_url: 6 } });
      const issues = await h.request<OffsetPage<IssueView>>('datasets.validation', ORG_A, { datasetId: gt.dataset.id, version: 1, code: 'invalid_url' });
      expect(issues.items[0]).toMatchObject({ row: 1, column: 'Company', message: '"Alpha" is not a web address' });

      const none = await patch(gt.dataset.id, { urlColumn: null });
      expect(none.stats).toMatchObject({ validRows: 0, invalidByReason: { empty_row: 1, missing_url: 6 } });
      expect(none.validation.fileIssues.map((i) => i.code)).toContain('no_url_column');

      const back = await patch(gt.dataset.id, { urlColumn: 'Website' });
      expect(back.stats).toEqual(before.stats);
      expect(back.validation.fileIssues).toEqual(before.validation.fileIssues);
      expect(back.schema.revision).toBe(before.schema.revision + 3);
    });

    it('with FIELDWORK_ALLOWED_TARGETS=127.0.0.1 the site farm and loopback rows are valid, [::1] is not', async () => {
      const result = await h.ingest(ORG_A, fixture('localhost.csv'), { campaignId, fileName: 'farm.csv' });
      expect(result.version.stats).toMatchObject({ totalRows: 5, validRows: 5, allowlistedRows: 4 });
      const issues = await h.request<OffsetPage<IssueView>>('datasets.validation', ORG_A, { datasetId: result.dataset.id, version: 1 });
      expect(issues.items.map((i) => [i.row, i.code, i.severity])).toEqual([
        [1, 'allowlisted_address', 'info'],
        [2, 'allowlisted_address', 'info'],
        [3, 'allowlisted_address', 'info'],
        [4, 'allowlisted_address', 'info'],
      ]);
      const v6 = await h.ingest(ORG_A, fixture('ipv6-loopback.csv'), { campaignId, fileName: 'v6.csv' });
      expect(v6.version.stats).toMatchObject({ validRows: 2, invalidByReason: { blocked_address: 3 } });
    });
  });

  describe('rows, validation, versions and the original file', () => {
    let sites: IngestResultView;
    const original = sitesCsv();

    beforeAll(async () => {
      sites = await h.ingest(ORG_A, original, { campaignId, fileName: 'sites.csv', contentType: 'text/csv', note: 'first list' });
    });

    it('pages rows in a stable order; the preview is the first 100', async () => {
      const page = await h.request<OffsetPage<RowView>>('datasets.rows.list', ORG_A, { datasetId: sites.dataset.id, version: 1, offset: 250, limit: 50 });
      expect(page).toMatchObject({ offset: 250, limit: 50, total: 3_000, nextOffset: 300 });
      expect(page.items.map((row) => row.rowId)).toEqual(Array.from({ length: 50 }, (_, i) => 251 + i));
      expect(page.items[0]).toMatchObject({ url: 'https://www.shop11.com/location/251', domain: 'shop11.com', status: 'valid', reason: null });
      const preview = await h.request<OffsetPage<RowView>>('datasets.preview', ORG_A, { datasetId: sites.dataset.id, version: 1 });
      expect(preview.items.map((row) => row.rowId)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      const last = await h.request<OffsetPage<RowView>>('datasets.rows.list', ORG_A, { datasetId: sites.dataset.id, version: 1, offset: 2_990, limit: 50 });
      expect(last).toMatchObject({ total: 3_000, nextOffset: null });
      expect(last.items).toHaveLength(10);
    });

    it('pages the validation report and filters it by code', async () => {
      const all: IssueView[] = [];
      for (let offset: number | null = 0; offset !== null; ) {
        const page: OffsetPage<IssueView> = await h.request('datasets.validation', ORG_A, { datasetId: gt.dataset.id, version: 1, offset, limit: 2 });
        all.push(...page.items);
        offset = page.nextOffset;
      }
      expect(all.map((i) => [i.row, i.code])).toEqual([
        [null, 'blank_lines_skipped'],
        [3, 'duplicate_url'],
        [5, 'duplicate_row'],
        [6, 'empty_row'],
      ]);
      const duplicates = await h.request<OffsetPage<IssueView>>('datasets.validation', ORG_A, { datasetId: gt.dataset.id, version: 1, code: 'duplicate_row' });
      expect(duplicates).toMatchObject({ total: 1, items: [{ row: 5, message: 'the row repeats row 4 cell for cell; runs visit it once' }] });
    });

    it('returns the original file unchanged, chunk by chunk', async () => {
      const chunks: Buffer[] = [];
      let meta: { chunks: number; sha256: string; byteSize: number; fileName: string; contentType: string } | undefined;
      for (let chunk = 0; meta === undefined || chunk < meta.chunks; chunk += 1) {
        const reply = await h.request<{ data: string; chunks: number; sha256: string; byteSize: number; fileName: string; contentType: string }>(
          'datasets.file.chunk',
          ORG_A,
          { datasetId: sites.dataset.id, version: 1, chunk },
        );
        meta = reply;
        chunks.push(Buffer.from(reply.data, 'base64'));
      }
      expect(meta).toMatchObject({ chunks: 2, fileName: 'sites.csv', contentType: 'text/csv', byteSize: original.length });
      expect(Buffer.concat(chunks).equals(original)).toBe(true);
      expect(meta?.sha256).toBe(createHash('sha256').update(original).digest('hex'));
    });

    it('a new upload is version 2; version 1 stays as it was', async () => {
      const v1 = await version(sites.dataset.id, 1);
      const second = await h.ingest(ORG_A, fixture('crlf.csv'), { datasetId: sites.dataset.id, fileName: 'sites-v2.csv', note: 'refresh' });
      expect(second.version).toMatchObject({ version: 2, note: 'refresh', stats: { totalRows: 2 } });
      expect(second.dataset.versions.map((v) => [v.version, v.fileName, v.totalRows])).toEqual([
        [1, 'sites.csv', 3_000],
        [2, 'sites-v2.csv', 2],
      ]);
      expect(await version(sites.dataset.id, 1)).toEqual(v1);
      const listed = await h.request<{ items: DatasetView[] }>('datasets.list', ORG_A, { campaignId });
      expect(listed.items.find((d) => d.id === sites.dataset.id)?.latestVersion).toBe(2);
    });

    it('concurrent uploads to one dataset get consecutive version numbers', async () => {
      const results = await Promise.all([
        h.ingest(ORG_A, fixture('bom.csv'), { datasetId: sites.dataset.id, fileName: 'a.csv' }),
        h.ingest(ORG_A, fixture('tabs.tsv'), { datasetId: sites.dataset.id, fileName: 'b.tsv' }),
      ]);
      expect(results.map((r) => r.version.version).sort()).toEqual([3, 4]);
    });

    describe('sampling for runs', () => {
      const sample = (body: Record<string, unknown>) => h.request<SampleReply>('datasets.sample', ORG_A, { datasetId: sites.dataset.id, version: 1, ...body });

      it('first_n, all and row_ids', async () => {
        expect((await sample({ strategy: 'first_n', size: 5 })).rowIds).toEqual([1, 2, 3, 4, 5]);
        const all = await sample({ strategy: 'all', limit: 1_000 });
        expect(all).toMatchObject({ total: 3_000, candidates: 3_000, nextOffset: 1_000 });
        expect((await sample({ strategy: 'row_ids', rowIds: [42, 7, 42] })).rowIds).toEqual([42, 7]);
        await expect(sample({ strategy: 'row_ids', rowIds: [3_001] })).rejects.toMatchObject({ code: 'validation_failed' });
        await expect(sample({ strategy: 'random' })).rejects.toMatchObject({ errors: [{ path: 'size' }] });
      });

      it('random: same seed, same rows', async () => {
        const a = await sample({ strategy: 'random', size: 25, seed: 'week-12' });
        expect((await sample({ strategy: 'random', size: 25, seed: 'week-12' })).rowIds).toEqual(a.rowIds);
        expect((await sample({ strategy: 'random', size: 25, seed: 'week-13' })).rowIds).not.toEqual(a.rowIds);
      });

      it('stratified: at most k per domain, spread over domains', async () => {
        const { rowIds } = await sample({ strategy: 'stratified', size: 90, perDomain: 2, seed: 1 });
        const perDomain = new Map<number, number>();
        for (const id of rowIds) perDomain.set(id % 60, (perDomain.get(id % 60) ?? 0) + 1);
        expect(rowIds).toHaveLength(90);
        expect(perDomain.size).toBe(60);
        expect(Math.max(...perDomain.values()) - Math.min(...perDomain.values())).toBeLessThanOrEqual(1);
      });

      it('ground_truth_first (after mapping the column)', async () => {
        await patch(sites.dataset.id, { groundTruth: [{ column: 'Sheriff Name', outputColumn: 'sheriff_name' }] });
        const reply = await sample({ strategy: 'ground_truth_first', size: 752 });
        expect(reply.schemaRevision).toBe(2);
        expect(reply.rowIds.slice(0, 750)).toEqual(Array.from({ length: 750 }, (_, i) => (i + 1) * 4));
        expect(reply.rowIds.slice(750)).toEqual([1, 2]);
      });

      it('never samples excluded rows, and pages rows for a run with their ground truth', async () => {
        const excluded = await h.request<SampleReply>('datasets.sample', ORG_A, { datasetId: gt.dataset.id, version: 1, strategy: 'all' });
        expect(excluded.rowIds).toEqual([1, 2, 4, 7]);
        const page = await h.request<{ items: (RowView & { groundTruth: Record<string, string> })[]; nextAfterRow: number | null; skippedRowIds: number[] }>(
          'datasets.rows.page',
          ORG_A,
          { datasetId: gt.dataset.id, version: 1, rowIds: [4, 3, 1] },
        );
        expect(page.items.map((row) => [row.rowId, row.url, row.groundTruth])).toEqual([
          [4, 'https://beta.example.org/', { sheriff_name: 'John Roe' }],
          [1, 'https://example.com/', { sheriff_name: 'Jane Doe' }],
        ]);
        expect(page.skippedRowIds).toEqual([3]);
        const first = await h.request<{ items: RowView[]; nextAfterRow: number | null }>('datasets.rows.page', ORG_A, { datasetId: sites.dataset.id, version: 1, limit: 2 });
        expect(first.items.map((r) => r.rowId)).toEqual([1, 2]);
        expect(first.nextAfterRow).toBe(2);
      });

      it('a run pinned to its schema revision is refused (409) once the schema changed', async () => {
        const pinned = (await version(sites.dataset.id)).schema.revision;
        const page = (body: Record<string, unknown>) =>
          h.request<{ schemaRevision: number; items: RowView[] }>('datasets.rows.page', ORG_A, { datasetId: sites.dataset.id, version: 1, limit: 2, ...body });
        expect(await sample({ strategy: 'first_n', size: 3, schemaRevision: pinned })).toMatchObject({ schemaRevision: pinned, rowIds: [1, 2, 3] });
        expect((await page({ schemaRevision: pinned })).items.map((row) => row.rowId)).toEqual([1, 2]);

        await patch(sites.dataset.id, { groundTruth: [] });
        const conflict = {
          code: 'conflict',
          message: `the schema of version 1 changed: it is at revision ${pinned + 1}, the call pinned revision ${pinned}; start again with revision ${pinned + 1}`,
          details: { reason: 'schema_revision_changed', schemaRevision: pinned, currentRevision: pinned + 1 },
        };
        await expect(sample({ strategy: 'first_n', size: 3, schemaRevision: pinned })).rejects.toMatchObject(conflict);
        await expect(page({ schemaRevision: pinned })).rejects.toMatchObject(conflict);
        await expect(page({ rowIds: [1], schemaRevision: pinned })).rejects.toMatchObject({ code: 'conflict' });
        // Unpinned calls, and calls pinned to the current revision, go on as before.
        expect((await sample({ strategy: 'first_n', size: 3 })).schemaRevision).toBe(pinned + 1);
        expect((await page({ schemaRevision: pinned + 1 })).schemaRevision).toBe(pinned + 1);
        await expect(sample({ strategy: 'all', schemaRevision: 0 })).rejects.toMatchObject({ code: 'validation_failed', errors: [{ path: 'schemaRevision' }] });
      });
    });
  });

  describe('failures leave nothing behind', () => {
    it('an archived campaign takes no new dataset (409)', async () => {
      const archived = h.addCampaign(ORG_A);
      archived.status = 'archived';
      await expect(h.ingest(ORG_A, fixture('bom.csv'), { campaignId: archived.id, fileName: 'x.csv' })).rejects.toMatchObject({
        code: 'conflict',
        message: 'the campaign is archived; it takes no new datasets',
      });
    });

    it('a limit hit after several stored batches rolls everything back', async () => {
      const lines = ['url,notes'];
      for (let row = 1; row <= 4_000; row += 1) lines.push(`https://s${row}.example.com,ok`);
      lines.push(`https://late.example.com,${'x'.repeat(40_000)}`);
      const before = await storedCounts(h);
      await expect(h.ingest(ORG_A, Buffer.from(lines.join('\n')), { campaignId, fileName: 'late-limit.csv' })).rejects.toMatchObject({
        code: 'payload_too_large',
        details: { row: 4_001, column: 'notes' },
      });
      expect(await storedCounts(h)).toEqual(before);
    });
  });

  describe('events', () => {
    it('records DatasetCreated and DatasetVersionCreated (schema, stats, checksum — never rows) and publishes them', async () => {
      const rows = (await h.query(`select * from events where aggregate_id = $1 order by aggregate_version`, [gt.dataset.id])) as EventRow[];
      const events = rows.map(toRecordedEvent);
      expect(events.map((e) => e.type)).toEqual([
        'fieldwork.datasets.v1.DatasetCreated',
        'fieldwork.datasets.v1.DatasetVersionCreated',
        ...events.slice(2).map(() => 'fieldwork.datasets.v1.DatasetSchemaUpdated'),
      ]);
      const created = rows[1].payload as Record<string, unknown>;
      expect(created).toMatchObject({ version: 1, file: { fileName: 'sheriffs.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      expect(JSON.stringify(created)).not.toContain('Jane Doe');
      await eventually(
        async () => {
          const info = await h.nats.jsm.streams.info(`${h.prefix.toUpperCase()}_EVT_DATASETS`);
          const total = (await h.query(`select count(*)::int as n from events`))[0].n as number;
          expect(info.state.messages).toBe(total);
        },
        { what: 'the outbox relay to publish every dataset event' },
      );
    });

    it('the read model rebuilt from the event store equals the live one; applying an event twice changes nothing', async () => {
      const snapshot = async () => ({
        datasets: await h.query(`select * from datasets order by id`),
        versions: await h.query(`select * from dataset_versions order by dataset_id, version`),
      });
      const live = await snapshot();
      await expect(h.request('datasets.admin.rebuild', ORG_A, { projection: 'datasets-read-model' })).resolves.toMatchObject({ mode: 'event-store' });
      expect(await snapshot()).toEqual(live);
      const rows = (await h.query(`select * from events order by position`)) as EventRow[];
      await h.service.runtime.dataSource.transaction(async (manager) => {
        for (const event of rows.map(toRecordedEvent) as RecordedEvent[]) await datasetsReadModel.apply(manager, event);
      });
      expect(await snapshot()).toEqual(live);
    });
  });

  describe('archiving', () => {
    it('hides the dataset from the list, refuses new versions, keeps versions readable', async () => {
      const target = await h.ingest(ORG_A, fixture('bom.csv'), { campaignId, fileName: 'old.csv' });
      const archived = await h.request<DatasetView>('datasets.archive', ORG_A, { datasetId: target.dataset.id, reason: 'replaced' });
      expect(archived).toMatchObject({ status: 'archived', archivedAt: expect.any(String) });
      const listed = await h.request<{ items: DatasetView[] }>('datasets.list', ORG_A, { campaignId, limit: 100 });
      expect(listed.items.map((d) => d.id)).not.toContain(target.dataset.id);
      const all = await h.request<{ items: DatasetView[] }>('datasets.list', ORG_A, { campaignId, limit: 100, includeArchived: true });
      expect(all.items.map((d) => d.id)).toContain(target.dataset.id);
      await expect(h.ingest(ORG_A, fixture('bom.csv'), { datasetId: target.dataset.id, fileName: 'again.csv' })).rejects.toMatchObject({ code: 'conflict' });
      await expect(h.request('datasets.archive', ORG_A, { datasetId: target.dataset.id })).resolves.toMatchObject({ status: 'archived' });
      await expect(version(target.dataset.id)).resolves.toMatchObject({ version: 1 });
    });

    it('pages the campaign list by cursor, newest first', async () => {
      const first = await h.request<{ items: DatasetView[]; nextCursor: string | null }>('datasets.list', ORG_A, { campaignId, limit: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const second = await h.request<{ items: DatasetView[] }>('datasets.list', ORG_A, { campaignId, limit: 2, cursor: first.nextCursor });
      expect(second.items.map((d) => d.id)).not.toContain(first.items[0].id);
      expect(first.items[0].createdAt >= first.items[1].createdAt).toBe(true);
      await expect(h.request('datasets.list', ORG_A, { campaignId, cursor: 'garbage' })).rejects.toMatchObject({ code: 'bad_request' });
    });
  });

  describe('tenant isolation', () => {
    it('another organization sees nothing of this one: every query and command is "not found"', async () => {
      const datasetId = gt.dataset.id;
      const calls: [string, Record<string, unknown>][] = [
        ['datasets.get', { datasetId }],
        ['datasets.version.get', { datasetId, version: 1 }],
        ['datasets.rows.list', { datasetId, version: 1 }],
        ['datasets.preview', { datasetId, version: 1 }],
        ['datasets.validation', { datasetId, version: 1 }],
        ['datasets.file.chunk', { datasetId, version: 1, chunk: 0 }],
        ['datasets.sample', { datasetId, version: 1, strategy: 'all' }],
        ['datasets.rows.page', { datasetId, version: 1 }],
        ['datasets.schema.update', { datasetId, version: 1, urlColumn: 'Company' }],
        ['datasets.archive', { datasetId }],
      ];
      for (const [pattern, payload] of calls) {
        await expect(h.request(pattern, ORG_B, payload)).rejects.toMatchObject({ code: 'not_found', httpStatus: 404 });
      }
      await expect(h.request('datasets.list', ORG_B, { campaignId })).rejects.toMatchObject({ code: 'not_found' });
      const own = h.campaigns.get(ORG_B)![0].id;
      await expect(h.request('datasets.list', ORG_B, { campaignId: own })).resolves.toEqual({ items: [], nextCursor: null });
      await expect(h.ingest(ORG_B, fixture('bom.csv'), { campaignId, fileName: 'x.csv' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/^Campaign/) });
      await expect(h.ingest(ORG_B, fixture('bom.csv'), { datasetId, fileName: 'x.csv' })).rejects.toMatchObject({ code: 'not_found' });
      expect((await version(datasetId)).stats.totalRows).toBe(7);
    });

    it("an upload stored for one organization cannot be ingested by another", async () => {
      await h.uploads.put(ORG_A, 'upload-of-org-a-0001', fixture('bom.csv'));
      await expect(
        h.request('datasets.ingest', ORG_B, { uploadId: 'upload-of-org-a-0001', campaignId: h.campaigns.get(ORG_B)![0].id, fileName: 'x.csv' }),
      ).rejects.toMatchObject({ code: 'not_found', details: { entity: 'Upload' } });
    });
  });
});
