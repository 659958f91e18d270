// The datasets service's queries: a dataset, a campaign's datasets, a version (schema, stats,
// ground-truth guide), its rows (offset/limit, stable order), a preview (first 100 rows), its
// validation issues, and the original file chunk by chunk. All scoped to the caller's
// organization; another tenant's dataset is "not found".
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { BadRequestError } from '@fieldwork/contracts';
import type { RpcCallContext } from '@fieldwork/messaging';
import { CampaignDirectory } from '../../infra/campaign-directory';
import { DatasetsReadModel } from '../../projections/datasets-read-model/datasets.read-model';
import { ISSUE_CODES } from '../../validation/issues';
import { id, limitInput, offsetInput, onBehalfOf, parseInput, versionNumber } from '../shared/inputs';

export const PREVIEW_ROWS = 100;
export const ROWS_PAGE = { default: 100, max: 1_000 } as const;
export const ISSUES_PAGE = { default: 100, max: 1_000 } as const;
export const DATASETS_PAGE = { default: 20, max: 100 } as const;

const versionRef = { datasetId: id('a dataset id'), version: versionNumber };

export const getDatasetInput = z.object({ datasetId: id('a dataset id') }).strict();
export const listDatasetsInput = z
  .object({
    campaignId: id('a campaign id'),
    limit: limitInput(DATASETS_PAGE.max),
    cursor: z.string().max(500).optional(),
    includeArchived: z.boolean().optional(),
  })
  .strict();
export const getVersionInput = z.object(versionRef).strict();
export const listRowsInput = z.object({ ...versionRef, offset: offsetInput, limit: limitInput(ROWS_PAGE.max) }).strict();
export const listIssuesInput = z
  .object({
    ...versionRef,
    offset: offsetInput,
    limit: limitInput(ISSUES_PAGE.max),
    code: z.enum(Object.keys(ISSUE_CODES) as [keyof typeof ISSUE_CODES, ...(keyof typeof ISSUE_CODES)[]]).optional(),
    severity: z.enum(['error', 'warning', 'info']).optional(),
  })
  .strict();
export const fileChunkInput = z.object({ ...versionRef, chunk: z.number().int().min(0) }).strict();

function decodeListCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { createdAt?: unknown; id?: unknown };
    if (typeof parsed.createdAt === 'string' && !Number.isNaN(Date.parse(parsed.createdAt)) && typeof parsed.id === 'string' && /^[0-9a-f-]{36}$/i.test(parsed.id)) {
      return { createdAt: parsed.createdAt, id: parsed.id };
    }
  } catch {
    // fall through
  }
  throw new BadRequestError('cursor is not valid: pass the nextCursor of the previous page unchanged', [
    { path: 'cursor', message: 'not a cursor from this list' },
  ]);
}

@Controller()
export class ReadDatasetsController {
  constructor(
    @Inject(DatasetsReadModel) private readonly readModel: DatasetsReadModel,
    @Inject(CampaignDirectory) private readonly campaigns: CampaignDirectory,
  ) {}

  @MessagePattern('datasets.get')
  get(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    return this.readModel.dataset(ctx.organizationId, parseInput(getDatasetInput, payload).datasetId);
  }

  @MessagePattern('datasets.list')
  async list(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(listDatasetsInput, payload);
    const page = await this.readModel.list(ctx.organizationId, input.campaignId, {
      limit: input.limit ?? DATASETS_PAGE.default,
      after: decodeListCursor(input.cursor),
      includeArchived: input.includeArchived ?? false,
    });
    // Datasets exist only in campaigns of their organization; an empty first page may be
    // another tenant's campaign, which must look like any unknown campaign: 404.
    if (page.items.length === 0 && !input.cursor && !(await this.readModel.hasAnyDataset(ctx.organizationId, input.campaignId))) {
      await this.campaigns.get(input.campaignId, onBehalfOf(ctx));
    }
    return page;
  }

  @MessagePattern('datasets.version.get')
  version(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(getVersionInput, payload);
    return this.readModel.version(ctx.organizationId, input.datasetId, input.version);
  }

  @MessagePattern('datasets.rows.list')
  rows(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(listRowsInput, payload);
    return this.readModel.rows(ctx.organizationId, input.datasetId, input.version, {
      offset: input.offset ?? 0,
      limit: input.limit ?? ROWS_PAGE.default,
    });
  }

  @MessagePattern('datasets.preview')
  preview(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(getVersionInput, payload);
    return this.readModel.rows(ctx.organizationId, input.datasetId, input.version, { offset: 0, limit: PREVIEW_ROWS });
  }

  @MessagePattern('datasets.validation')
  validation(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(listIssuesInput, payload);
    return this.readModel.issues(ctx.organizationId, input.datasetId, input.version, {
      offset: input.offset ?? 0,
      limit: input.limit ?? ISSUES_PAGE.default,
      code: input.code,
      severity: input.severity,
    });
  }

  /** One stored chunk of the original file, base64, with the chunk count (for streaming downloads). */
  @MessagePattern('datasets.file.chunk')
  async fileChunk(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(fileChunkInput, payload);
    const version = await this.readModel.versionRow(ctx.organizationId, input.datasetId, input.version);
    const { data, chunks } = await this.readModel.fileChunk(ctx.organizationId, input.datasetId, input.version, input.chunk);
    return {
      chunk: input.chunk,
      chunks,
      data: data.toString('base64'),
      fileName: version.file.fileName,
      contentType: version.file.contentType,
      byteSize: version.file.byteSize,
      sha256: version.file.sha256,
    };
  }
}
