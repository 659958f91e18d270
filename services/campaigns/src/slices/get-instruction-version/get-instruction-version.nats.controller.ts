// campaigns.instructions.get: one instruction version with its prompt text (runs pin a version).
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcCallContext } from '@fieldwork/messaging';
import { CampaignsReadModel } from '../../projections/campaigns-read-model/campaigns.read-model';
import { versionCommandInput } from '../activate-instruction-version/activate-instruction-version.nats.controller';
import { parseInput } from '../shared/inputs';

@Controller()
export class GetInstructionVersionController {
  constructor(@Inject(CampaignsReadModel) private readonly readModel: CampaignsReadModel) {}

  @MessagePattern('campaigns.instructions.get')
  get(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const { campaignId, versionId } = parseInput(versionCommandInput, payload);
    return this.readModel.getVersion(ctx.organizationId, campaignId, versionId);
  }
}
