// The state of one campaign stream as the deciders see it: the campaign's details and status,
// and the lightweight facts about its instruction versions that the rules need (labels, numbers,
// statuses, which one is active). Both deciders fold the same events with `evolveCampaign`.
import type { campaignEvents } from '@fieldwork/contracts';
import type { EventFacts } from '@fieldwork/eventstore';
import type { ColumnType, OutputColumn } from './columns';

export const CAMPAIGN_AGGREGATE = 'campaign';

export const CAMPAIGN_STATUSES = ['active', 'paused', 'completed', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
/** Statuses a campaign can be moved to with an update (archiving has its own command). */
export const SETTABLE_STATUSES = ['active', 'paused', 'completed'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export const INSTRUCTION_STATUSES = ['draft', 'testing', 'active', 'deprecated'] as const;
export type InstructionStatus = (typeof INSTRUCTION_STATUSES)[number];

export interface VersionFacts {
  versionId: string;
  label: string;
  number: number;
  status: InstructionStatus;
}

export interface CampaignState {
  exists: boolean;
  status: CampaignStatus;
  name: string;
  purpose: string;
  description: string;
  columns: OutputColumn[];
  tags: string[];
  versions: VersionFacts[];
  activeVersionId?: string;
}

export type CampaignEvent =
  | campaignEvents.CampaignCreated
  | campaignEvents.CampaignUpdated
  | campaignEvents.CampaignStatusChanged
  | campaignEvents.CampaignArchived
  | campaignEvents.InstructionVersionCreated
  | campaignEvents.InstructionVersionMarkedTesting
  | campaignEvents.InstructionVersionActivated;

export function initialCampaignState(): CampaignState {
  return { exists: false, status: 'active', name: '', purpose: '', description: '', columns: [], tags: [], versions: [] };
}

export function columnsFromEvent(columns: readonly campaignEvents.OutputColumn[]): OutputColumn[] {
  return columns.map((column) => ({
    name: column.name,
    type: column.type as ColumnType,
    description: column.description,
    required: column.required,
    enumValues: [...column.enumValues],
  }));
}

export function evolveCampaign(state: CampaignState, event: CampaignEvent, _facts?: EventFacts): CampaignState {
  switch (event.$typeName) {
    case 'fieldwork.campaigns.v1.CampaignCreated':
      return {
        ...state,
        exists: true,
        status: (event.status || 'active') as CampaignStatus,
        name: event.name,
        purpose: event.purpose,
        description: event.description,
        columns: columnsFromEvent(event.columns),
        tags: [...event.tags],
      };
    case 'fieldwork.campaigns.v1.CampaignUpdated': {
      const changed = new Set(event.changedFields);
      return {
        ...state,
        name: changed.has('name') ? event.name : state.name,
        purpose: changed.has('purpose') ? event.purpose : state.purpose,
        description: changed.has('description') ? event.description : state.description,
        columns: changed.has('columns') ? columnsFromEvent(event.columns) : state.columns,
        tags: changed.has('tags') ? [...event.tags] : state.tags,
      };
    }
    case 'fieldwork.campaigns.v1.CampaignStatusChanged':
      return { ...state, status: event.to as CampaignStatus };
    case 'fieldwork.campaigns.v1.CampaignArchived':
      return { ...state, status: 'archived' };
    case 'fieldwork.campaigns.v1.InstructionVersionCreated':
      return {
        ...state,
        versions: [
          ...state.versions,
          { versionId: event.versionId, label: event.label, number: event.number, status: event.status as InstructionStatus },
        ],
      };
    case 'fieldwork.campaigns.v1.InstructionVersionMarkedTesting':
      return {
        ...state,
        versions: state.versions.map((version) =>
          version.versionId === event.versionId ? { ...version, status: 'testing' } : version,
        ),
      };
    case 'fieldwork.campaigns.v1.InstructionVersionActivated':
      return {
        ...state,
        activeVersionId: event.versionId,
        versions: state.versions.map((version) => {
          if (version.versionId === event.versionId) return { ...version, status: 'active' };
          if (version.versionId === event.deprecatedVersionId) return { ...version, status: 'deprecated' };
          return version;
        }),
      };
    default: {
      const never: never = event;
      throw new Error(`unknown campaign event ${JSON.stringify(never)}`);
    }
  }
}
