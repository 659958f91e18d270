// A campaign: name, purpose, description, output columns, tags and status. Created (optionally
// with instructions 1.0, active at once), updated field by field, moved between active, paused
// and completed, and archived — after which it takes no changes.
import { ConflictError, create, NotFoundError, ValidationError, campaignEvents, type FieldIssue } from '@fieldwork/contracts';
import type { DecideContext, Decider } from '@fieldwork/eventstore';
import {
  CAMPAIGN_AGGREGATE,
  evolveCampaign,
  initialCampaignState,
  SETTABLE_STATUSES,
  type CampaignEvent,
  type CampaignState,
  type SettableStatus,
} from './campaign.state';
import {
  checkColumns,
  checkTags,
  checkText,
  LIMITS,
  sameColumns,
  throwIfAny,
  type OutputColumn,
  type OutputColumnInput,
} from './columns';
import { assertChangeable, newVersionEvents } from './instruction.decider';

export interface CampaignDetailsInput {
  name: string;
  purpose?: string;
  description?: string;
  columns: OutputColumnInput[];
  tags?: string[];
}

export interface CampaignChanges {
  name?: string;
  purpose?: string;
  description?: string;
  columns?: OutputColumnInput[];
  tags?: string[];
  status?: string;
}

export type CampaignCommand =
  | {
      kind: 'create';
      campaignId: string;
      details: CampaignDetailsInput;
      templateId?: string;
      instructions?: { promptText: string; changeDescription?: string };
    }
  | { kind: 'update'; campaignId: string; changes: CampaignChanges }
  | { kind: 'archive'; campaignId: string; reason?: string };

const toEventColumns = (columns: OutputColumn[]) => columns.map((column) => create(campaignEvents.OutputColumnSchema, column));

function decideCreate(
  command: Extract<CampaignCommand, { kind: 'create' }>,
  state: CampaignState,
  context: DecideContext,
): CampaignEvent[] {
  if (state.exists) throw new ConflictError(`campaign ${command.campaignId} already exists`, { campaignId: command.campaignId });
  const { details } = command;
  const name = checkText(details.name, 'name', LIMITS.name, true);
  const purpose = checkText(details.purpose ?? '', 'purpose', LIMITS.purpose);
  const description = checkText(details.description ?? '', 'description', LIMITS.description);
  const columns = checkColumns(details.columns);
  const tags = checkTags(details.tags ?? []);
  throwIfAny([...name.issues, ...purpose.issues, ...description.issues, ...columns.issues, ...tags.issues]);
  const created = create(campaignEvents.CampaignCreatedSchema, {
    name: name.text,
    purpose: purpose.text,
    description: description.text,
    columns: toEventColumns(columns.columns),
    tags: tags.tags,
    templateId: command.templateId ?? '',
    status: 'active',
  });
  if (!command.instructions) return [created];
  const afterCreate = evolveCampaign(state, created);
  return [created, ...newVersionEvents(afterCreate, { ...command.instructions, activate: true }, context, 'instructions')];
}

function decideUpdate(command: Extract<CampaignCommand, { kind: 'update' }>, state: CampaignState): CampaignEvent[] {
  assertChangeable(state, command.campaignId);
  const { changes } = command;
  const issues: FieldIssue[] = [];
  const changed: string[] = [];
  const next = { name: '', purpose: '', description: '', columns: [] as OutputColumn[], tags: [] as string[] };
  const text = (field: 'name' | 'purpose' | 'description', max: number, required = false) => {
    const value = changes[field];
    if (value === undefined) return;
    const checked = checkText(value, field, max, required);
    issues.push(...checked.issues);
    if (checked.text !== state[field]) {
      next[field] = checked.text;
      changed.push(field);
    }
  };
  text('name', LIMITS.name, true);
  text('purpose', LIMITS.purpose);
  text('description', LIMITS.description);
  if (changes.columns !== undefined) {
    const columns = checkColumns(changes.columns);
    issues.push(...columns.issues);
    if (!sameColumns(columns.columns, state.columns)) {
      next.columns = columns.columns;
      changed.push('columns');
    }
  }
  if (changes.tags !== undefined) {
    const tags = checkTags(changes.tags);
    issues.push(...tags.issues);
    if (JSON.stringify(tags.tags) !== JSON.stringify(state.tags)) {
      next.tags = tags.tags;
      changed.push('tags');
    }
  }
  let status: SettableStatus | undefined;
  if (changes.status !== undefined) {
    if (changes.status === 'archived') {
      issues.push({ path: 'status', message: 'archive a campaign with POST /v1/campaigns/{id}/archive (campaigns.archive)' });
    } else if (!(SETTABLE_STATUSES as readonly string[]).includes(changes.status)) {
      issues.push({ path: 'status', message: `unknown status "${changes.status}"; use one of ${SETTABLE_STATUSES.join(', ')}` });
    } else if (changes.status !== state.status) {
      status = changes.status as SettableStatus;
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const events: CampaignEvent[] = [];
  if (changed.length > 0) {
    events.push(
      create(campaignEvents.CampaignUpdatedSchema, { changedFields: changed, ...next, columns: toEventColumns(next.columns) }),
    );
  }
  if (status) events.push(create(campaignEvents.CampaignStatusChangedSchema, { from: state.status, to: status }));
  return events;
}

export const campaignDecider: Decider<CampaignState, CampaignCommand, CampaignEvent> = {
  aggregateType: CAMPAIGN_AGGREGATE,
  initialState: initialCampaignState,
  decide(command, state, context) {
    switch (command.kind) {
      case 'create':
        return decideCreate(command, state, context);
      case 'update':
        return decideUpdate(command, state);
      case 'archive': {
        if (!state.exists) throw new NotFoundError('Campaign', command.campaignId);
        if (state.status === 'archived') return [];
        const reason = checkText(command.reason ?? '', 'reason', LIMITS.reason);
        throwIfAny(reason.issues);
        return [create(campaignEvents.CampaignArchivedSchema, { reason: reason.text, previousStatus: state.status })];
      }
      default: {
        const never: never = command;
        throw new Error(`unknown campaign command ${JSON.stringify(never)}`);
      }
    }
  },
  evolve: evolveCampaign,
};
