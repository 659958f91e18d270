// The shapes the campaigns service answers with over NATS (documented in
// docs/api-conventions.md; the gateway returns them as they are). Other services rely on
// `CampaignView.columns` and `CampaignView.activeInstruction.promptText`: keep them complete.
import type { ActorRef } from '@fieldwork/contracts';
import type { CampaignStatus, InstructionStatus } from '../../domain/campaign.state';
import type { OutputColumn } from '../../domain/columns';

export interface InstructionVersionView {
  id: string;
  campaignId: string;
  label: string;
  number: number;
  promptText: string;
  changeDescription: string;
  status: InstructionStatus;
  createdAt: string;
  createdBy: ActorRef;
  activatedAt: string | null;
  deprecatedAt: string | null;
}

export interface CampaignView {
  id: string;
  name: string;
  purpose: string;
  description: string;
  status: CampaignStatus;
  columns: OutputColumn[];
  tags: string[];
  templateId: string | null;
  activeInstruction: InstructionVersionView | null;
  createdAt: string;
  createdBy: ActorRef;
  updatedAt: string;
  updatedBy: ActorRef;
  archivedAt: string | null;
  /** Number of events in the campaign's stream: grows with every change. */
  version: number;
}

export interface HistoryEntryView {
  eventId: string;
  version: number;
  type: string;
  occurredAt: string;
  actor: ActorRef;
  correlationId: string;
  summary: string;
  data: unknown;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export interface CampaignRow {
  campaign_id: string;
  organization_id: string;
  name: string;
  purpose: string;
  description: string;
  status: CampaignStatus;
  columns: OutputColumn[];
  tags: string[];
  template_id: string | null;
  active_instruction: InstructionVersionView | null;
  created_at: Date;
  created_by: ActorRef;
  updated_at: Date;
  updated_by: ActorRef;
  archived_at: Date | null;
  version: number;
}

export interface InstructionVersionRow {
  version_id: string;
  campaign_id: string;
  label: string;
  number: number;
  prompt_text: string;
  change_description: string;
  status: InstructionStatus;
  created_at: Date;
  created_by: ActorRef;
  activated_at: Date | null;
  deprecated_at: Date | null;
}

const iso = (value: Date | string): string => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value));

export function campaignView(row: CampaignRow): CampaignView {
  return {
    id: row.campaign_id,
    name: row.name,
    purpose: row.purpose,
    description: row.description,
    status: row.status,
    columns: row.columns,
    tags: row.tags,
    templateId: row.template_id,
    activeInstruction: row.active_instruction,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by,
    archivedAt: isoOrNull(row.archived_at),
    version: row.version,
  };
}

export function instructionVersionView(row: InstructionVersionRow): InstructionVersionView {
  return {
    id: row.version_id,
    campaignId: row.campaign_id,
    label: row.label,
    number: row.number,
    promptText: row.prompt_text,
    changeDescription: row.change_description,
    status: row.status,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    activatedAt: isoOrNull(row.activated_at),
    deprecatedAt: isoOrNull(row.deprecated_at),
  };
}
