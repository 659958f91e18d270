// campaigns.get: a campaign with its columns and active instruction version (prompt text
// included) — what the orchestrator and agent need to run it. One primary-key read.
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import type { RpcCallContext } from '@fieldwork/messaging';
import { CampaignsReadModel } from '../../projections/campaigns-read-model/campaigns.read-model';
import { id, parseInput } from '../shared/inputs';

export const getCampaignInput = z.object({ campaignId: id('a campaign id') }).strict();

@Controller()
export class GetCampaignController {
  constructor(@Inject(CampaignsReadModel) private readonly readModel: CampaignsReadModel) {}

  @MessagePattern('campaigns.get')
  get(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    return this.readModel.getCampaign(ctx.organizationId, parseInput(getCampaignInput, payload).campaignId);
  }
}
