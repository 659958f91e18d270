// One line per event for the campaign's history ("activated instructions 1.1; 1.0 deprecated").
import type { CampaignEvent, CampaignState } from '../../domain/campaign.state';

export function summarizeEvent(event: CampaignEvent, before: CampaignState): string {
  const label = (versionId: string) => before.versions.find((version) => version.versionId === versionId)?.label ?? versionId;
  switch (event.$typeName) {
    case 'fieldwork.campaigns.v1.CampaignCreated':
      return `created the campaign "${event.name}" with ${event.columns.length} column${event.columns.length === 1 ? '' : 's'}${
        event.templateId ? ` from template ${event.templateId}` : ''
      }`;
    case 'fieldwork.campaigns.v1.CampaignUpdated':
      return `changed ${event.changedFields.join(', ')}`;
    case 'fieldwork.campaigns.v1.CampaignStatusChanged':
      return `changed status from ${event.from} to ${event.to}`;
    case 'fieldwork.campaigns.v1.CampaignArchived':
      return `archived the campaign${event.reason ? `: ${event.reason}` : ''}`;
    case 'fieldwork.campaigns.v1.InstructionVersionCreated':
      return `created instructions ${event.label} (${event.status})${event.changeDescription ? `: ${event.changeDescription}` : ''}`;
    case 'fieldwork.campaigns.v1.InstructionVersionMarkedTesting':
      return `started testing instructions ${label(event.versionId)}`;
    case 'fieldwork.campaigns.v1.InstructionVersionActivated':
      return `activated instructions ${label(event.versionId)}${
        event.deprecatedVersionId ? `; ${label(event.deprecatedVersionId)} deprecated` : ''
      }`;
    default: {
      const never: never = event;
      throw new Error(`unknown campaign event ${JSON.stringify(never)}`);
    }
  }
}
