// campaigns.instructions.activate: makes a version the active one; the previously active one
// is deprecated. Activating the active version changes nothing.
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import type { CommandHandler } from '@fieldwork/eventstore';
import type { RpcCallContext } from '@fieldwork/messaging';
import { COMMAND_HANDLER } from '@fieldwork/service-kit';
import { instructionDecider } from '../../domain/instruction.decider';
import { campaignsProjection } from '../../projections/campaigns-read-model/campaigns.projection';
import { CampaignsReadModel } from '../../projections/campaigns-read-model/campaigns.read-model';
import { commandMetadata, id, parseInput } from '../shared/inputs';

export const versionCommandInput = z.object({ campaignId: id('a campaign id'), versionId: id('an instruction version id') }).strict();

@Controller()
export class ActivateInstructionVersionController {
  constructor(
    @Inject(COMMAND_HANDLER) private readonly commands: CommandHandler,
    @Inject(CampaignsReadModel) private readonly readModel: CampaignsReadModel,
  ) {}

  @MessagePattern('campaigns.instructions.activate')
  async activate(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const { campaignId, versionId } = parseInput(versionCommandInput, payload);
    const metadata = commandMetadata(ctx);
    await this.commands.handle(instructionDecider, campaignId, { kind: 'activate', campaignId, versionId }, metadata, {
      projections: [campaignsProjection],
    });
    return this.readModel.getVersion(metadata.organizationId, campaignId, versionId);
  }
}
