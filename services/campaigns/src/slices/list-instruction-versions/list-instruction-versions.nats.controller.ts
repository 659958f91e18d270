// campaigns.instructions.list: a campaign's instruction versions, newest (highest) first.
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import type { RpcCallContext } from '@fieldwork/messaging';
import { CampaignsReadModel } from '../../projections/campaigns-read-model/campaigns.read-model';
import { id, limitOf, pageInput, parseInput } from '../shared/inputs';

export const listInstructionVersionsInput = z.object({ campaignId: id('a campaign id'), ...pageInput }).strict();

@Controller()
export class ListInstructionVersionsController {
  constructor(@Inject(CampaignsReadModel) private readonly readModel: CampaignsReadModel) {}

  @MessagePattern('campaigns.instructions.list')
  list(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(listInstructionVersionsInput, payload);
    return this.readModel.listVersions(ctx.organizationId, input.campaignId, limitOf(input.limit), input.cursor);
  }
}
