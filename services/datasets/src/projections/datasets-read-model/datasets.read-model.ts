// Queries over the datasets read model and a version's stored rows, issues and file. Every
// query is scoped to the caller's organization: another tenant's dataset is simply not found.
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError, type ActorRef } from '@fieldwork/contracts';
import { DATA_SOURCE } from '@fieldwork/service-kit';
import type { GroundTruthSuggestionSpec, SchemaSpec } from '../../domain/dataset-schema';
import type { SampleCandidate } from '../../domain/sampling';
import type { SourceFileSpec, VersionStats } from '../../domain/version-facts';
import type { IssueCode, IssueSeverity } from '../../validation/issues';
import { groundTruthSql } from '../../infra/version-rows';
import {
  columnViews,
  groundTruthGuide,
  type CursorPage,
  type DatasetView,
  type IssueView,
  type OffsetPage,
  type RowView,
  type VersionView,
} from './views';

export interface DatasetRow {
  id: string;
  organization_id: string;
  campaign_id: string;
  name: string;
  description: string;
  status: 'active' | 'archived';
  latest_version: number;
  created_at: Date;
  created_by: ActorRef;
  updated_at: Date;
  archived_at: Date | null;
}

export interface VersionRow {
  dataset_id: string;
  version: number;
  organization_id: string;
  file: SourceFileSpec;
  schema: SchemaSpec;
  stats: VersionStats;
  suggestions: GroundTruthSuggestionSpec[];
  note: string;
  created_at: Date;
  created_by: ActorRef;
}

interface StoredRow {
  row_number: number;
  cells: string[];
  url: string | null;
  domain: string | null;
  exclusion: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function rowView(row: StoredRow, schema: SchemaSpec): RowView {
  const cells: Record<string, string> = {};
  schema.columns.forEach((column) => {
    cells[column.name] = row.cells[column.index] ?? '';
  });
  const extra = row.cells.slice(schema.columns.length);
  const reason = row.exclusion;
  return {
    rowId: row.row_number,
    cells,
    ...(extra.length > 0 ? { extraCells: extra } : {}),
    url: row.url,
    domain: row.domain,
    status: reason === null ? 'valid' : reason.startsWith('duplicate_') ? 'duplicate' : 'invalid',
    reason,
  };
}

@Injectable()
export class DatasetsReadModel {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  private db(manager?: EntityManager): EntityManager | DataSource {
    return manager ?? this.dataSource;
  }

  async datasetRow(organizationId: string, datasetId: string, manager?: EntityManager, lock = false): Promise<DatasetRow> {
    if (!UUID.test(datasetId)) throw new NotFoundError('Dataset', datasetId);
    const [row] = (await this.db(manager).query(
      `select * from datasets where id = $1 and organization_id = $2 ${lock ? 'for update' : ''}`,
      [datasetId, organizationId],
    )) as DatasetRow[];
    if (!row) throw new NotFoundError('Dataset', datasetId);
    return row;
  }

  async versionRow(organizationId: string, datasetId: string, version: number, manager?: EntityManager): Promise<VersionRow> {
    await this.datasetRow(organizationId, datasetId, manager);
    const [row] = (await this.db(manager).query(
      `select * from dataset_versions where dataset_id = $1 and version = $2 and organization_id = $3`,
      [datasetId, version, organizationId],
    )) as VersionRow[];
    if (!row) throw new NotFoundError('Dataset version', `${datasetId}/versions/${version}`);
    return row;
  }

  async dataset(organizationId: string, datasetId: string, manager?: EntityManager): Promise<DatasetView> {
    const row = await this.datasetRow(organizationId, datasetId, manager);
    const versions = (await this.db(manager).query(
      `select version, created_at, file->>'fileName' as file_name, file->>'format' as format,
              (stats->>'totalRows')::int as total_rows, (stats->>'validRows')::int as valid_rows,
              (schema->>'revision')::int as revision
       from dataset_versions where dataset_id = $1 and organization_id = $2 order by version`,
      [datasetId, organizationId],
    )) as { version: number; created_at: Date; file_name: string; format: string; total_rows: number; valid_rows: number; revision: number }[];
    return {
      id: row.id,
      campaignId: row.campaign_id,
      name: row.name,
      description: row.description,
      status: row.status,
      latestVersion: row.latest_version,
      createdAt: row.created_at.toISOString(),
      createdBy: row.created_by,
      updatedAt: row.updated_at.toISOString(),
      archivedAt: row.archived_at?.toISOString() ?? null,
      versions: versions.map((v) => ({
        version: v.version,
        createdAt: v.created_at.toISOString(),
        fileName: v.file_name,
        format: v.format,
        totalRows: v.total_rows,
        validRows: v.valid_rows,
        schemaRevision: v.revision,
      })),
    };
  }

  /** A campaign's datasets, newest first, by cursor (the creation time and id of the last one). */
  async list(
    organizationId: string,
    campaignId: string,
    options: { limit: number; after?: { createdAt: string; id: string }; includeArchived: boolean },
  ): Promise<CursorPage<DatasetView>> {
    const params: unknown[] = [organizationId, campaignId, options.limit + 1];
    let where = `organization_id = $1 and campaign_id = $2`;
    if (!options.includeArchived) where += ` and status = 'active'`;
    if (options.after) {
      params.push(options.after.createdAt, options.after.id);
      where += ` and (created_at, id) < ($4::timestamptz, $5::uuid)`;
    }
    const rows = (await this.dataSource.query(
      `select id, created_at from datasets where ${where} order by created_at desc, id desc limit $3`,
      params,
    )) as { id: string; created_at: Date }[];
    const page = rows.slice(0, options.limit);
    const items = await Promise.all(page.map((row) => this.dataset(organizationId, row.id)));
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > options.limit && last
        ? Buffer.from(JSON.stringify({ createdAt: last.created_at.toISOString(), id: last.id })).toString('base64url')
        : null;
    return { items, nextCursor };
  }

  /** Whether the organization has any dataset (archived too) in the campaign. */
  async hasAnyDataset(organizationId: string, campaignId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`select 1 from datasets where organization_id = $1 and campaign_id = $2 limit 1`, [
      organizationId,
      campaignId,
    ])) as unknown[];
    return rows.length > 0;
  }

  async issueCounts(datasetId: string, version: number, manager?: EntityManager): Promise<Record<IssueSeverity, number>> {
    const rows = (await this.db(manager).query(
      `select severity, count(*)::int as count from dataset_issues where dataset_id = $1 and version = $2 group by severity`,
      [datasetId, version],
    )) as { severity: IssueSeverity; count: number }[];
    const counts: Record<IssueSeverity, number> = { error: 0, warning: 0, info: 0 };
    for (const row of rows) counts[row.severity] = row.count;
    return counts;
  }

  async fileIssues(datasetId: string, version: number, manager?: EntityManager): Promise<IssueView[]> {
    const rows = (await this.db(manager).query(
      `select row_number, column_name, code, severity, message from dataset_issues
       where dataset_id = $1 and version = $2 and row_number is null order by id`,
      [datasetId, version],
    )) as { row_number: null; column_name: string | null; code: IssueCode; severity: IssueSeverity; message: string }[];
    return rows.map((row) => ({ row: null, column: row.column_name, code: row.code, severity: row.severity, message: row.message }));
  }

  async version(organizationId: string, datasetId: string, version: number, manager?: EntityManager): Promise<VersionView> {
    const dataset = await this.datasetRow(organizationId, datasetId, manager);
    const row = await this.versionRow(organizationId, datasetId, version, manager);
    const counts = await this.issueCounts(datasetId, version, manager);
    const stats = row.stats;
    const parts = [`${stats.validRows} of ${stats.totalRows} rows can be visited`];
    if (stats.invalidRows > 0) parts.push(`${stats.invalidRows} invalid (${Object.entries(stats.invalidByReason).map(([reason, count]) => `${count} ${reason}`).join(', ')})`);
    if (stats.duplicateRows > 0) parts.push(`${stats.duplicateRows} duplicate`);
    if (counts.warning > 0) parts.push(`${counts.warning} warning(s)`);
    return {
      datasetId,
      campaignId: dataset.campaign_id,
      version,
      note: row.note,
      createdAt: row.created_at.toISOString(),
      createdBy: row.created_by,
      file: row.file,
      schema: { revision: row.schema.revision, urlColumn: row.schema.urlColumn, columns: columnViews(row.schema) },
      stats,
      groundTruth: groundTruthGuide(datasetId, version, row.schema, stats, row.suggestions),
      validation: {
        errors: counts.error,
        warnings: counts.warning,
        infos: counts.info,
        fileIssues: await this.fileIssues(datasetId, version, manager),
        summary: `${parts.join('; ')}.`,
      },
    };
  }

  async issues(
    organizationId: string,
    datasetId: string,
    version: number,
    options: { offset: number; limit: number; code?: string; severity?: string },
  ): Promise<OffsetPage<IssueView>> {
    await this.versionRow(organizationId, datasetId, version);
    const params: unknown[] = [datasetId, version];
    let filter = '';
    if (options.code) {
      params.push(options.code);
      filter += ` and code = $${params.length}`;
    }
    if (options.severity) {
      params.push(options.severity);
      filter += ` and severity = $${params.length}`;
    }
    const [{ total }] = (await this.dataSource.query(
      `select count(*)::int as total from dataset_issues where dataset_id = $1 and version = $2 ${filter}`,
      params,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `select row_number, column_name, code, severity, message from dataset_issues
       where dataset_id = $1 and version = $2 ${filter}
       order by row_number nulls first, id offset ${options.offset} limit ${options.limit}`,
      params,
    )) as { row_number: number | null; column_name: string | null; code: IssueCode; severity: IssueSeverity; message: string }[];
    return {
      items: rows.map((row) => ({ row: row.row_number, column: row.column_name, code: row.code, severity: row.severity, message: row.message })),
      offset: options.offset,
      limit: options.limit,
      total,
      nextOffset: options.offset + rows.length < total ? options.offset + rows.length : null,
    };
  }

  async rows(organizationId: string, datasetId: string, version: number, options: { offset: number; limit: number }): Promise<OffsetPage<RowView>> {
    const row = await this.versionRow(organizationId, datasetId, version);
    const total = row.stats.totalRows;
    const stored = (await this.dataSource.query(
      `select row_number, cells, url, domain, exclusion from dataset_rows
       where dataset_id = $1 and version = $2 and row_number > $3 order by row_number limit $4`,
      [datasetId, version, options.offset, options.limit],
    )) as StoredRow[];
    return {
      items: stored.map((r) => rowView(r, row.schema)),
      offset: options.offset,
      limit: options.limit,
      total,
      nextOffset: options.offset + stored.length < total ? options.offset + stored.length : null,
    };
  }

  /** Rows by id (in the order asked) or after a row id, for a run; only rows a run may visit. */
  async rowsForRun(datasetId: string, version: number, schema: SchemaSpec, request: { rowIds?: number[]; afterRow?: number; limit: number }): Promise<RowView[]> {
    if (request.rowIds) {
      const stored = (await this.dataSource.query(
        `select row_number, cells, url, domain, exclusion from dataset_rows
         where dataset_id = $1 and version = $2 and row_number = any($3::int[]) and exclusion is null`,
        [datasetId, version, request.rowIds],
      )) as StoredRow[];
      const byId = new Map(stored.map((r) => [r.row_number, r]));
      return request.rowIds.flatMap((id) => (byId.has(id) ? [rowView(byId.get(id) as StoredRow, schema)] : []));
    }
    const stored = (await this.dataSource.query(
      `select row_number, cells, url, domain, exclusion from dataset_rows
       where dataset_id = $1 and version = $2 and row_number > $3 and exclusion is null order by row_number limit $4`,
      [datasetId, version, request.afterRow ?? 0, request.limit],
    )) as StoredRow[];
    return stored.map((r) => rowView(r, schema));
  }

  async candidates(datasetId: string, version: number, schema: SchemaSpec): Promise<SampleCandidate[]> {
    const rows = (await this.dataSource.query(
      `select row_number, domain, ${groundTruthSql(schema)} as has_truth from dataset_rows
       where dataset_id = $1 and version = $2 and exclusion is null order by row_number`,
      [datasetId, version],
    )) as { row_number: number; domain: string | null; has_truth: boolean }[];
    return rows.map((row) => ({ rowId: row.row_number, domain: row.domain ?? '', hasGroundTruth: row.has_truth }));
  }

  async fileChunk(organizationId: string, datasetId: string, version: number, chunk: number): Promise<{ data: Buffer; chunks: number }> {
    const row = await this.versionRow(organizationId, datasetId, version);
    const [{ chunks }] = (await this.dataSource.query(
      `select count(*)::int as chunks from dataset_files where dataset_id = $1 and version = $2`,
      [datasetId, version],
    )) as { chunks: number }[];
    if (chunk >= chunks && !(chunk === 0 && row.file.byteSize === 0)) throw new NotFoundError('File chunk', String(chunk));
    const [stored] = (await this.dataSource.query(
      `select data from dataset_files where dataset_id = $1 and version = $2 and chunk = $3`,
      [datasetId, version, chunk],
    )) as { data: Buffer }[];
    return { data: stored?.data ?? Buffer.alloc(0), chunks };
  }
}
