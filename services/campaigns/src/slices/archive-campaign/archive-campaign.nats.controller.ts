// Archives a campaign: read-only from then on (idempotent).
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import type { CommandHandler } from '@fieldwork/eventstore';
import type { RpcCallContext } from '@fieldwork/messaging';
import { COMMAND_HANDLER } from '@fieldwork/service-kit';
import { campaignDecider } from '../../domain/campaign.decider';
import { campaignsProjection } from '../../projections/campaigns-read-model/campaigns.projection';
import { CampaignsReadModel } from '../../projections/campaigns-read-model/campaigns.read-model';
import { commandMetadata, id, parseInput } from '../shared/inputs';

export const archiveCampaignInput = z.object({ campaignId: id('a campaign id'), reason: z.string().optional() }).strict();

@Controller()
export class ArchiveCampaignController {
  constructor(
    @Inject(COMMAND_HANDLER) private readonly commands: CommandHandler,
    @Inject(CampaignsReadModel) private readonly readModel: CampaignsReadModel,
  ) {}

  @MessagePattern('campaigns.archive')
  async archive(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const { campaignId, reason } = parseInput(archiveCampaignInput, payload);
    const metadata = commandMetadata(ctx);
    await this.commands.handle(campaignDecider, campaignId, { kind: 'archive', campaignId, reason }, metadata, {
      projections: [campaignsProjection],
    });
    return this.readModel.getCampaign(metadata.organizationId, campaignId);
  }
}
