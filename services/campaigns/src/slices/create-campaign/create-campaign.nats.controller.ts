import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcCallContext } from '@fieldwork/messaging';
import { commandMetadata, parseInput } from '../shared/inputs';
import { createCampaignInput, CreateCampaignHandler } from './create-campaign.handler';

@Controller()
export class CreateCampaignController {
  constructor(@Inject(CreateCampaignHandler) private readonly handler: CreateCampaignHandler) {}

  @MessagePattern('campaigns.create')
  create(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    return this.handler.handle(parseInput(createCampaignInput, payload), commandMetadata(ctx));
  }
}
