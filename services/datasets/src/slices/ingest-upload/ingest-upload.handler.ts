// datasets.ingest: turns an upload waiting in the object store into a new dataset (version 1)
// or a new version of an existing one. The file is streamed once: parsed, checked, stored row
// batch by row batch with its issues and its original bytes, then the version's facts are
// decided and appended — all in one transaction, so a refused file leaves nothing behind.
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ConflictError, ValidationError } from '@fieldwork/contracts';
import type { EventMetadata, EventStore } from '@fieldwork/eventstore';
import type { CallMeta } from '@fieldwork/messaging';
import { DATA_SOURCE, EVENT_STORE } from '@fieldwork/service-kit';
import { DATASETS_CONFIG, type DatasetsConfig } from '../../config/datasets-config';
import type { OutputColumnInfo } from '../../detection/detect-schema';
import { datasetDecider, type DatasetCommand, type VersionDraft } from '../../domain/dataset.decider';
import { CampaignDirectory } from '../../infra/campaign-directory';
import { decideInTransaction } from '../../infra/decide-in-transaction';
import { UploadStore, type StoredUpload } from '../../infra/upload-store';
import { FILE_CHUNK_BYTES, VersionRows } from '../../infra/version-rows';
import { NotUtf8Error } from '../../ingestion/ingest-errors';
import { ingestRecords } from '../../ingestion/ingest-records';
import { MeteredUpload } from '../../ingestion/metered-upload';
import { openTable } from '../../ingestion/open-table';
import { DatasetsReadModel } from '../../projections/datasets-read-model/datasets.read-model';
import { datasetsReadModel } from '../../projections/datasets-read-model/datasets-read-model.projection';
import type { IngestResultView } from '../../projections/datasets-read-model/views';
import type { IngestUploadInput } from './ingest-upload.command';

@Injectable()
export class IngestUploadHandler {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATASETS_CONFIG) private readonly config: DatasetsConfig,
    @Inject(UploadStore) private readonly uploads: UploadStore,
    @Inject(CampaignDirectory) private readonly campaigns: CampaignDirectory,
    @Inject(DatasetsReadModel) private readonly readModel: DatasetsReadModel,
  ) {}

  async handle(input: IngestUploadInput, metadata: EventMetadata, caller: CallMeta): Promise<IngestResultView> {
    const organizationId = metadata.organizationId;
    let target: { datasetId: string; campaignId: string; isNew: boolean };
    let outputColumns: OutputColumnInfo[];
    if (input.datasetId) {
      const existing = await this.readModel.datasetRow(organizationId, input.datasetId);
      if (existing.status === 'archived') throw new ConflictError('the dataset is archived; new versions cannot be added');
      target = { datasetId: existing.id, campaignId: existing.campaign_id, isNew: false };
      outputColumns = (await this.campaigns.columnsOrNone(existing.campaign_id, caller)) ?? [];
    } else {
      if (!input.campaignId) throw ValidationError.single('campaignId', 'name the campaign the dataset belongs to');
      // 404 for a campaign of another organization: the caller cannot tell it exists.
      const campaign = await this.campaigns.get(input.campaignId, caller);
      if (campaign.status === 'archived') throw new ConflictError('the campaign is archived; it takes no new datasets');
      target = { datasetId: uuidv7(), campaignId: campaign.id, isNew: true };
      outputColumns = campaign.columns;
    }
    const upload = await this.uploads.find(organizationId, input.uploadId, this.config.limits.maxBytes);
    try {
      try {
        return await this.ingestOnce(input, metadata, target, outputColumns, upload);
      } catch (error) {
        // UTF-8 guessed from the file's head, contradicted later: read it again as Windows-1252.
        if (!(error instanceof NotUtf8Error)) throw error;
        return await this.ingestOnce(input, metadata, target, outputColumns, upload, 'windows-1252');
      }
    } finally {
      await this.uploads.remove(organizationId, input.uploadId);
    }
  }

  private ingestOnce(
    input: IngestUploadInput,
    metadata: EventMetadata,
    target: { datasetId: string; campaignId: string; isNew: boolean },
    outputColumns: OutputColumnInfo[],
    stored: StoredUpload,
    forcedEncoding?: string,
  ): Promise<IngestResultView> {
    const { limits, allowedTargets } = this.config;
    return this.dataSource.transaction(async (manager) => {
      // Duplicate detection sorts every row once: in memory, not in temporary files.
      await manager.query(`set local work_mem = '64MB'`);
      let versionNumber = 1;
      if (!target.isNew) {
        // Serialises concurrent uploads to one dataset: each gets the next number in turn.
        const locked = await this.readModel.datasetRow(metadata.organizationId, target.datasetId, manager, true);
        if (locked.status === 'archived') throw new ConflictError('the dataset is archived; new versions cannot be added');
        versionNumber = locked.latest_version + 1;
      }
      const rows = new VersionRows(manager, { organizationId: metadata.organizationId, datasetId: target.datasetId, version: versionNumber });
      const open = stored.open;
      const upload = new MeteredUpload(open(), { keepChunk: (index, data) => rows.insertFileChunk(index, data) }, limits.maxBytes, FILE_CHUNK_BYTES);
      try {
        const table = await openTable(upload.chunks(), { fileName: input.fileName, sheet: input.sheet, limits, forcedEncoding, reopen: open });
        const ingested = await ingestRecords(
          table.records,
          { limits, allowed: allowedTargets, outputColumns },
          {
            writeRows: async (batch, issues) => {
              await rows.insertRows(batch);
              await rows.insertIssues(issues);
            },
          },
        );
        const file = await upload.finish();
        if (file.sha256 !== stored.sha256) throw new Error(`upload ${input.uploadId} changed or was corrupted while it was read`);
        await rows.insertIssues(ingested.fileIssues);
        await rows.markExactDuplicates();
        await rows.markUrlDuplicates(ingested.schema.urlColumn);
        const stats = await rows.computeStats(ingested.schema);
        const draft: VersionDraft = {
          number: versionNumber,
          file: {
            fileName: input.fileName,
            contentType: input.contentType ?? '',
            format: table.info.format,
            encoding: table.info.encoding,
            delimiter: table.info.delimiter,
            sheet: table.info.sheet,
            byteSize: file.bytes,
            sha256: file.sha256,
            hadBom: table.info.hadBom,
          },
          schema: ingested.schema,
          stats,
          suggestions: ingested.suggestions,
          note: input.note,
        };
        const command: DatasetCommand = target.isNew
          ? { kind: 'create', campaignId: target.campaignId, name: input.name ?? defaultName(input.fileName), description: input.description, version: draft }
          : { kind: 'add_version', version: draft };
        await decideInTransaction(manager, this.store, datasetDecider, target.datasetId, command, metadata, [datasetsReadModel]);
        return {
          dataset: await this.readModel.dataset(metadata.organizationId, target.datasetId, manager),
          version: await this.readModel.version(metadata.organizationId, target.datasetId, versionNumber, manager),
        };
      } finally {
        await upload.close();
      }
    });
  }
}

/** "march-sites.csv" → "march-sites". */
export function defaultName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(csv|tsv|txt|xlsx|json|ndjson|jsonl)$/i, '').trim();
  return (base || 'Dataset').slice(0, 200);
}
