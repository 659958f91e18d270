// campaigns.history: the campaign's events, oldest first, with who, what and when.
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import type { RpcCallContext } from '@fieldwork/messaging';
import { CampaignsReadModel } from '../../projections/campaigns-read-model/campaigns.read-model';
import { id, limitOf, pageInput, parseInput } from '../shared/inputs';

export const campaignHistoryInput = z.object({ campaignId: id('a campaign id'), ...pageInput }).strict();

@Controller()
export class CampaignHistoryController {
  constructor(@Inject(CampaignsReadModel) private readonly readModel: CampaignsReadModel) {}

  @MessagePattern('campaigns.history')
  history(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(campaignHistoryInput, payload);
    return this.readModel.history(ctx.organizationId, input.campaignId, limitOf(input.limit), input.cursor);
  }
}
