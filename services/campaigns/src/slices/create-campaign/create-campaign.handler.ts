// Creates a campaign: from the caller's details, or from a built-in template with the caller's
// fields taking precedence; with instructions, version 1.0 is created active at once.
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { ValidationError, type FieldIssue } from '@fieldwork/contracts';
import type { CommandHandler, EventMetadata } from '@fieldwork/eventstore';
import { COMMAND_HANDLER } from '@fieldwork/service-kit';
import { campaignDecider, type CampaignDetailsInput } from '../../domain/campaign.decider';
import { applyTemplate } from '../../domain/templates';
import { campaignsProjection } from '../../projections/campaigns-read-model/campaigns.projection';
import { CampaignsReadModel } from '../../projections/campaigns-read-model/campaigns.read-model';
import type { CampaignView } from '../../projections/campaigns-read-model/views';
import { columnInput, instructionsInput } from '../shared/inputs';

export const createCampaignInput = z
  .object({
    name: z.string().optional(),
    purpose: z.string().optional(),
    description: z.string().optional(),
    columns: z.array(columnInput).optional(),
    tags: z.array(z.string()).optional(),
    templateId: z.string().optional(),
    instructions: instructionsInput.optional(),
  })
  .strict();
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

@Injectable()
export class CreateCampaignHandler {
  constructor(
    @Inject(COMMAND_HANDLER) private readonly commands: CommandHandler,
    @Inject(CampaignsReadModel) private readonly readModel: CampaignsReadModel,
  ) {}

  async handle(input: CreateCampaignInput, metadata: EventMetadata): Promise<CampaignView> {
    let details: CampaignDetailsInput;
    let instructions = input.instructions;
    if (input.templateId !== undefined) {
      ({ details, instructions } = applyTemplate(input.templateId, input));
    } else {
      const issues: FieldIssue[] = [];
      if (input.name === undefined) issues.push({ path: 'name', message: 'is required (or start from a templateId)' });
      if (input.columns === undefined) issues.push({ path: 'columns', message: 'is required: list the output columns (or start from a templateId)' });
      if (issues.length > 0) throw new ValidationError(issues);
      details = { ...input, name: input.name ?? '', columns: input.columns ?? [] };
    }
    const campaignId = uuidv7();
    await this.commands.handle(
      campaignDecider,
      campaignId,
      { kind: 'create', campaignId, details, templateId: input.templateId, instructions },
      metadata,
      { projections: [campaignsProjection] },
    );
    return this.readModel.getCampaign(metadata.organizationId, campaignId);
  }
}
