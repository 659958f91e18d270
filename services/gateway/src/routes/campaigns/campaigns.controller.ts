// Campaigns and their instruction versions: HTTP in front of the campaigns service's NATS
// commands and queries (`campaigns.*`), always on behalf of the caller's organization.
import { Controller, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentCaller, type Caller } from '../../http/caller';
import { Endpoint } from '../../http/endpoint';
import { ServiceForwarder } from '../../http/forward';
import { ValidBody, ValidParams, ValidQuery } from '../../http/input';
import {
  archiveCampaignBody,
  CAMPAIGN_PAGE_REF,
  CAMPAIGN_REF,
  campaignParams,
  createCampaignBody,
  createInstructionVersionBody,
  HISTORY_PAGE_REF,
  INSTRUCTION_LIFECYCLE,
  INSTRUCTION_VERSION_PAGE_REF,
  INSTRUCTION_VERSION_REF,
  listCampaignsQuery,
  pageOnlyQuery,
  updateCampaignBody,
  versionParams,
} from './campaign.schemas';

type CampaignParams = z.infer<typeof campaignParams>;
type VersionParams = z.infer<typeof versionParams>;

@ApiTags('campaigns')
@Controller('v1/campaigns')
export class CampaignsController {
  constructor(@Inject(ServiceForwarder) private readonly services: ServiceForwarder) {}

  @Endpoint('POST', '', {
    summary: 'Create a campaign',
    description: 'From columns (and optionally instructions, which become version 1.0, active), or from a built-in template.',
    access: 'editor',
    body: createCampaignBody,
    response: { status: 201, description: 'The new campaign', schema: CAMPAIGN_REF, headers: { Location: 'URL of the campaign' } },
  })
  async createCampaign(
    @ValidBody() body: z.infer<typeof createCampaignBody>,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const campaign = await this.services.request<{ id: string }>(caller, 'campaigns.create', body);
    response.setHeader('Location', `/v1/campaigns/${campaign.id}`);
    return campaign;
  }

  @Endpoint('GET', '', {
    summary: 'List campaigns, newest first',
    access: 'viewer',
    query: listCampaignsQuery,
    response: { description: 'A page of campaigns', schema: CAMPAIGN_PAGE_REF },
  })
  listCampaigns(@ValidQuery() query: z.infer<typeof listCampaignsQuery>, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'campaigns.list', query);
  }

  @Endpoint('GET', ':campaignId', {
    summary: 'Get a campaign with its columns and active instructions',
    access: 'viewer',
    params: campaignParams,
    response: { description: 'The campaign', schema: CAMPAIGN_REF },
  })
  getCampaign(@ValidParams() params: CampaignParams, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'campaigns.get', params);
  }

  @Endpoint('PATCH', ':campaignId', {
    summary: 'Change a campaign',
    description: 'Only the fields sent change; columns and tags are replaced as a whole. Archived campaigns take no changes (409).',
    access: 'editor',
    params: campaignParams,
    body: updateCampaignBody,
    response: { description: 'The campaign after the change', schema: CAMPAIGN_REF },
    errors: [409],
  })
  updateCampaign(
    @ValidParams() params: CampaignParams,
    @ValidBody() body: z.infer<typeof updateCampaignBody>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.services.request(caller, 'campaigns.update', { ...body, ...params });
  }

  @Endpoint('POST', ':campaignId/archive', {
    summary: 'Archive a campaign (read-only from then on)',
    access: 'editor',
    params: campaignParams,
    body: archiveCampaignBody,
    response: { status: 200, description: 'The archived campaign', schema: CAMPAIGN_REF },
  })
  archiveCampaign(
    @ValidParams() params: CampaignParams,
    @ValidBody() body: z.infer<typeof archiveCampaignBody>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.services.request(caller, 'campaigns.archive', { ...body, ...params });
  }

  @Endpoint('GET', ':campaignId/history', {
    summary: "A campaign's history: every change, who made it and when, oldest first",
    access: 'viewer',
    params: campaignParams,
    query: pageOnlyQuery,
    response: { description: 'A page of history entries', schema: HISTORY_PAGE_REF },
  })
  getCampaignHistory(
    @ValidParams() params: CampaignParams,
    @ValidQuery() query: z.infer<typeof pageOnlyQuery>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.services.request(caller, 'campaigns.history', { ...query, ...params });
  }

  @Endpoint('POST', ':campaignId/instructions', {
    summary: 'Create an instruction version',
    description: `Versions are immutable: an edit is a new version, labelled with the next minor (or, on request, major) number. ${INSTRUCTION_LIFECYCLE}`,
    access: 'editor',
    params: campaignParams,
    body: createInstructionVersionBody,
    response: { status: 201, description: 'The new version', schema: INSTRUCTION_VERSION_REF },
    errors: [409],
  })
  createInstructionVersion(
    @ValidParams() params: CampaignParams,
    @ValidBody() body: z.infer<typeof createInstructionVersionBody>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.services.request(caller, 'campaigns.instructions.create', { ...body, ...params });
  }

  @Endpoint('GET', ':campaignId/instructions', {
    summary: "A campaign's instruction versions, newest first",
    access: 'viewer',
    params: campaignParams,
    query: pageOnlyQuery,
    response: { description: 'A page of versions', schema: INSTRUCTION_VERSION_PAGE_REF },
  })
  listInstructionVersions(
    @ValidParams() params: CampaignParams,
    @ValidQuery() query: z.infer<typeof pageOnlyQuery>,
    @CurrentCaller() caller: Caller,
  ) {
    return this.services.request(caller, 'campaigns.instructions.list', { ...query, ...params });
  }

  @Endpoint('GET', ':campaignId/instructions/:versionId', {
    summary: 'Get an instruction version with its prompt text',
    access: 'viewer',
    params: versionParams,
    response: { description: 'The version', schema: INSTRUCTION_VERSION_REF },
  })
  getInstructionVersion(@ValidParams() params: VersionParams, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'campaigns.instructions.get', params);
  }

  @Endpoint('POST', ':campaignId/instructions/:versionId/activate', {
    summary: 'Activate an instruction version',
    description: `A draft, testing or deprecated version becomes active; the previously active one becomes deprecated. Activating the active version changes nothing. ${INSTRUCTION_LIFECYCLE}`,
    access: 'editor',
    params: versionParams,
    response: { status: 200, description: 'The now active version', schema: INSTRUCTION_VERSION_REF },
    errors: [409],
  })
  activateInstructionVersion(@ValidParams() params: VersionParams, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'campaigns.instructions.activate', params);
  }

  @Endpoint('POST', ':campaignId/instructions/:versionId/mark-testing', {
    summary: 'Mark a draft instruction version as testing',
    description: `Only a draft can be marked testing (a version already testing is left as it is). ${INSTRUCTION_LIFECYCLE}`,
    access: 'editor',
    params: versionParams,
    response: { status: 200, description: 'The version, now testing', schema: INSTRUCTION_VERSION_REF },
    errors: [409],
  })
  markInstructionVersionTesting(@ValidParams() params: VersionParams, @CurrentCaller() caller: Caller) {
    return this.services.request(caller, 'campaigns.instructions.markTesting', params);
  }
}
