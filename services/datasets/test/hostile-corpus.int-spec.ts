// The hostile-file corpus through the real path (object store upload → datasets.ingest over
// NATS → Postgres), each file with its exact outcome. A refused file leaves nothing behind:
// no rows, issues, file chunks, versions or events, and its upload is removed.
import type { FieldworkError } from '@fieldwork/contracts';
import { loadDatasetsConfig } from '../src/config/datasets-config';
import type { IngestResultView, IssueView, OffsetPage, RowView } from '../src/projections/datasets-read-model/views';
import { startDatasetsHarness, storedCounts, type DatasetsHarness } from './datasets-harness';
import {
  binaryCsv,
  fixture,
  hugeCellCsv,
  lateWindows1252Csv,
  manyColumnsCsv,
  plainZip,
  rowsCsv,
  sitesXlsx,
  utf16BeCsv,
  utf16LeNoBomCsv,
  utf16Tsv,
  windows1252Csv,
  zipBombXlsx,
} from './fixtures/hostile-files';

const ORG = 'org-corpus';

describe('hostile file corpus', () => {
  let h: DatasetsHarness;
  let campaignId: string;

  beforeAll(async () => {
    h = await startDatasetsHarness();
    campaignId = h.addCampaign(ORG).id;
  });

  afterAll(async () => {
    await h?.close();
  });

  const ingest = (bytes: Buffer, fileName: string, extra: Record<string, unknown> = {}, harness = h, campaign = campaignId) =>
    harness.ingest(ORG, bytes, { campaignId: campaign, fileName, ...extra });

  async function rowsOf(result: IngestResultView): Promise<RowView[]> {
    const page = await h.request<OffsetPage<RowView>>('datasets.rows.list', ORG, { datasetId: result.dataset.id, version: 1, limit: 1000 });
    return page.items;
  }

  async function issuesOf(result: IngestResultView): Promise<IssueView[]> {
    const page = await h.request<OffsetPage<IssueView>>('datasets.validation', ORG, { datasetId: result.dataset.id, version: 1, limit: 1000 });
    return page.items;
  }

  const brief = (issues: IssueView[]) => issues.map((issue) => [issue.row, issue.column, issue.code]);

  /** Ingests a file that must be refused, and checks that nothing of it was kept. */
  async function refused(bytes: Buffer, fileName: string, harness = h, campaign = campaignId): Promise<FieldworkError> {
    const before = await storedCounts(harness);
    const objectsBefore = await uploadObjects(harness);
    const error = (await ingest(bytes, fileName, {}, harness, campaign).then(
      () => {
        throw new Error(`${fileName} was accepted`);
      },
      (failure: unknown) => failure,
    )) as FieldworkError;
    expect(await storedCounts(harness)).toEqual(before);
    expect(await uploadObjects(harness)).toBe(objectsBefore);
    return error;
  }

  async function uploadObjects(harness = h): Promise<number> {
    const store = await harness.nats.js.views.os(`${harness.prefix}_uploads`);
    return (await store.list()).length;
  }

  describe('encodings and line endings', () => {
    it('UTF-8 with a BOM: the BOM is not part of the first header', async () => {
      const result = await ingest(fixture('bom.csv'), 'bom.csv');
      expect(result.version.file).toMatchObject({ format: 'csv', encoding: 'utf-8', hadBom: true, delimiter: ',' });
      expect(result.version.schema.columns.map((c) => c.name)).toEqual(['url', 'name']);
      expect(result.version.schema.urlColumn).toBe('url');
      expect(result.version.stats).toMatchObject({ totalRows: 2, validRows: 2 });
      expect((await rowsOf(result))[0].cells).toEqual({ url: 'https://example.com', name: 'Example' });
    });

    it('CRLF line endings leave no carriage return in any cell', async () => {
      const result = await ingest(fixture('crlf.csv'), 'crlf.csv');
      const rows = await rowsOf(result);
      expect(rows.map((row) => row.cells.notes)).toEqual(['first', 'second']);
      expect(result.version.stats).toMatchObject({ totalRows: 2, validRows: 2 });
    });

    it('UTF-16LE with a BOM (Excel "Unicode text"): decoded, tab-separated', async () => {
      const result = await ingest(utf16Tsv(), 'unicode.txt');
      expect(result.version.file).toMatchObject({ format: 'tsv', encoding: 'utf-16le', hadBom: true, delimiter: '\t' });
      expect((await rowsOf(result)).map((row) => row.cells.name)).toEqual(['Café Zürich', '東京ラーメン']);
    });

    it('UTF-16BE with a BOM: decoded, comma-separated, to the last row past the sniffed head', async () => {
      const result = await ingest(utf16BeCsv(), 'mac-export.csv');
      expect(result.version.file).toMatchObject({ format: 'csv', encoding: 'utf-16be', hadBom: true, delimiter: ',' });
      expect(result.version.schema.columns.map((c) => c.name)).toEqual(['url', 'name', 'city']);
      expect(result.version.stats).toMatchObject({ totalRows: 1_003, validRows: 1_003, invalidRows: 0 });
      const rows = await rowsOf(result);
      expect(rows.slice(0, 2).map((row) => [row.cells.name, row.cells.city])).toEqual([
        ['Café Zürich', 'Zürich'],
        ['東京ラーメン', '東京'],
      ]);
      const last = await h.request<OffsetPage<RowView>>('datasets.rows.list', ORG, { datasetId: result.dataset.id, version: 1, offset: 1_002 });
      expect(last.items.map((row) => row.cells)).toEqual([{ url: 'https://last.example.org', name: 'Über Straße', city: 'München' }]);
    });

    it('UTF-16LE without a BOM: recognised by its zero bytes and decoded', async () => {
      const result = await ingest(utf16LeNoBomCsv(), 'no-bom.csv');
      expect(result.version.file).toMatchObject({ format: 'csv', encoding: 'utf-16le', hadBom: false, delimiter: ',' });
      expect(result.version.schema.columns.map((c) => c.name)).toEqual(['url', 'name', 'city']);
      expect(result.version.stats).toMatchObject({ totalRows: 1_003, validRows: 1_003 });
      const rows = await rowsOf(result);
      expect(rows.slice(0, 2).map((row) => row.cells.name)).toEqual(['Café Zürich', '東京ラーメン']);
      expect(rows.every((row) => !Object.values(row.cells).some((cell) => cell.includes('\u0000') || cell.includes('\r')))).toBe(true);
      const last = await h.request<OffsetPage<RowView>>('datasets.rows.list', ORG, { datasetId: result.dataset.id, version: 1, offset: 1_002 });
      expect(last.items[0].cells).toEqual({ url: 'https://last.example.org', name: 'Über Straße', city: 'München' });
    });

    it('Windows-1252: detected and decoded (é, ï, €, curly quotes, en dash)', async () => {
      const result = await ingest(windows1252Csv(), 'legacy.csv');
      expect(result.version.file.encoding).toBe('windows-1252');
      const rows = await rowsOf(result);
      expect(rows.map((row) => [row.cells.name, row.cells.price])).toEqual([
        ['Café “Naïve”', '€ 3'],
        ['Bar – Grill', '€ 12'],
      ]);
    });

    it('Windows-1252 that looks like UTF-8 for the first 64 KB: read again from the start', async () => {
      const result = await ingest(lateWindows1252Csv(), 'late.csv');
      expect(result.version.file.encoding).toBe('windows-1252');
      expect(result.version.stats).toMatchObject({ totalRows: 3001, validRows: 3001 });
      const last = await h.request<OffsetPage<RowView>>('datasets.rows.list', ORG, { datasetId: result.dataset.id, version: 1, offset: 3000 });
      expect(last.items[0].cells.name).toBe('Café');
    });
  });

  describe('delimiters and quoting', () => {
    it('semicolon-delimited with decimal commas', async () => {
      const result = await ingest(fixture('semicolon.csv'), 'eu.csv');
      expect(result.version.file.delimiter).toBe(';');
      expect(result.version.schema.urlColumn).toBe('Website');
      expect((await rowsOf(result)).map((row) => [row.cells.Name, row.cells.Price])).toEqual([
        ['Shop, Ltd', '12,50'],
        ['Café', '3,20'],
        ['Bar', '7'],
      ]);
    });

    it('pipe-delimited: sniffed although cells hold commas and semicolons; a quoted pipe stays in its cell', async () => {
      const result = await ingest(fixture('pipes.csv'), 'pipes.txt');
      expect(result.version.file).toMatchObject({ format: 'csv', delimiter: '|', encoding: 'utf-8' });
      expect(result.version.schema.columns.map((c) => c.name)).toEqual(['url', 'name', 'notes']);
      expect(result.version.schema.urlColumn).toBe('url');
      expect(result.version.stats).toMatchObject({ totalRows: 3, validRows: 3, raggedRows: 0 });
      expect((await rowsOf(result)).map((row) => row.cells)).toEqual([
        { url: 'https://a.example.com', name: 'Alpha, Inc.', notes: 'open; closed on Sundays' },
        { url: 'https://b.example.com', name: 'Beta', notes: 'a quoted | pipe' },
        { url: 'https://c.example.com', name: 'Gamma, Ltd', notes: '' },
      ]);
      expect(await issuesOf(result)).toEqual([]);
    });

    it('quoted fields with newlines and doubled quotes', async () => {
      const result = await ingest(fixture('quoted-newlines.csv'), 'quoted.csv');
      expect(result.version.stats.totalRows).toBe(2);
      const [first] = await rowsOf(result);
      expect(first.cells).toEqual({ url: 'https://a.example.com', name: 'Alpha "The First"', address: '1 Main St\nSuite 2\nSpringfield' });
    });

    it('tab-separated .tsv', async () => {
      const result = await ingest(fixture('tabs.tsv'), 'tabs.tsv');
      expect(result.version.file).toMatchObject({ format: 'tsv', delimiter: '\t' });
      expect(result.version.stats.validRows).toBe(2);
    });

    it('ragged rows are kept and reported: missing cells read as empty, extra cells kept', async () => {
      const result = await ingest(fixture('ragged.csv'), 'ragged.csv');
      expect(result.version.stats).toMatchObject({ totalRows: 3, validRows: 3, raggedRows: 2 });
      const rows = await rowsOf(result);
      expect(rows[0].cells).toEqual({ url: 'https://a.example.com', name: 'Alpha', phone: '' });
      expect(rows[1].extraCells).toEqual(['extra', 'more']);
      expect(brief(await issuesOf(result))).toEqual([
        [1, null, 'ragged_row'],
        [2, null, 'ragged_row'],
      ]);
    });
  });

  describe('empty and structural problems', () => {
    it('an empty file is refused (422)', async () => {
      const error = await refused(fixture('empty.csv'), 'empty.csv');
      expect(error).toMatchObject({ code: 'unprocessable', httpStatus: 422, message: 'The file is empty.', details: { reason: 'empty_file' } });
    });

    it('a header without rows is refused (422)', async () => {
      const error = await refused(fixture('header-only.csv'), 'header-only.csv');
      expect(error).toMatchObject({ code: 'unprocessable', message: 'The file has a header but no data rows.', details: { reason: 'no_rows' } });
    });

    it('no URL column: stored, every row excluded as missing_url, and told how to fix it', async () => {
      const result = await ingest(fixture('no-url-column.csv'), 'no-url.csv');
      expect(result.version.schema.urlColumn).toBeNull();
      expect(result.version.stats).toMatchObject({ totalRows: 2, validRows: 0, invalidRows: 2, invalidByReason: { missing_url: 2 } });
      expect(result.version.validation.fileIssues).toEqual([
        expect.objectContaining({ code: 'no_url_column', severity: 'error', message: expect.stringMatching(/urlColumn/) }),
      ]);
    });

    it('an empty URL cell in a file with a URL column: the row is kept, excluded as missing_url and reported', async () => {
      const result = await ingest(fixture('missing-url-cell.csv'), 'gaps.csv');
      expect(result.version.schema.urlColumn).toBe('url');
      expect(result.version.validation.fileIssues).toEqual([]);
      expect(result.version.stats).toMatchObject({ totalRows: 4, validRows: 2, invalidRows: 2, invalidByReason: { missing_url: 2 } });
      const issues = await issuesOf(result);
      expect(issues.map((issue) => [issue.row, issue.column, issue.code, issue.severity])).toEqual([
        [2, 'url', 'missing_url', 'error'],
        [4, 'url', 'missing_url', 'error'],
      ]);
      expect(issues[0].message).toBe('no URL in this row');
      const rows = await rowsOf(result);
      expect(rows.map((row) => [row.rowId, row.status, row.reason, row.url, row.cells.name])).toEqual([
        [1, 'valid', null, 'https://a.example.com/', 'Alpha'],
        [2, 'invalid', 'missing_url', null, 'Beta'],
        [3, 'valid', null, 'https://c.example.com/', 'Gamma'],
        [4, 'invalid', 'missing_url', null, 'Delta'],
      ]);
      const sample = await h.request<{ rowIds: number[] }>('datasets.sample', ORG, { datasetId: result.dataset.id, version: 1, strategy: 'all' });
      expect(sample.rowIds).toEqual([1, 3]);
    });

    it('duplicate and empty headers get unique names and are reported', async () => {
      const result = await ingest(fixture('duplicate-headers.csv'), 'headers.csv');
      expect(result.version.schema.columns.map((c) => [c.name, c.originalName ?? null])).toEqual([
        ['url', null],
        ['name', null],
        ['name_2', 'name'],
        ['column_4', null],
        ['Name_3', 'Name'],
      ]);
      expect(result.version.validation.fileIssues.map((i) => [i.column, i.code])).toEqual([
        ['name_2', 'duplicate_header'],
        ['column_4', 'empty_header'],
        ['Name_3', 'duplicate_header'],
      ]);
    });

    it('10,000 columns are refused by the column limit (413)', async () => {
      const error = await refused(manyColumnsCsv(10_000), 'wide.csv');
      expect(error).toMatchObject({
        code: 'payload_too_large',
        httpStatus: 413,
        message: 'the file has 10,000 columns; the limit is 500 (FIELDWORK_DATASET_MAX_COLUMNS)',
        details: { limit: 'maxColumns', max: 500, actual: 10_000 },
      });
    });

    it('a 1 MB cell is refused by the cell limit, naming row and column (413)', async () => {
      const error = await refused(hugeCellCsv(1024 * 1024), 'huge.csv');
      expect(error).toMatchObject({
        code: 'payload_too_large',
        message: 'row 2, column "notes": the cell has 1,048,576 characters; the limit is 32,767 (FIELDWORK_DATASET_MAX_CELL_CHARS)',
        details: { limit: 'maxCellChars', row: 2, column: 'notes', actual: 1_048_576 },
      });
    });

    it('a binary file named .csv is refused (422)', async () => {
      const error = await refused(binaryCsv(), 'sites.csv');
      expect(error).toMatchObject({ code: 'unprocessable', message: 'The file is a PNG image, not CSV, TSV, XLSX or JSON.', details: { reason: 'binary_file' } });
    });

    it('a zip bomb named .xlsx is refused before the spreadsheet reader sees it (413)', async () => {
      const error = await refused(await zipBombXlsx(100 * 1024 * 1024), 'bomb.xlsx');
      expect(error).toMatchObject({ code: 'payload_too_large', details: { limit: 'maxExpandedBytes', max: 20 * 1024 * 1024 } });
      expect(error.message).toMatch(/unpacks to more than 20,971,520 bytes.*FIELDWORK_DATASET_MAX_EXPANDED_BYTES/);
    });

    it('a ZIP that is not a workbook is refused (422)', async () => {
      const error = await refused(plainZip(), 'archive.xlsx');
      expect(error).toMatchObject({ code: 'unprocessable', details: { reason: 'not_a_workbook' } });
    });
  });

  describe('the row limit (FIELDWORK_DATASET_MAX_ROWS), through the real path', () => {
    // A service of its own whose limits come from the environment as the service reads it: 1,200
    // rows, so the refusal comes after the sample and a first batch of 1,000 rows was written.
    let limited: DatasetsHarness;
    let limitedCampaign: string;

    beforeAll(async () => {
      limited = await startDatasetsHarness({ limits: loadDatasetsConfig({ FIELDWORK_DATASET_MAX_ROWS: '1200' }).limits });
      limitedCampaign = limited.addCampaign(ORG).id;
    });

    afterAll(async () => {
      await limited?.close();
    });

    it('one row over the limit: refused (413) naming the row and the setting; nothing is half-stored', async () => {
      const error = await refused(rowsCsv(1_201), 'too-long.csv', limited, limitedCampaign);
      expect(error).toMatchObject({
        code: 'payload_too_large',
        httpStatus: 413,
        message: 'row 1,201: the file has more than 1,200 rows; the limit is 1,200 (FIELDWORK_DATASET_MAX_ROWS)',
        details: { limit: 'maxRows', max: 1_200, row: 1_201, setting: 'FIELDWORK_DATASET_MAX_ROWS' },
      });
      expect(await storedCounts(limited)).toEqual({ rows: 0, issues: 0, files: 0, versions: 0, datasets: 0, events: 0 });
    });

    it('a new version over the limit leaves the dataset as it was', async () => {
      const first = await ingest(rowsCsv(1_200), 'exactly.csv', {}, limited, limitedCampaign);
      expect(first.version.stats).toMatchObject({ totalRows: 1_200, validRows: 1_200 });
      const before = await storedCounts(limited);
      await expect(limited.ingest(ORG, rowsCsv(5_000), { datasetId: first.dataset.id, fileName: 'longer.csv' })).rejects.toMatchObject({
        code: 'payload_too_large',
        details: { limit: 'maxRows', row: 1_201 },
      });
      expect(await storedCounts(limited)).toEqual(before);
      const dataset = await limited.request<{ latestVersion: number }>('datasets.get', ORG, { datasetId: first.dataset.id });
      expect(dataset.latestVersion).toBe(1);
    });
  });

  describe('cell and URL content', () => {
    it('formula-like cells are flagged and kept verbatim; plain numbers and lone dashes are data', async () => {
      const result = await ingest(fixture('formula-cells.csv'), 'formulas.csv');
      expect(result.version.stats).toMatchObject({ totalRows: 3, validRows: 3, formulaCells: 4 });
      expect(brief(await issuesOf(result))).toEqual([
        [1, 'name', 'formula_cell'],
        [1, 'note', 'formula_cell'],
        [2, 'name', 'formula_cell'],
        [3, 'note', 'formula_cell'],
      ]);
      const rows = await rowsOf(result);
      expect(rows[0].cells.name).toBe('=HYPERLINK("http://evil.example","click")');
      expect(rows[0].cells.price).toBe('-5');
      expect(rows[2].cells.note).toBe('\t=1+1');
    });

    it('javascript:, data:, file: and ftp: URLs are excluded as unsupported_scheme', async () => {
      const result = await ingest(fixture('javascript-urls.csv'), 'schemes.csv');
      expect(result.version.stats).toMatchObject({ totalRows: 5, validRows: 1, invalidRows: 4, invalidByReason: { unsupported_scheme: 4 } });
      const issues = await issuesOf(result);
      expect(brief(issues)).toEqual([
        [1, 'url', 'unsupported_scheme'],
        [3, 'url', 'unsupported_scheme'],
        [4, 'url', 'unsupported_scheme'],
        [5, 'url', 'unsupported_scheme'],
      ]);
      expect(issues[0].message).toBe('"javascript:alert(1)" uses javascript: — only http and https addresses can be visited');
      expect((await rowsOf(result)).map((row) => row.status)).toEqual(['invalid', 'valid', 'invalid', 'invalid', 'invalid']);
    });

    it('169.254.169.254 and metadata.google.internal are blocked cloud-metadata addresses', async () => {
      const result = await ingest(fixture('cloud-metadata.csv'), 'metadata.csv');
      expect(result.version.stats).toMatchObject({ validRows: 1, invalidByReason: { blocked_address: 2 } });
      const issues = await issuesOf(result);
      expect(issues.map((i) => i.message)).toEqual([
        '169.254.169.254 is a cloud metadata endpoint; it is not visited unless FIELDWORK_ALLOWED_TARGETS allows it',
        'metadata.google.internal is a cloud metadata endpoint; it is not visited unless FIELDWORK_ALLOWED_TARGETS allows it',
      ]);
    });

    it('http://localhost, *.localhost and 127.0.0.1 are blocked loopback addresses without an allowlist', async () => {
      const result = await ingest(fixture('localhost.csv'), 'localhost.csv');
      expect(result.version.stats).toMatchObject({ totalRows: 5, validRows: 1, invalidByReason: { blocked_address: 4 } });
      expect(brief(await issuesOf(result)).map(([row]) => row)).toEqual([1, 2, 3, 4]);
    });

    it('IPv6 loopback, IPv4-mapped loopback and link-local are blocked; a public IPv6 is not', async () => {
      const result = await ingest(fixture('ipv6-loopback.csv'), 'v6.csv');
      expect(result.version.stats).toMatchObject({ totalRows: 5, validRows: 1, invalidByReason: { blocked_address: 4 } });
      const rows = await rowsOf(result);
      expect(rows.map((row) => row.status)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'valid']);
      expect((await issuesOf(result))[2].message).toMatch(/^::ffff:7f00:1 is a loopback address/);
    });

    it('IDN and punycode hosts normalise to the same address and count as duplicates', async () => {
      const result = await ingest(fixture('punycode-hosts.csv'), 'idn.csv');
      const rows = await rowsOf(result);
      expect(rows.map((row) => row.url)).toEqual([
        'http://xn--bcher-kva.de/',
        'http://xn--bcher-kva.de/',
        'https://xn--mnchen-3ya.de/',
        'https://xn--mnchen-3ya.de/',
      ]);
      expect(rows.map((row) => [row.status, row.reason])).toEqual([
        ['valid', null],
        ['duplicate', 'duplicate_url'],
        ['valid', null],
        ['duplicate', 'duplicate_url'],
      ]);
      expect(result.version.stats).toMatchObject({ validRows: 2, duplicateRows: 2, duplicateUrls: 2, distinctDomains: 2 });
    });
  });

  describe('other formats', () => {
    it('XLSX: the first sheet by default, a named sheet on request; dates, numbers and formula results as text', async () => {
      const workbook = await sitesXlsx();
      const first = await ingest(workbook, 'shops.xlsx');
      expect(first.version.file).toMatchObject({ format: 'xlsx', sheet: 'Notes' });
      expect(first.version.schema.urlColumn).toBeNull();

      const sites = await ingest(workbook, 'shops.xlsx', { sheet: 'Sites' });
      expect(sites.version.file).toMatchObject({ format: 'xlsx', sheet: 'Sites' });
      expect(sites.version.schema.urlColumn).toBe('Website');
      expect(sites.version.stats).toMatchObject({ totalRows: 4, validRows: 3, invalidByReason: { empty_row: 1 } });
      const rows = await rowsOf(sites);
      expect(rows[0].cells).toEqual({ Website: 'https://alpha.example.com/', Shop: 'Alpha', Opened: '2021-03-04', Rating: '4.5', 'Score x2': '9' });
      expect(rows[2].status).toBe('invalid');
      expect(rows[3].url).toBe('https://gamma.example.com/');

    });

    it('XLSX: an unknown sheet name is refused, listing the sheets', async () => {
      const before = await storedCounts(h);
      await expect(ingest(await sitesXlsx(), 'shops.xlsx', { sheet: 'Nope' })).rejects.toMatchObject({
        code: 'unprocessable',
        message: 'the workbook has no sheet "Nope" (sheets: Notes, Sites)',
      });
      expect(await storedCounts(h)).toEqual(before);
    });

    it('a JSON array of objects: keys become columns, nested values become JSON text', async () => {
      const result = await ingest(fixture('rows.json'), 'rows.json');
      expect(result.version.file.format).toBe('json');
      expect(result.version.schema.columns.map((c) => c.name)).toEqual(['url', 'name', 'rating', 'open', 'tags']);
      const rows = await rowsOf(result);
      expect(rows[2].cells).toEqual({ url: 'https://c.example.com', name: 'Gamma', rating: '', open: '', tags: '["x","y"]' });
    });

    it('NDJSON: one object per line; a blank line is an empty row', async () => {
      const result = await ingest(fixture('rows.ndjson'), 'rows.ndjson');
      expect(result.version.file.format).toBe('ndjson');
      expect(result.version.stats).toMatchObject({ totalRows: 4, validRows: 3, invalidByReason: { empty_row: 1 } });
    });
  });
});
