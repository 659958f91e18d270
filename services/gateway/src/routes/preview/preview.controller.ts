// POST /v1/campaigns/:campaignId/preview — runs one attempt now, on one URL, with the campaign's
// columns and an instruction version, through an agent worker (`agent.preview` over NATS
// request/reply), and answers with everything the attempt produced. The "try it on one site"
// step while writing instructions; nothing is recorded.
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentCaller, type Caller } from '../../http/caller';
import { Endpoint } from '../../http/endpoint';
import { ServiceForwarder } from '../../http/forward';
import { ValidBody, ValidParams } from '../../http/input';
import { PREVIEW_REF, previewBody, previewParams } from './preview.schemas';

interface CampaignColumns {
  columns: { name: string; type: string; description: string; required: boolean; enumValues: string[] }[];
  activeInstruction: { id: string; promptText: string } | null;
}

/** How long the gateway waits for the agent: the attempt's budget plus a margin. */
const AGENT_TIMEOUT_MS = 150_000;

@ApiTags('campaigns')
@Controller('v1/campaigns')
export class PreviewController {
  constructor(@Inject(ServiceForwarder) private readonly services: ServiceForwarder) {}

  @Endpoint('POST', ':campaignId/preview', {
    summary: 'Try the campaign on one site',
    description:
      "Runs one attempt synchronously with the campaign's columns and the given (or active) instruction version, and answers with its status, fields with confidence and evidence, the plan's steps, timings, usage and screenshot keys. Nothing is recorded.",
    access: 'editor',
    params: previewParams,
    body: previewBody,
    response: { status: 200, description: 'What the attempt produced', schema: PREVIEW_REF },
  })
  async previewCampaign(
    @ValidParams() params: z.infer<typeof previewParams>,
    @ValidBody() body: z.infer<typeof previewBody>,
    @CurrentCaller() caller: Caller,
  ) {
    const campaign = await this.services.request<CampaignColumns>(caller, 'campaigns.get', { campaignId: params.campaignId });
    const instruction = body.instructionVersionId
      ? await this.services.request<{ id: string; promptText: string }>(caller, 'campaigns.instructions.get', {
          campaignId: params.campaignId,
          versionId: body.instructionVersionId,
        })
      : campaign.activeInstruction;
    return this.services.request(
      caller,
      'agent.preview',
      {
        url: body.url,
        campaignId: params.campaignId,
        instructionVersionId: instruction?.id,
        instructionText: instruction?.promptText ?? '',
        columns: campaign.columns.map((column) => ({
          name: column.name,
          type: column.type,
          description: column.description || undefined,
          required: column.required,
          enumValues: column.enumValues.length > 0 ? column.enumValues : undefined,
        })),
        mode: body.mode,
        strategy: body.strategy,
        budget: body.screenshots === undefined && body.totalMs === undefined ? undefined : { screenshots: body.screenshots, totalMs: body.totalMs },
      },
      { timeoutMs: AGENT_TIMEOUT_MS },
    );
  }
}
