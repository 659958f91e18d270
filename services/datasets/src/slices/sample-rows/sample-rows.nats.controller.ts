// For the orchestrator: `datasets.sample` picks the row ids a run visits (deterministic for a
// strategy and seed; invalid and duplicate rows are never candidates), and `datasets.rows.page`
// streams those rows in pages, with each row's ground-truth answers keyed by output column.
// Replies stay under NATS's 1 MB payload: id lists are paged, row pages are cut by size.
// A run may pin the schema revision it started with (`schemaRevision`): if the schema changed
// since (URL column, ground truth, types), the call is refused instead of mixing two schemas.
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { ConflictError, ValidationError } from '@fieldwork/contracts';
import type { RpcCallContext } from '@fieldwork/messaging';
import { selectSample, SAMPLE_STRATEGIES, type SampleStrategy } from '../../domain/sampling';
import { DatasetsReadModel } from '../../projections/datasets-read-model/datasets.read-model';
import type { RowView } from '../../projections/datasets-read-model/views';
import { id, limitInput, offsetInput, parseInput, versionNumber } from '../shared/inputs';

export const SAMPLE_PAGE = { default: 50_000, max: 100_000 } as const;
export const RUN_ROWS_PAGE = { default: 500, max: 1_000 } as const;
const schemaRevisionInput = z.number().int().min(1, 'schema revisions start at 1').optional();
/** Reply budget for a page of rows (NATS max payload is 1 MB). */
const REPLY_BYTES = 800 * 1024;

export const sampleInput = z
  .object({
    datasetId: id('a dataset id'),
    version: versionNumber,
    strategy: z.enum(SAMPLE_STRATEGIES),
    size: z.number().int().min(1).max(10_000_000).optional(),
    seed: z.union([z.string().max(200), z.number()]).optional(),
    perDomain: z.number().int().min(1).max(100_000).optional(),
    rowIds: z.array(z.number().int().min(1)).max(SAMPLE_PAGE.max).optional(),
    schemaRevision: schemaRevisionInput,
    offset: offsetInput,
    limit: limitInput(SAMPLE_PAGE.max),
  })
  .strict();

export const runRowsInput = z
  .object({
    datasetId: id('a dataset id'),
    version: versionNumber,
    rowIds: z.array(z.number().int().min(1)).max(RUN_ROWS_PAGE.max).optional(),
    afterRow: z.number().int().min(0).optional(),
    schemaRevision: schemaRevisionInput,
    limit: limitInput(RUN_ROWS_PAGE.max),
  })
  .strict();

export type SampleInput = z.infer<typeof sampleInput>;

export function strategyOf(input: SampleInput): SampleStrategy {
  const needsSize = input.strategy !== 'all' && input.strategy !== 'row_ids';
  if (needsSize && input.size === undefined) throw ValidationError.single('size', `the ${input.strategy} strategy needs a sample size`);
  const size = input.size ?? 0;
  const seed = String(input.seed ?? '0');
  switch (input.strategy) {
    case 'first_n':
      return { kind: 'first_n', size };
    case 'random':
      return { kind: 'random', size, seed };
    case 'stratified':
      return { kind: 'stratified', size, seed, perDomain: input.perDomain ?? 1 };
    case 'ground_truth_first':
      return { kind: 'ground_truth_first', size };
    case 'all':
      return { kind: 'all' };
    case 'row_ids':
      if (!input.rowIds || input.rowIds.length === 0) throw ValidationError.single('rowIds', 'list the row ids to run');
      return { kind: 'row_ids', rowIds: input.rowIds };
  }
}

/** Refuses a call pinned to a schema revision the version has moved past (409). */
export function checkSchemaRevision(input: { datasetId: string; version: number; schemaRevision?: number }, current: number): void {
  if (input.schemaRevision === undefined || input.schemaRevision === current) return;
  throw new ConflictError(
    `the schema of version ${input.version} changed: it is at revision ${current}, the call pinned revision ${input.schemaRevision}; start again with revision ${current}`,
    { reason: 'schema_revision_changed', datasetId: input.datasetId, version: input.version, schemaRevision: input.schemaRevision, currentRevision: current },
  );
}

export interface RunRowView extends RowView {
  /** Output column → the known-correct answer in this row (only non-empty ones). */
  groundTruth: Record<string, string>;
}

@Controller()
export class SampleRowsController {
  constructor(@Inject(DatasetsReadModel) private readonly readModel: DatasetsReadModel) {}

  @MessagePattern('datasets.sample')
  async sample(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(sampleInput, payload);
    const strategy = strategyOf(input);
    const version = await this.readModel.versionRow(ctx.organizationId, input.datasetId, input.version);
    checkSchemaRevision(input, version.schema.revision);
    const candidates = await this.readModel.candidates(input.datasetId, input.version, version.schema);
    await this.recheckRevision(ctx.organizationId, input);
    const rowIds = selectSample(candidates, strategy);
    const offset = input.offset ?? 0;
    const limit = input.limit ?? SAMPLE_PAGE.default;
    const page = rowIds.slice(offset, offset + limit);
    return {
      datasetId: input.datasetId,
      version: input.version,
      schemaRevision: version.schema.revision,
      strategy,
      candidates: candidates.length,
      total: rowIds.length,
      rowIds: page,
      offset,
      nextOffset: offset + page.length < rowIds.length ? offset + page.length : null,
    };
  }

  @MessagePattern('datasets.rows.page')
  async rowsPage(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(runRowsInput, payload);
    const version = await this.readModel.versionRow(ctx.organizationId, input.datasetId, input.version);
    const schema = version.schema;
    checkSchemaRevision(input, schema.revision);
    const limit = input.limit ?? RUN_ROWS_PAGE.default;
    const rows = await this.readModel.rowsForRun(input.datasetId, input.version, schema, {
      rowIds: input.rowIds,
      afterRow: input.afterRow,
      limit,
    });
    await this.recheckRevision(ctx.organizationId, input);
    const truth = schema.columns.filter((column) => column.groundTruthFor);
    const items: RunRowView[] = [];
    let bytes = 0;
    for (const row of rows) {
      const groundTruth: Record<string, string> = {};
      for (const column of truth) {
        const value = row.cells[column.name]?.trim();
        if (value) groundTruth[column.groundTruthFor as string] = value;
      }
      const item = { ...row, groundTruth };
      bytes += JSON.stringify(item).length;
      if (items.length > 0 && bytes > REPLY_BYTES) break;
      items.push(item);
    }
    const returned = new Set(items.map((item) => item.rowId));
    const found = new Set(rows.map((row) => row.rowId));
    const last = items[items.length - 1];
    return {
      datasetId: input.datasetId,
      version: input.version,
      schemaRevision: schema.revision,
      urlColumn: schema.urlColumn,
      items,
      // Paging by position: pass as afterRow (null when there is no more).
      nextAfterRow: input.rowIds ? null : items.length === rows.length && rows.length < limit ? null : (last?.rowId ?? null),
      // Paging by ids: the asked ids not in this page because of its size (ask again for them).
      remainingRowIds: input.rowIds ? input.rowIds.filter((rowId) => !returned.has(rowId) && found.has(rowId)) : [],
      // Asked ids that do not exist or are excluded from runs.
      skippedRowIds: input.rowIds ? input.rowIds.filter((rowId) => !found.has(rowId)) : [],
    };
  }

  /**
   * A schema change (a new URL column re-validates the rows) may commit between reading the
   * version and reading its rows: a pinned call reads the revision again and refuses if it moved.
   */
  private async recheckRevision(organizationId: string, input: { datasetId: string; version: number; schemaRevision?: number }): Promise<void> {
    if (input.schemaRevision === undefined) return;
    const again = await this.readModel.versionRow(organizationId, input.datasetId, input.version);
    checkSchemaRevision(input, again.schema.revision);
  }
}
