// SQL over one dataset version's rows, issues and original file: batched inserts during
// ingestion, duplicate detection and statistics afterwards, URL re-validation when the URL
// column changes. Always inside the caller's transaction (an EntityManager).
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import type { SchemaSpec } from '../domain/dataset-schema';
import { INVALID_REASONS, type InvalidReason, type VersionStats } from '../domain/version-facts';
import { severityOf, type IssueDraft } from '../validation/issues';
import type { PreparedRow, UrlVerdict } from '../validation/row-checks';

/** A value in COPY's text format: backslash escapes, \N for null. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}

/** The pg client under a transaction's EntityManager (COPY needs the raw connection). */
function connectionOf(manager: EntityManager): PoolClient {
  const connection = (manager.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!connection) throw new Error('COPY needs a transaction (an EntityManager with a connected query runner)');
  return connection;
}

export interface VersionKey {
  organizationId: string;
  datasetId: string;
  version: number;
}

/** Size of one stored chunk of the original file (a download reply stays well under 1 MB). */
export const FILE_CHUNK_BYTES = 256 * 1024;

function cellIndex(index: number): number {
  if (!Number.isInteger(index) || index < 0 || index > 100_000) throw new Error(`bad column index ${index}`);
  return index;
}

/** SQL: "this row has a value in column i" (cells are a JSON array of strings). */
export function filledSql(index: number): string {
  return `coalesce(btrim(cells->>${cellIndex(index)}), '') <> ''`;
}

/** SQL: "this row has a value in at least one ground-truth column" (false when there are none). */
export function groundTruthSql(schema: SchemaSpec): string {
  const indices = schema.columns.filter((column) => column.groundTruthFor).map((column) => column.index);
  return indices.length === 0 ? 'false' : `(${indices.map(filledSql).join(' or ')})`;
}

export class VersionRows {
  constructor(
    private readonly manager: EntityManager,
    readonly key: VersionKey,
  ) {}

  private get params(): [string, number, string] {
    return [this.key.datasetId, this.key.version, this.key.organizationId];
  }

  /** Rows go in with COPY (text format) on the transaction's own connection: the cheapest bulk path. */
  async insertRows(rows: readonly PreparedRow[]): Promise<void> {
    if (rows.length === 0) return;
    const [datasetId, version, organizationId] = this.params;
    const prefix = `${datasetId}\t${version}\t${copyText(organizationId)}\t`;
    let text = '';
    for (const row of rows) {
      text += `${prefix}${row.row}\t${copyText(JSON.stringify(row.cells))}\t${row.empty ? 't' : 'f'}\t${row.ragged ? 't' : 'f'}\t${row.formulaCells}\t`;
      text += `${copyText(row.url)}\t${copyText(row.host)}\t${copyText(row.domain)}\t${copyText(row.urlProblem)}\t${row.allowlisted ? 't' : 'f'}\n`;
    }
    const client = connectionOf(this.manager);
    const stream = client.query(
      copyFrom(`copy dataset_rows (dataset_id, version, organization_id, row_number, cells, empty, ragged, formula_cells,
                                   url, host, domain, url_problem, allowlisted) from stdin`),
    );
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end(text);
    });
  }

  async insertIssues(issues: readonly IssueDraft[]): Promise<void> {
    if (issues.length === 0) return;
    const payload = issues.map((issue) => ({
      n: issue.row,
      c: issue.column,
      k: issue.code,
      s: severityOf(issue.code),
      m: issue.message,
      o: issue.source,
    }));
    await this.manager.query(
      `insert into dataset_issues (dataset_id, version, organization_id, row_number, column_name, code, severity, message, source)
       select $1, $2, $3, i.n, i.c, i.k, i.s, i.m, i.o
       from jsonb_to_recordset($4::jsonb) as i(n int, c text, k text, s text, m text, o text)`,
      [...this.params, JSON.stringify(payload)],
    );
  }

  async insertFileChunk(chunk: number, data: Buffer): Promise<void> {
    await this.manager.query(`insert into dataset_files (dataset_id, version, organization_id, chunk, data) values ($1, $2, $3, $4, $5)`, [
      ...this.params,
      chunk,
      data,
    ]);
  }

  /** Rows repeating an earlier row cell for cell. */
  async markExactDuplicates(): Promise<void> {
    const [datasetId, version] = this.params;
    await this.manager.query(
      `with duplicates as materialized (
         select row_number, first from (
           select row_number, min(row_number) over (partition by row_hash) as first
           from dataset_rows where dataset_id = $1 and version = $2 and not empty
         ) ranked where first < row_number
       )
       update dataset_rows r set duplicate_of = d.first
       from duplicates d
       where r.dataset_id = $1 and r.version = $2 and r.row_number = d.row_number`,
      [datasetId, version],
    );
    await this.manager.query(
      `insert into dataset_issues (dataset_id, version, organization_id, row_number, column_name, code, severity, message, source)
       select $1, $2, $3, row_number, null, 'duplicate_row', 'error',
              'the row repeats row ' || duplicate_of || ' cell for cell; runs visit it once', 'content'
       from dataset_rows where dataset_id = $1 and version = $2 and duplicate_of is not null
       order by row_number`,
      this.params,
    );
  }

  /** Rows whose normalised URL an earlier valid row already has (recomputed on URL changes). */
  async markUrlDuplicates(urlColumn: string | null): Promise<void> {
    const [datasetId, version] = this.params;
    await this.manager.query(
      `update dataset_rows set duplicate_url_of = null where dataset_id = $1 and version = $2 and duplicate_url_of is not null`,
      [datasetId, version],
    );
    if (urlColumn === null) return;
    await this.manager.query(
      `with duplicates as materialized (
         select row_number, first from (
           select row_number, min(row_number) over (partition by url) as first
           from dataset_rows
           where dataset_id = $1 and version = $2 and url is not null and url_problem is null and not empty
         ) ranked where first < row_number
       )
       update dataset_rows r set duplicate_url_of = d.first
       from duplicates d
       where r.dataset_id = $1 and r.version = $2 and r.row_number = d.row_number`,
      [datasetId, version],
    );
    await this.manager.query(
      `insert into dataset_issues (dataset_id, version, organization_id, row_number, column_name, code, severity, message, source)
       select $1, $2, $3, row_number, $4, 'duplicate_url', 'error',
              'same address as row ' || duplicate_url_of || ' (' || url || ') once normalised; runs visit it once', 'url'
       from dataset_rows
       where dataset_id = $1 and version = $2 and duplicate_url_of is not null and duplicate_of is null
       order by row_number`,
      [...this.params, urlColumn],
    );
  }

  async computeStats(schema: SchemaSpec): Promise<VersionStats> {
    const [datasetId, version] = this.params;
    const truth = schema.columns.filter((column) => column.groundTruthFor);
    const perColumn = truth.map((column, index) => `count(*) filter (where exclusion is null and ${filledSql(column.index)})::int as gt_${index}`);
    const perReason = INVALID_REASONS.map((reason, index) => `count(*) filter (where exclusion = '${reason}')::int as reason_${index}`);
    const [row] = (await this.manager.query(
      `select count(*)::int as total,
              count(*) filter (where exclusion is null)::int as valid,
              count(*) filter (where exclusion = 'duplicate_row')::int as exact_duplicates,
              count(*) filter (where exclusion = 'duplicate_url')::int as url_duplicates,
              count(distinct domain) filter (where exclusion is null)::int as domains,
              count(*) filter (where ragged)::int as ragged,
              coalesce(sum(formula_cells), 0)::int as formulas,
              count(*) filter (where exclusion is null and allowlisted)::int as allowlisted,
              count(*) filter (where exclusion is null and ${groundTruthSql(schema)})::int as with_truth
              ${[...perReason, ...perColumn].map((expression) => `, ${expression}`).join('')}
       from dataset_rows where dataset_id = $1 and version = $2`,
      [datasetId, version],
    )) as Record<string, number>[];
    const invalidByReason: Partial<Record<InvalidReason, number>> = {};
    let invalid = 0;
    INVALID_REASONS.forEach((reason, index) => {
      const count = row[`reason_${index}`];
      if (count > 0) invalidByReason[reason] = count;
      invalid += count;
    });
    const valid = row.valid;
    return {
      totalRows: row.total,
      validRows: valid,
      invalidRows: invalid,
      invalidByReason,
      duplicateRows: row.exact_duplicates + row.url_duplicates,
      duplicateUrls: row.url_duplicates,
      exactDuplicateRows: row.exact_duplicates,
      distinctDomains: row.domains,
      raggedRows: row.ragged,
      formulaCells: row.formulas,
      allowlistedRows: row.allowlisted,
      groundTruth: truth.map((column, index) => ({
        column: column.name,
        outputColumn: column.groundTruthFor as string,
        filledRows: row[`gt_${index}`],
        percent: valid === 0 ? 0 : Math.round((row[`gt_${index}`] / valid) * 1000) / 10,
      })),
      rowsWithGroundTruth: row.with_truth,
      columnCount: schema.columns.length,
    };
  }

  /** Drops every URL-derived fact and issue: the first step of re-validating another URL column. */
  async clearUrlFindings(): Promise<void> {
    const [datasetId, version] = this.params;
    await this.manager.query(`delete from dataset_issues where dataset_id = $1 and version = $2 and source = 'url'`, [datasetId, version]);
  }

  /** Rows in order, `limit` at a time after `afterRow`, with one cell picked out. */
  async cellsAfter(afterRow: number, limit: number, index: number | null): Promise<{ row_number: number; empty: boolean; value: string | null }[]> {
    const [datasetId, version] = this.params;
    const value = index === null ? 'null::text' : `cells->>${cellIndex(index)}`;
    return this.manager.query(
      `select row_number, empty, ${value} as value from dataset_rows
       where dataset_id = $1 and version = $2 and row_number > $3 order by row_number limit $4`,
      [datasetId, version, afterRow, limit],
    );
  }

  async updateUrls(updates: readonly (UrlVerdict & { row: number })[]): Promise<void> {
    if (updates.length === 0) return;
    const [datasetId, version] = this.params;
    const payload = updates.map((update) => ({ n: update.row, u: update.url, h: update.host, d: update.domain, p: update.problem, a: update.allowlisted }));
    await this.manager.query(
      `update dataset_rows t set url = r.u, host = r.h, domain = r.d, url_problem = r.p, allowlisted = r.a
       from jsonb_to_recordset($3::jsonb) as r(n int, u text, h text, d text, p text, a boolean)
       where t.dataset_id = $1 and t.version = $2 and t.row_number = r.n`,
      [datasetId, version, JSON.stringify(payload)],
    );
  }
}
