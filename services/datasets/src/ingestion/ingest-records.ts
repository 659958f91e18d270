// The streaming heart of an upload: header → sample (for type, URL and ground-truth detection)
// → every row checked and handed to the sink in batches. Limits (rows, columns, cell length)
// are enforced as records arrive, so a hostile file fails early and holds little memory.
import type { AllowedTargets } from '@fieldwork/url-safety';
import type { DatasetLimits } from '../config/datasets-config';
import { detectSchema, suggestGroundTruth, type OutputColumnInfo } from '../detection/detect-schema';
import type { GroundTruthSuggestionSpec, SchemaSpec } from '../domain/dataset-schema';
import { columnsFromHeader } from '../validation/header';
import type { IssueDraft } from '../validation/issues';
import { prepareRow, type PreparedRow } from '../validation/row-checks';
import { limitExceeded, unreadable } from './ingest-errors';
import type { RawRecord } from './readers/raw-record';

export interface RowSink {
  writeRows(rows: PreparedRow[], issues: IssueDraft[]): Promise<void>;
}

export interface IngestRecordsOptions {
  limits: DatasetLimits;
  allowed: AllowedTargets;
  outputColumns: readonly OutputColumnInfo[];
  batchRows?: number;
}

export interface IngestedRows {
  schema: SchemaSpec;
  suggestions: GroundTruthSuggestionSpec[];
  /** Issues about the file as a whole (header repairs, no URL column, blank lines). */
  fileIssues: IssueDraft[];
  rowCount: number;
}

/** Rows read before types and the URL column are decided. */
export const SAMPLE_ROWS = 1_000;
const SAMPLE_CHARS = 8 * 1024 * 1024;
const BATCH_CHARS = 4 * 1024 * 1024;
const MAX_PENDING_BLANK = 10_000;

const isBlank = (record: RawRecord) => record.cells.every((cell) => cell.trim() === '');
const size = (value: number) => value.toLocaleString('en-US');

function checkLimits(record: RawRecord, row: number, columns: readonly string[], limits: DatasetLimits): void {
  if (row > limits.maxRows) throw limitExceeded('maxRows', limits.maxRows, `the file has more than ${size(limits.maxRows)} rows`, { row });
  if (record.cells.length > limits.maxColumns) {
    throw limitExceeded('maxColumns', limits.maxColumns, `the row has ${size(record.cells.length)} cells`, { row }, record.cells.length);
  }
  for (let index = 0; index < record.cells.length; index += 1) {
    const cell = record.cells[index];
    const length = cell.length;
    // NUL has no place in text (and Postgres cannot store it in JSON): binary data slipped in.
    if (cell.includes('\u0000')) {
      throw unreadable('nul_character', 'the cell contains a NUL character: the file holds binary data', { row, column: columns[index] ?? `extra cell ${index + 1}` });
    }
    if (length > limits.maxCellChars) {
      throw limitExceeded(
        'maxCellChars',
        limits.maxCellChars,
        `the cell has ${size(length)} characters`,
        { row, column: columns[index] ?? `extra cell ${index + 1}` },
        length,
      );
    }
  }
}

/**
 * Records arrive in batches (a reader's batch is what one chunk of the file completes): taken
 * one by one for the header and the sample, then a batch at a time, with no promise per row.
 */
class RecordFeed {
  private batch: RawRecord[] = [];
  private index = 0;

  constructor(private readonly source: AsyncIterator<RawRecord[]>) {}

  async next(): Promise<RawRecord | undefined> {
    while (this.index >= this.batch.length) {
      const next = await this.source.next();
      if (next.done) return undefined;
      this.batch = next.value;
      this.index = 0;
    }
    return this.batch[this.index++];
  }

  async nextBatch(): Promise<RawRecord[] | undefined> {
    if (this.index < this.batch.length) {
      const rest = this.index === 0 ? this.batch : this.batch.slice(this.index);
      this.index = this.batch.length;
      return rest;
    }
    const next = await this.source.next();
    return next.done ? undefined : next.value;
  }
}

export async function ingestRecords(records: AsyncIterable<RawRecord[]>, options: IngestRecordsOptions, sink: RowSink): Promise<IngestedRows> {
  const { limits } = options;
  const feed = new RecordFeed(records[Symbol.asyncIterator]());
  const fileIssues: IssueDraft[] = [];

  let headerRecord: RawRecord | undefined;
  let leadingBlank = 0;
  for (let next = await feed.next(); next !== undefined; next = await feed.next()) {
    if (!isBlank(next)) {
      headerRecord = next;
      break;
    }
    leadingBlank += 1;
  }
  if (!headerRecord) throw unreadable('empty_file', 'The file has no header and no rows.');
  if (headerRecord.cells.length > limits.maxColumns) {
    throw limitExceeded('maxColumns', limits.maxColumns, `the file has ${size(headerRecord.cells.length)} columns`, {}, headerRecord.cells.length);
  }
  for (let index = 0; index < headerRecord.cells.length; index += 1) {
    if (headerRecord.cells[index].includes('\u0000')) throw unreadable('nul_character', 'the header contains a NUL character: the file holds binary data');
    if (headerRecord.cells[index].length > limits.maxCellChars) {
      throw limitExceeded('maxCellChars', limits.maxCellChars, `header ${index + 1} has ${size(headerRecord.cells[index].length)} characters`, {});
    }
  }
  const header = columnsFromHeader(headerRecord.cells);
  fileIssues.push(...header.issues);
  if (leadingBlank > 0) {
    fileIssues.push({ row: null, column: null, code: 'blank_lines_skipped', message: `${leadingBlank} blank line(s) before the header were skipped`, source: 'content' });
  }

  // Sample: enough rows to detect types and the URL column before any row is judged.
  const sample: RawRecord[] = [];
  let sampleChars = 0;
  let exhausted = false;
  let row = 0;
  while (sample.length < SAMPLE_ROWS && sampleChars < SAMPLE_CHARS) {
    const next = await feed.next();
    if (next === undefined) {
      exhausted = true;
      break;
    }
    row += 1;
    checkLimits(next, row, header.names, limits);
    sample.push(next);
    for (const cell of next.cells) sampleChars += cell.length;
  }
  const schema = detectSchema(
    header.names,
    header.originals,
    sample.filter((record) => !isBlank(record)).map((record) => record.cells),
  );
  const suggestions = suggestGroundTruth(schema, options.outputColumns);
  if (schema.urlColumn === null) {
    fileIssues.push({
      row: null,
      column: null,
      code: 'no_url_column',
      message: 'no column looks like web addresses, so no row can be visited: choose the URL column (PATCH the schema with "urlColumn")',
      source: 'url',
    });
  }

  const context = { columns: header.names, urlIndex: schema.urlColumn === null ? null : header.names.indexOf(schema.urlColumn), allowed: options.allowed };
  const batchRows = options.batchRows ?? 1_000;
  let rows: PreparedRow[] = [];
  let issues: IssueDraft[] = [];
  let batchChars = 0;
  let stored = 0;
  // Blank records are held back: blank lines at the very end are not rows, just reported.
  let pendingBlank: RawRecord[] = [];
  let rowNumber = 0;

  // One batch is written while the next is parsed (the database works on another core); at
  // most one write is in flight, so memory stays bounded by two batches.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (rows.length === 0 && issues.length === 0) return;
    const batch = { rows, issues };
    rows = [];
    issues = [];
    batchChars = 0;
    await writing;
    writing = sink.writeRows(batch.rows, batch.issues);
    // Surfaces a failed write at the next flush at the latest; never unhandled meanwhile.
    writing.catch(() => undefined);
  };
  const take = (record: RawRecord) => {
    rowNumber += 1;
    const { prepared, issues: found } = prepareRow(rowNumber, record.cells, context, record.extraFields);
    rows.push(prepared);
    for (const issue of found) issues.push(issue);
    stored += 1;
    for (const cell of record.cells) batchChars += cell.length;
  };
  const accept = (record: RawRecord) => {
    if (isBlank(record)) {
      pendingBlank.push(record);
      // A long run of blank lines is not the file's tail: keep memory bounded, report them as rows.
      if (pendingBlank.length > MAX_PENDING_BLANK) {
        for (const blank of pendingBlank) take(blank);
        pendingBlank = [];
      }
      return;
    }
    for (const blank of pendingBlank) take(blank);
    pendingBlank = [];
    take(record);
  };
  const full = () => rows.length >= batchRows || batchChars >= BATCH_CHARS;

  for (const record of sample) {
    accept(record);
    if (full()) await flush();
  }
  sample.length = 0;
  if (!exhausted) {
    for (let batch = await feed.nextBatch(); batch !== undefined; batch = await feed.nextBatch()) {
      for (const record of batch) {
        row += 1;
        checkLimits(record, row, header.names, limits);
        accept(record);
      }
      if (full()) await flush();
    }
  }
  await flush();
  await writing;
  if (pendingBlank.length > 0) {
    fileIssues.push({
      row: null,
      column: null,
      code: 'blank_lines_skipped',
      message: `${pendingBlank.length} blank line(s) at the end of the file were skipped`,
      source: 'content',
    });
  }
  if (stored === 0) throw unreadable('no_rows', 'The file has a header but no data rows.');
  return { schema, suggestions, fileIssues, rowCount: stored };
}
