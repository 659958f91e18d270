// The datasets read model: one row per dataset and per version (file facts, schema, stats,
// ground-truth suggestions), applied inline in the command's transaction so a caller reads its
// own write. Rebuildable from the event store; rows and issues are not part of it.
import type { EntityManager } from 'typeorm';
import type { Projection, RecordedEvent } from '@fieldwork/eventstore';
import type { DatasetEvent } from '../../domain/dataset.decider';
import { fileFromProto, schemaFromProto, statsFromProto, suggestionsFromProto } from '../../domain/version-facts';

export const datasetsReadModel: Projection = {
  name: 'datasets-read-model',
  version: 1,
  handles: [
    'fieldwork.datasets.v1.DatasetCreated',
    'fieldwork.datasets.v1.DatasetVersionCreated',
    'fieldwork.datasets.v1.DatasetSchemaUpdated',
    'fieldwork.datasets.v1.DatasetArchived',
  ],

  async apply(manager: EntityManager, event: RecordedEvent): Promise<void> {
    const data = event.data as DatasetEvent;
    switch (data.$typeName) {
      case 'fieldwork.datasets.v1.DatasetCreated':
        await manager.query(
          `insert into datasets (id, organization_id, campaign_id, name, description, status, created_at, created_by, updated_at)
           values ($1, $2, $3, $4, $5, 'active', $6, $7, $6)
           on conflict (id) do nothing`,
          [event.aggregateId, event.organizationId, data.campaignId, data.name, data.description, event.occurredAt, JSON.stringify(event.actor)],
        );
        return;
      case 'fieldwork.datasets.v1.DatasetVersionCreated':
        await manager.query(
          `insert into dataset_versions (dataset_id, version, organization_id, file, schema, stats, suggestions, note, created_at, created_by)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           on conflict (dataset_id, version) do nothing`,
          [
            event.aggregateId,
            data.version,
            event.organizationId,
            JSON.stringify(fileFromProto(data.file)),
            JSON.stringify(schemaFromProto(data.schema)),
            JSON.stringify(statsFromProto(data.stats)),
            JSON.stringify(suggestionsFromProto(data.suggestions)),
            data.note,
            event.occurredAt,
            JSON.stringify(event.actor),
          ],
        );
        await manager.query(`update datasets set latest_version = greatest(latest_version, $2), updated_at = $3 where id = $1`, [
          event.aggregateId,
          data.version,
          event.occurredAt,
        ]);
        return;
      case 'fieldwork.datasets.v1.DatasetSchemaUpdated':
        await manager.query(
          `update dataset_versions set schema = $3, stats = $4, schema_updated_at = $5 where dataset_id = $1 and version = $2`,
          [event.aggregateId, data.version, JSON.stringify(schemaFromProto(data.schema)), JSON.stringify(statsFromProto(data.stats)), event.occurredAt],
        );
        await manager.query(`update datasets set updated_at = $2 where id = $1`, [event.aggregateId, event.occurredAt]);
        return;
      case 'fieldwork.datasets.v1.DatasetArchived':
        await manager.query(`update datasets set status = 'archived', archived_at = $2, archive_reason = $3, updated_at = $2 where id = $1`, [
          event.aggregateId,
          event.occurredAt,
          data.reason,
        ]);
        return;
      default: {
        const never: never = data;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.query('delete from dataset_versions');
    await manager.query('delete from datasets');
  },
};
