// Given/when/then helpers for the campaign deciders' unit tests.
import { create, campaignEvents } from '@fieldwork/contracts';
import type { DecideContext } from '@fieldwork/eventstore';
import { evolveCampaign, initialCampaignState, type CampaignEvent, type CampaignState } from './campaign.state';

export function given(...events: CampaignEvent[]): CampaignState {
  return events.reduce((state, event) => evolveCampaign(state, event), initialCampaignState());
}

export function decideContext(): DecideContext {
  let next = 0;
  return { now: new Date('2026-01-01T00:00:00Z'), newId: () => `version-${++next}`, actor: { kind: 'user', id: 'u-1' } };
}

export const created = (overrides: { name?: string; templateId?: string; status?: string } = {}) =>
  create(campaignEvents.CampaignCreatedSchema, {
    name: 'Competitor pricing',
    purpose: 'Monitor prices',
    description: '',
    columns: [
      create(campaignEvents.OutputColumnSchema, { name: 'attraction_name', type: 'text', description: 'Name', required: true }),
      create(campaignEvents.OutputColumnSchema, { name: 'adult_price', type: 'money', description: 'Adult ticket' }),
    ],
    tags: ['pricing'],
    status: 'active',
    ...overrides,
  });

export const versionCreated = (versionId: string, label: string, status = 'draft') => {
  const [major, minor] = label.split('.').map(Number);
  return create(campaignEvents.InstructionVersionCreatedSchema, {
    versionId,
    label,
    number: major * 1000 + minor,
    promptText: `prompt ${label}`,
    status,
  });
};

export const activated = (versionId: string, deprecatedVersionId = '') =>
  create(campaignEvents.InstructionVersionActivatedSchema, { versionId, deprecatedVersionId });

export const archived = () => create(campaignEvents.CampaignArchivedSchema, { reason: '', previousStatus: 'active' });

/** Events as plain objects without the protobuf `$typeName` noise, for readable expectations. */
export function plain(events: CampaignEvent[]): Record<string, unknown>[] {
  return events.map((event) => JSON.parse(JSON.stringify({ type: event.$typeName.split('.').pop(), ...event, $typeName: undefined })));
}
