// Inline projection (applied in the command's transaction, so a caller reads its own write):
// campaigns and instruction_versions. Idempotent — each campaign row remembers the stream
// version it has applied and ignores anything not newer — and rebuildable from the event store.
import type { EntityManager } from 'typeorm';
import type { Projection, RecordedEvent } from '@fieldwork/eventstore';
import { columnsFromEvent, type CampaignEvent } from '../../domain/campaign.state';
import { instructionVersionView, type InstructionVersionRow } from './views';

const HANDLES = [
  'fieldwork.campaigns.v1.CampaignCreated',
  'fieldwork.campaigns.v1.CampaignUpdated',
  'fieldwork.campaigns.v1.CampaignStatusChanged',
  'fieldwork.campaigns.v1.CampaignArchived',
  'fieldwork.campaigns.v1.InstructionVersionCreated',
  'fieldwork.campaigns.v1.InstructionVersionMarkedTesting',
  'fieldwork.campaigns.v1.InstructionVersionActivated',
] as const satisfies readonly CampaignEvent['$typeName'][];

/**
 * Moves the campaign row to this event's version, with extra assignments; returns false when
 * the row already has it (a repeated delivery), so the caller skips its other writes too.
 */
async function touchCampaign(manager: EntityManager, event: RecordedEvent, assignments = '', values: unknown[] = []): Promise<boolean> {
  const params = [event.aggregateId, event.aggregateVersion, event.occurredAt, JSON.stringify(event.actor), ...values];
  const [, affected] = (await manager.query(
    `update campaigns set version = $2, updated_at = $3, updated_by = $4::jsonb ${assignments ? `, ${assignments}` : ''}
     where campaign_id = $1 and version < $2`,
    params,
  )) as [unknown, number];
  return affected > 0;
}

export const campaignsProjection: Projection = {
  name: 'campaigns-read-model',
  version: 1,
  handles: HANDLES,
  async apply(manager, event) {
    const data = event.data as CampaignEvent;
    switch (data.$typeName) {
      case 'fieldwork.campaigns.v1.CampaignCreated':
        await manager.query(
          `insert into campaigns (campaign_id, organization_id, name, purpose, description, status, columns, tags, template_id,
                                  created_at, created_by, updated_at, updated_by, version)
           values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11::jsonb, $10, $11::jsonb, $12)
           on conflict (campaign_id) do nothing`,
          [
            event.aggregateId,
            event.organizationId,
            data.name,
            data.purpose,
            data.description,
            data.status || 'active',
            JSON.stringify(columnsFromEvent(data.columns)),
            data.tags,
            data.templateId || null,
            event.occurredAt,
            JSON.stringify(event.actor),
            event.aggregateVersion,
          ],
        );
        return;
      case 'fieldwork.campaigns.v1.CampaignUpdated': {
        const changed = new Set(data.changedFields);
        const assignments: string[] = [];
        const values: unknown[] = [];
        const set = (column: string, value: unknown, cast = '') => {
          values.push(value);
          assignments.push(`${column} = $${4 + values.length}${cast}`);
        };
        if (changed.has('name')) set('name', data.name);
        if (changed.has('purpose')) set('purpose', data.purpose);
        if (changed.has('description')) set('description', data.description);
        if (changed.has('columns')) set('columns', JSON.stringify(columnsFromEvent(data.columns)), '::jsonb');
        if (changed.has('tags')) set('tags', data.tags);
        await touchCampaign(manager, event, assignments.join(', '), values);
        return;
      }
      case 'fieldwork.campaigns.v1.CampaignStatusChanged':
        await touchCampaign(manager, event, 'status = $5', [data.to]);
        return;
      case 'fieldwork.campaigns.v1.CampaignArchived':
        await touchCampaign(manager, event, `status = 'archived', archived_at = $3`);
        return;
      case 'fieldwork.campaigns.v1.InstructionVersionCreated':
        if (!(await touchCampaign(manager, event))) return;
        await manager.query(
          `insert into instruction_versions (version_id, campaign_id, organization_id, label, number, prompt_text,
                                             change_description, status, created_at, created_by)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
           on conflict (version_id) do nothing`,
          [
            data.versionId,
            event.aggregateId,
            event.organizationId,
            data.label,
            data.number,
            data.promptText,
            data.changeDescription,
            data.status,
            event.occurredAt,
            JSON.stringify(event.actor),
          ],
        );
        return;
      case 'fieldwork.campaigns.v1.InstructionVersionMarkedTesting':
        if (!(await touchCampaign(manager, event))) return;
        await manager.query(`update instruction_versions set status = 'testing' where version_id = $1`, [data.versionId]);
        return;
      case 'fieldwork.campaigns.v1.InstructionVersionActivated': {
        if (!(await touchCampaign(manager, event))) return;
        if (data.deprecatedVersionId) {
          await manager.query(`update instruction_versions set status = 'deprecated', deprecated_at = $2 where version_id = $1`, [
            data.deprecatedVersionId,
            event.occurredAt,
          ]);
        }
        // UPDATE through TypeORM answers [rows, affected count].
        const [rows] = (await manager.query(
          `update instruction_versions set status = 'active', activated_at = $2, deprecated_at = null
           where version_id = $1 returning *`,
          [data.versionId, event.occurredAt],
        )) as [InstructionVersionRow[], number];
        await manager.query(`update campaigns set active_instruction = $2::jsonb where campaign_id = $1`, [
          event.aggregateId,
          JSON.stringify(instructionVersionView(rows[0])),
        ]);
        return;
      }
      default: {
        const never: never = data;
        throw new Error(`unknown campaign event ${JSON.stringify(never)}`);
      }
    }
  },
  async reset(manager) {
    await manager.query('delete from instruction_versions');
    await manager.query('delete from campaigns');
  },
};
