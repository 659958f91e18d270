// campaigns.list: the organization's campaigns, newest first, filtered by status and tag.
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import type { RpcCallContext } from '@fieldwork/messaging';
import { CAMPAIGN_STATUSES } from '../../domain/campaign.state';
import { CampaignsReadModel } from '../../projections/campaigns-read-model/campaigns.read-model';
import { limitOf, pageInput, parseInput } from '../shared/inputs';

export const listCampaignsInput = z
  .object({ status: z.enum(CAMPAIGN_STATUSES).optional(), tag: z.string().min(1).max(50).optional(), ...pageInput })
  .strict();

@Controller()
export class ListCampaignsController {
  constructor(@Inject(CampaignsReadModel) private readonly readModel: CampaignsReadModel) {}

  @MessagePattern('campaigns.list')
  list(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(listCampaignsInput, payload);
    return this.readModel.listCampaigns(ctx.organizationId, { ...input, limit: limitOf(input.limit) });
  }
}
