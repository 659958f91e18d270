// Updates a campaign's details and/or status (only what changed is recorded).
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import type { CommandHandler } from '@fieldwork/eventstore';
import type { RpcCallContext } from '@fieldwork/messaging';
import { COMMAND_HANDLER } from '@fieldwork/service-kit';
import { campaignDecider } from '../../domain/campaign.decider';
import { campaignsProjection } from '../../projections/campaigns-read-model/campaigns.projection';
import { CampaignsReadModel } from '../../projections/campaigns-read-model/campaigns.read-model';
import { columnInput, commandMetadata, id, parseInput } from '../shared/inputs';

export const updateCampaignInput = z
  .object({
    campaignId: id('a campaign id'),
    name: z.string().optional(),
    purpose: z.string().optional(),
    description: z.string().optional(),
    columns: z.array(columnInput).optional(),
    tags: z.array(z.string()).optional(),
    status: z.string().optional(),
  })
  .strict();

@Controller()
export class UpdateCampaignController {
  constructor(
    @Inject(COMMAND_HANDLER) private readonly commands: CommandHandler,
    @Inject(CampaignsReadModel) private readonly readModel: CampaignsReadModel,
  ) {}

  @MessagePattern('campaigns.update')
  async update(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const { campaignId, ...changes } = parseInput(updateCampaignInput, payload);
    const metadata = commandMetadata(ctx);
    await this.commands.handle(campaignDecider, campaignId, { kind: 'update', campaignId, changes }, metadata, {
      projections: [campaignsProjection],
    });
    return this.readModel.getCampaign(metadata.organizationId, campaignId);
  }
}
