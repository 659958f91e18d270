// campaigns.instructions.markTesting: a draft version moves to testing (being tried in runs).
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import type { CommandHandler } from '@fieldwork/eventstore';
import type { RpcCallContext } from '@fieldwork/messaging';
import { COMMAND_HANDLER } from '@fieldwork/service-kit';
import { instructionDecider } from '../../domain/instruction.decider';
import { campaignsProjection } from '../../projections/campaigns-read-model/campaigns.projection';
import { CampaignsReadModel } from '../../projections/campaigns-read-model/campaigns.read-model';
import { versionCommandInput } from '../activate-instruction-version/activate-instruction-version.nats.controller';
import { commandMetadata, parseInput } from '../shared/inputs';

@Controller()
export class MarkInstructionTestingController {
  constructor(
    @Inject(COMMAND_HANDLER) private readonly commands: CommandHandler,
    @Inject(CampaignsReadModel) private readonly readModel: CampaignsReadModel,
  ) {}

  @MessagePattern('campaigns.instructions.markTesting')
  async markTesting(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const { campaignId, versionId } = parseInput(versionCommandInput, payload);
    const metadata = commandMetadata(ctx);
    await this.commands.handle(instructionDecider, campaignId, { kind: 'mark-testing', campaignId, versionId }, metadata, {
      projections: [campaignsProjection],
    });
    return this.readModel.getVersion(metadata.organizationId, campaignId, versionId);
  }
}
