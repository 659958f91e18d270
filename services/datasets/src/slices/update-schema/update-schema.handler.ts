// datasets.schema.update: changes a version's URL column, ground-truth mapping or column types.
// The rows stay as uploaded (versions are immutable); what is derived from the schema is
// recomputed in the same transaction as the event: URL checks and duplicates when the URL
// column changes, statistics (ground-truth coverage) always.
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EventMetadata, EventStore } from '@fieldwork/eventstore';
import type { CallMeta } from '@fieldwork/messaging';
import { DATA_SOURCE, EVENT_STORE } from '@fieldwork/service-kit';
import { DATASETS_CONFIG, type DatasetsConfig } from '../../config/datasets-config';
import { applySchemaChange, type SchemaChange, type SchemaSpec } from '../../domain/dataset-schema';
import { datasetDecider } from '../../domain/dataset.decider';
import { CampaignDirectory } from '../../infra/campaign-directory';
import { decideInTransaction } from '../../infra/decide-in-transaction';
import { VersionRows } from '../../infra/version-rows';
import { DatasetsReadModel } from '../../projections/datasets-read-model/datasets.read-model';
import { datasetsReadModel } from '../../projections/datasets-read-model/datasets-read-model.projection';
import type { VersionView } from '../../projections/datasets-read-model/views';
import type { IssueDraft } from '../../validation/issues';
import { checkUrlCell, type UrlVerdict } from '../../validation/row-checks';
import type { UpdateSchemaInput } from './update-schema.command';

const REVALIDATE_BATCH = 2_000;

@Injectable()
export class UpdateSchemaHandler {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATASETS_CONFIG) private readonly config: DatasetsConfig,
    @Inject(CampaignDirectory) private readonly campaigns: CampaignDirectory,
    @Inject(DatasetsReadModel) private readonly readModel: DatasetsReadModel,
  ) {}

  async handle(input: UpdateSchemaInput, metadata: EventMetadata, caller: CallMeta): Promise<VersionView> {
    const organizationId = metadata.organizationId;
    const before = await this.readModel.versionRow(organizationId, input.datasetId, input.version);
    const dataset = await this.readModel.datasetRow(organizationId, input.datasetId);
    const mapsGroundTruth = input.groundTruth !== undefined || input.acceptSuggestedGroundTruth === true;
    // New mappings are checked against the campaign's output columns as they are now.
    const outputColumns = mapsGroundTruth ? (await this.campaigns.get(dataset.campaign_id, caller)).columns.map((c) => c.name) : [];

    return this.dataSource.transaction(async (manager) => {
      await manager.query(`set local work_mem = '64MB'`);
      await this.readModel.datasetRow(organizationId, input.datasetId, manager, true);
      const current = (await this.readModel.versionRow(organizationId, input.datasetId, input.version, manager)).schema;
      const change: SchemaChange = {};
      if (input.urlColumn !== undefined) change.urlColumn = input.urlColumn;
      if (input.types) change.types = input.types;
      if (input.groundTruth) change.groundTruth = input.groundTruth;
      if (input.acceptSuggestedGroundTruth) change.groundTruth = before.suggestions.map(({ column, outputColumn }) => ({ column, outputColumn }));
      const { schema, changed } = applySchemaChange(current, change, outputColumns);
      if (changed.length === 0) return this.readModel.version(organizationId, input.datasetId, input.version, manager);

      const rows = new VersionRows(manager, { organizationId, datasetId: input.datasetId, version: input.version });
      if (changed.includes('url_column')) await this.revalidateUrls(rows, schema);
      const stats = await rows.computeStats(schema);
      await decideInTransaction(
        manager,
        this.store,
        datasetDecider,
        input.datasetId,
        { kind: 'update_schema', version: input.version, schema, stats, changed },
        metadata,
        [datasetsReadModel],
      );
      return this.readModel.version(organizationId, input.datasetId, input.version, manager);
    });
  }

  /** Re-checks every row's URL cell in the new URL column, in batches, then finds duplicates again. */
  private async revalidateUrls(rows: VersionRows, schema: SchemaSpec): Promise<void> {
    await rows.clearUrlFindings();
    const column = schema.urlColumn === null ? undefined : schema.columns.find((c) => c.name === schema.urlColumn);
    const index = column ? column.index : null;
    const missing: UrlVerdict = { url: null, host: null, domain: null, problem: 'missing_url', allowlisted: false };
    for (let after = 0; ; ) {
      const batch = await rows.cellsAfter(after, REVALIDATE_BATCH, index);
      if (batch.length === 0) break;
      const updates: (UrlVerdict & { row: number })[] = [];
      const issues: IssueDraft[] = [];
      for (const row of batch) {
        if (row.empty) {
          updates.push({ row: row.row_number, url: null, host: null, domain: null, problem: null, allowlisted: false });
          continue;
        }
        if (index === null || !column) {
          updates.push({ row: row.row_number, ...missing });
          continue;
        }
        const verdict = checkUrlCell(row.value ?? '', row.row_number, column.name, this.config.allowedTargets);
        updates.push({ row: row.row_number, ...verdict });
        if (verdict.issue) issues.push(verdict.issue);
      }
      await rows.updateUrls(updates);
      await rows.insertIssues(issues);
      after = batch[batch.length - 1].row_number;
    }
    if (schema.urlColumn === null) {
      await rows.insertIssues([
        {
          row: null,
          column: null,
          code: 'no_url_column',
          message: 'no URL column is chosen, so no row can be visited: choose one (PATCH the schema with "urlColumn")',
          source: 'url',
        },
      ]);
    }
    await rows.markUrlDuplicates(schema.urlColumn);
  }
}
