// Datasets: HTTP in front of the datasets service's NATS commands and queries (`datasets.*`),
// always on behalf of the caller's organization. Uploads are streamed into the object store
// first (see upload-receiver.ts), then ingested by id; downloads stream the original file
// back chunk by chunk.
import { Controller, Inject, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { ValidationError } from '@fieldwork/contracts';
import { CurrentCaller, type Caller } from '../../http/caller';
import { Endpoint } from '../../http/endpoint';
import { ServiceForwarder } from '../../http/forward';
import { ValidBody, ValidParams, ValidQuery, fieldIssues } from '../../http/input';
import { toOpenApiSchema } from '../../http/openapi';
import {
  archiveDatasetBody,
  campaignDatasetsParams,
  DATASET_ISSUES_REF,
  DATASET_PAGE_REF,
  DATASET_REF,
  DATASET_ROWS_REF,
  DATASET_UPLOAD_REF,
  DATASET_VERSION_REF,
  datasetParams,
  listDatasetsQuery,
  rowsQuery,
  updateSchemaBody,
  uploadFields,
  validationQuery,
  versionParams,
} from './dataset.schemas';
import { UploadReceiver } from './upload-receiver';

type CampaignParams = z.infer<typeof campaignDatasetsParams>;
type DatasetParams = z.infer<typeof datasetParams>;
type VersionParams = z.infer<typeof versionParams>;

const UPLOAD_BODY = {
  schema: {
    type: 'object' as const,
    required: ['file'],
    properties: {
      file: { type: 'string' as const, format: 'binary', description: 'CSV, TSV, XLSX, JSON array or NDJSON' },
      ...(toOpenApiSchema(uploadFields, 'input').properties ?? {}),
    },
  },
};

const UPLOAD_DESCRIPTION =
  'Send multipart/form-data with the file in a "file" field. The file is streamed, never held whole: its encoding, delimiter, ' +
  'column types, URL column and likely ground-truth columns are detected, and every row is validated (bad URLs, private or ' +
  'metadata addresses, duplicates, ragged or empty rows, formula-like cells). Bad rows are kept and reported, never dropped. ' +
  'Limits (FIELDWORK_DATASET_MAX_BYTES, _MAX_ROWS, _MAX_COLUMNS, _MAX_CELL_CHARS) answer 413 saying which limit and where; ' +
  'an unreadable file answers 422. In both cases nothing is stored. The answer shows the schema, the statistics and how to set ' +
  'up ground truth.';

@ApiTags('datasets')
@Controller('v1')
export class DatasetsController {
  constructor(
    @Inject(ServiceForwarder) private readonly services: ServiceForwarder,
    @Inject(UploadReceiver) private readonly uploads: UploadReceiver,
  ) {}

  private async ingest(request: Request, response: Response, caller: Caller, target: Record<string, string>) {
    const organizationId = caller.organizationId;
    let upload;
    try {
      upload = await this.uploads.receive(request, organizationId);
    } catch (error) {
      // The client may still be sending: do not keep the connection for the rest.
      response.setHeader('Connection', 'close');
      throw error;
    }
    const parsed = uploadFields.safeParse(upload.fields);
    if (!parsed.success) {
      await this.uploads.discard(organizationId, upload.uploadId);
      throw new ValidationError(fieldIssues(parsed.error, upload.fields, 'body'));
    }
    return this.services.request<{ dataset: { id: string }; version: { version: number } }>(
      caller,
      'datasets.ingest',
      { ...parsed.data, ...target, uploadId: upload.uploadId, fileName: upload.fileName, contentType: upload.contentType },
      { timeoutMs: this.uploads.settings.ingestTimeoutMs },
    );
  }

  @Endpoint('POST', 'campaigns/:campaignId/datasets', {
    summary: 'Upload a dataset (creates version 1)',
    description: UPLOAD_DESCRIPTION,
    access: 'editor',
    params: campaignDatasetsParams,
    response: { status: 201, description: 'The new dataset and its version 1', schema: DATASET_UPLOAD_REF, headers: { Location: 'URL of the dataset' } },
    errors: [413, 415, 422],
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  async createDataset(
    @ValidParams() params: CampaignParams,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.ingest(request, response, caller, { campaignId: params.campaignId });
    response.setHeader('Location', `/v1/datasets/${result.dataset.id}`);
    return result;
  }

  @Endpoint('GET', 'campaigns/:campaignId/datasets', {
    summary: "A campaign's datasets, newest first",
    access: 'viewer',
    params: campaignDatasetsParams,
    query: listDatasetsQuery,
    response: { description: 'A page of datasets', schema: DATASET_PAGE_REF },
  })
  listDatasets(@ValidParams() params: CampaignParams, @ValidQuery() query: z.infer<typeof listDatasetsQuery>, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'datasets.list', { ...query, ...params });
  }

  @Endpoint('GET', 'datasets/:datasetId', {
    summary: 'Get a dataset with its versions',
    access: 'viewer',
    params: datasetParams,
    response: { description: 'The dataset', schema: DATASET_REF },
  })
  getDataset(@ValidParams() params: DatasetParams, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'datasets.get', params);
  }

  @Endpoint('POST', 'datasets/:datasetId/versions', {
    summary: 'Upload a new version of a dataset',
    description: `${UPLOAD_DESCRIPTION} Earlier versions stay as they were: a run always names the version it used.`,
    access: 'editor',
    params: datasetParams,
    response: { status: 201, description: 'The dataset and its new version', schema: DATASET_UPLOAD_REF, headers: { Location: 'URL of the version' } },
    errors: [409, 413, 415, 422],
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  async createVersion(
    @ValidParams() params: DatasetParams,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.ingest(request, response, caller, { datasetId: params.datasetId });
    response.setHeader('Location', `/v1/datasets/${result.dataset.id}/versions/${result.version.version}`);
    return result;
  }

  @Endpoint('GET', 'datasets/:datasetId/versions/:version', {
    summary: 'Get a dataset version: schema, statistics, ground truth, validation summary',
    access: 'viewer',
    params: versionParams,
    response: { description: 'The version', schema: DATASET_VERSION_REF },
  })
  getVersion(@ValidParams() params: VersionParams, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'datasets.version.get', params);
  }

  @Endpoint('PATCH', 'datasets/:datasetId/versions/:version/schema', {
    summary: 'Set the URL column, ground-truth columns and column types of a version',
    description:
      'Ground truth = columns holding known-correct answers, mapped to campaign output columns: every run then reports its ' +
      'accuracy. The rows never change; URL checks, duplicates and statistics are recomputed.',
    access: 'editor',
    params: versionParams,
    body: updateSchemaBody,
    response: { description: 'The version after the change', schema: DATASET_VERSION_REF },
    errors: [409],
  })
  updateSchema(@ValidParams() params: VersionParams, @ValidBody() body: z.infer<typeof updateSchemaBody>, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'datasets.schema.update', { ...body, ...params }, { timeoutMs: this.uploads.settings.ingestTimeoutMs });
  }

  @Endpoint('GET', 'datasets/:datasetId/versions/:version/rows', {
    summary: "A version's rows in file order (offset/limit)",
    access: 'viewer',
    params: versionParams,
    query: rowsQuery,
    response: { description: 'A page of rows', schema: DATASET_ROWS_REF },
  })
  listRows(@ValidParams() params: VersionParams, @ValidQuery() query: z.infer<typeof rowsQuery>, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'datasets.rows.list', { ...query, ...params });
  }

  @Endpoint('GET', 'datasets/:datasetId/versions/:version/preview', {
    summary: 'The first 100 rows of a version',
    access: 'viewer',
    params: versionParams,
    response: { description: 'The first rows', schema: DATASET_ROWS_REF },
  })
  preview(@ValidParams() params: VersionParams, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'datasets.preview', params);
  }

  @Endpoint('GET', 'datasets/:datasetId/versions/:version/validation', {
    summary: "A version's validation report: every issue (row, column, code, message), in row order",
    access: 'viewer',
    params: versionParams,
    query: validationQuery,
    response: { description: 'A page of issues', schema: DATASET_ISSUES_REF },
  })
  validation(@ValidParams() params: VersionParams, @ValidQuery() query: z.infer<typeof validationQuery>, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'datasets.validation', { ...query, ...params });
  }

  @Endpoint('GET', 'datasets/:datasetId/versions/:version/download', {
    summary: 'Download the original file of a version, byte for byte',
    access: 'viewer',
    params: versionParams,
    response: { description: 'The file as uploaded', headers: { 'Content-Disposition': 'attachment; filename=...', 'Repr-Digest': 'sha-256 of the file' } },
  })
  @ApiProduces('application/octet-stream')
  async download(@ValidParams() params: VersionParams, @CurrentCaller() caller: Caller, @Res() response: Response) {
    type Chunk = { data: string; chunks: number; fileName: string; contentType: string; byteSize: number; sha256: string };
    const first = await this.services.request<Chunk>(caller, 'datasets.file.chunk', { ...params, chunk: 0 });
    response.status(200);
    response.setHeader('Content-Type', first.contentType || 'application/octet-stream');
    response.setHeader('Content-Length', String(first.byteSize));
    response.setHeader('Content-Disposition', `attachment; filename="${first.fileName.replace(/["\\\r\n]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(first.fileName)}`);
    response.setHeader('Repr-Digest', `sha-256=:${Buffer.from(first.sha256, 'hex').toString('base64')}:`);
    const write = (data: string) =>
      new Promise<void>((resolve) => {
        if (response.write(Buffer.from(data, 'base64'))) resolve();
        else response.once('drain', resolve);
      });
    try {
      await write(first.data);
      for (let chunk = 1; chunk < first.chunks; chunk += 1) {
        if (response.destroyed) return;
        const next = await this.services.request<Chunk>(caller, 'datasets.file.chunk', { ...params, chunk });
        await write(next.data);
      }
      response.end();
    } catch {
      // Headers are gone: all that is left is to cut the connection so the client sees a short file.
      response.destroy();
    }
  }

  @Endpoint('POST', 'datasets/:datasetId/archive', {
    summary: 'Archive a dataset',
    description: 'Hidden from the campaign list unless includeArchived=true; no new versions; existing versions stay readable.',
    access: 'editor',
    params: datasetParams,
    body: archiveDatasetBody,
    response: { status: 200, description: 'The archived dataset', schema: DATASET_REF },
  })
  archive(@ValidParams() params: DatasetParams, @ValidBody() body: z.infer<typeof archiveDatasetBody>, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'datasets.archive', { ...body, ...params });
  }
}
