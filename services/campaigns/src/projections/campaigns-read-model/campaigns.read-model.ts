// Queries over the campaigns read model and the event store. Every query filters by the
// caller's organization: another organization's campaign is "not found", exactly like an
// unknown id.
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '@fieldwork/eventstore';
import { eventToJson, NotFoundError } from '@fieldwork/contracts';
import { DATA_SOURCE } from '@fieldwork/service-kit';
import { evolveCampaign, initialCampaignState, type CampaignEvent, type CampaignStatus } from '../../domain/campaign.state';
import { decodeCursor, encodeCursor } from './cursor';
import { summarizeEvent } from './history-summary';
import {
  campaignView,
  instructionVersionView,
  type CampaignRow,
  type CampaignView,
  type HistoryEntryView,
  type InstructionVersionRow,
  type InstructionVersionView,
  type Page,
} from './views';

export interface CampaignFilter {
  /** One status; when absent, every campaign except archived ones. */
  status?: CampaignStatus;
  tag?: string;
  limit: number;
  cursor?: string;
}

@Injectable()
export class CampaignsReadModel {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async getCampaign(organizationId: string, campaignId: string): Promise<CampaignView> {
    const [row] = (await this.dataSource.query(`select * from campaigns where campaign_id = $1 and organization_id = $2`, [
      campaignId,
      organizationId,
    ])) as CampaignRow[];
    if (!row) throw new NotFoundError('Campaign', campaignId);
    return campaignView(row);
  }

  async listCampaigns(organizationId: string, filter: CampaignFilter): Promise<Page<CampaignView>> {
    const after = decodeCursor(filter.cursor, { before: 'uuid' });
    const rows = (await this.dataSource.query(
      `select * from campaigns
       where organization_id = $1
         and (case when $2::text is null then status <> 'archived' else status = $2 end)
         and ($3::text is null or tags @> array[$3::text])
         and ($4::uuid is null or campaign_id < $4::uuid)
       order by campaign_id desc
       limit $5`,
      [organizationId, filter.status ?? null, filter.tag ?? null, after?.before ?? null, filter.limit + 1],
    )) as CampaignRow[];
    return page(rows.map(campaignView), filter.limit, (last) => ({ before: last.id }));
  }

  async listVersions(organizationId: string, campaignId: string, limit: number, cursor?: string): Promise<Page<InstructionVersionView>> {
    await this.assertCampaignExists(organizationId, campaignId);
    const after = decodeCursor(cursor, { below: 'integer' });
    const rows = (await this.dataSource.query(
      `select * from instruction_versions
       where organization_id = $1 and campaign_id = $2 and ($3::int is null or number < $3::int)
       order by number desc
       limit $4`,
      [organizationId, campaignId, after?.below ?? null, limit + 1],
    )) as InstructionVersionRow[];
    return page(rows.map(instructionVersionView), limit, (last) => ({ below: last.number }));
  }

  async getVersion(organizationId: string, campaignId: string, versionId: string): Promise<InstructionVersionView> {
    const [row] = (await this.dataSource.query(
      `select * from instruction_versions where version_id = $1 and campaign_id = $2 and organization_id = $3`,
      [versionId, campaignId, organizationId],
    )) as InstructionVersionRow[];
    if (!row) {
      await this.assertCampaignExists(organizationId, campaignId);
      throw new NotFoundError('Instruction version', versionId);
    }
    return instructionVersionView(row);
  }

  /** The campaign's events, oldest first: who did what, when (the audit trail). */
  async history(organizationId: string, campaignId: string, limit: number, cursor?: string): Promise<Page<HistoryEntryView>> {
    const after = decodeCursor(cursor, { after: 'integer' });
    const rows = (await this.dataSource.query(
      `select ${EVENT_COLUMNS} from events where organization_id = $1 and aggregate_id = $2 order by aggregate_version`,
      [organizationId, campaignId],
    )) as EventRow[];
    if (rows.length === 0) throw new NotFoundError('Campaign', campaignId);
    // Summaries need the state before each event (e.g. which label a version id has), so the
    // whole stream is folded; a campaign's stream stays small (tens to hundreds of events).
    let state = initialCampaignState();
    const entries: HistoryEntryView[] = [];
    for (const row of rows) {
      const event = toRecordedEvent(row);
      const data = event.data as CampaignEvent;
      if (event.aggregateVersion > Number(after?.after ?? 0)) {
        entries.push({
          eventId: event.eventId,
          version: event.aggregateVersion,
          type: event.type.slice(event.type.lastIndexOf('.') + 1),
          occurredAt: event.occurredAt.toISOString(),
          actor: event.actor,
          correlationId: event.correlationId,
          summary: summarizeEvent(data, state),
          data: eventToJson(data),
        });
      }
      state = evolveCampaign(state, data);
    }
    return page(entries, limit, (last) => ({ after: last.version }));
  }

  private async assertCampaignExists(organizationId: string, campaignId: string): Promise<void> {
    const rows = (await this.dataSource.query(`select 1 from campaigns where campaign_id = $1 and organization_id = $2`, [
      campaignId,
      organizationId,
    ])) as unknown[];
    if (rows.length === 0) throw new NotFoundError('Campaign', campaignId);
  }
}

/** `items` holds up to limit + 1 rows: the extra one only tells that there is a next page. */
function page<T>(items: T[], limit: number, keyOf: (last: T) => Record<string, string | number>): Page<T> {
  if (items.length <= limit) return { items, nextCursor: null };
  const kept = items.slice(0, limit);
  return { items: kept, nextCursor: encodeCursor(keyOf(kept[kept.length - 1])) };
}
