// Instruction versions of a campaign: immutable prompt texts with a label ("1.0", "1.1",
// "2.0"), moving draft -> testing -> active -> deprecated. At most one version is active;
// activating one deprecates the one active before. Lives in the campaign's stream, so the
// campaign's status (archived takes no changes) and the versions are decided together.
import { ConflictError, create, NotFoundError, campaignEvents, type FieldIssue } from '@fieldwork/contracts';
import type { DecideContext, Decider } from '@fieldwork/eventstore';
import {
  CAMPAIGN_AGGREGATE,
  evolveCampaign,
  initialCampaignState,
  type CampaignEvent,
  type CampaignState,
  type VersionFacts,
} from './campaign.state';
import { checkText, LIMITS, throwIfAny } from './columns';
import { nextVersionLabel, type VersionBump } from './version-label';

export interface NewInstructionVersion {
  promptText: string;
  changeDescription?: string;
  /** Default "minor"; the first version is always 1.0. */
  bump?: VersionBump;
  /** Default "draft". */
  status?: 'draft' | 'testing';
  /** Activate it at once (deprecating the active one). */
  activate?: boolean;
}

export type InstructionCommand =
  | ({ kind: 'create-version'; campaignId: string } & NewInstructionVersion)
  | { kind: 'mark-testing'; campaignId: string; versionId: string }
  | { kind: 'activate'; campaignId: string; versionId: string };

export function assertChangeable(state: CampaignState, campaignId: string): void {
  if (!state.exists) throw new NotFoundError('Campaign', campaignId);
  if (state.status === 'archived') {
    throw new ConflictError(`campaign ${campaignId} is archived; archived campaigns take no changes`, { campaignId, status: 'archived' });
  }
}

/** The events creating a version (and activating it when asked); used at campaign creation too. */
export function newVersionEvents(
  state: CampaignState,
  input: NewInstructionVersion,
  context: DecideContext,
  path = '',
): CampaignEvent[] {
  const at = (field: string) => (path ? `${path}/${field}` : field);
  const prompt = checkText(input.promptText, at('promptText'), LIMITS.promptText, true);
  const change = checkText(input.changeDescription ?? '', at('changeDescription'), LIMITS.changeDescription);
  const issues: FieldIssue[] = [...prompt.issues, ...change.issues];
  throwIfAny(issues);
  const label = nextVersionLabel(state.versions, input.bump ?? 'minor');
  const versionId = context.newId();
  const events: CampaignEvent[] = [
    create(campaignEvents.InstructionVersionCreatedSchema, {
      versionId,
      label: label.label,
      number: label.number,
      promptText: prompt.text,
      changeDescription: change.text,
      status: input.status ?? 'draft',
    }),
  ];
  if (input.activate) {
    events.push(
      create(campaignEvents.InstructionVersionActivatedSchema, {
        versionId,
        deprecatedVersionId: state.activeVersionId ?? '',
      }),
    );
  }
  return events;
}

function findVersion(state: CampaignState, versionId: string): VersionFacts {
  const version = state.versions.find((candidate) => candidate.versionId === versionId);
  if (!version) throw new NotFoundError('Instruction version', versionId);
  return version;
}

export const instructionDecider: Decider<CampaignState, InstructionCommand, CampaignEvent> = {
  aggregateType: CAMPAIGN_AGGREGATE,
  initialState: initialCampaignState,
  decide(command, state, context) {
    assertChangeable(state, command.campaignId);
    switch (command.kind) {
      case 'create-version':
        return newVersionEvents(state, command, context);
      case 'mark-testing': {
        const version = findVersion(state, command.versionId);
        if (version.status === 'testing') return [];
        if (version.status !== 'draft') {
          throw new ConflictError(`version ${version.label} is ${version.status}; only a draft version can be marked testing`, {
            versionId: version.versionId,
            status: version.status,
          });
        }
        return [create(campaignEvents.InstructionVersionMarkedTestingSchema, { versionId: version.versionId })];
      }
      case 'activate': {
        const version = findVersion(state, command.versionId);
        if (version.status === 'active') return [];
        // Deprecated versions may be activated again: rolling back to a version that worked.
        return [
          create(campaignEvents.InstructionVersionActivatedSchema, {
            versionId: version.versionId,
            deprecatedVersionId: state.activeVersionId ?? '',
          }),
        ];
      }
      default: {
        const never: never = command;
        throw new Error(`unknown instruction command ${JSON.stringify(never)}`);
      }
    }
  },
  evolve: evolveCampaign,
};
