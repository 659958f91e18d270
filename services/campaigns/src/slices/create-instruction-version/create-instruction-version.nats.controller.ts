// campaigns.instructions.create: a new immutable instruction version (next minor label by
// default, next major on request), as a draft or testing, optionally activated at once.
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import type { campaignEvents } from '@fieldwork/contracts';
import type { CommandHandler } from '@fieldwork/eventstore';
import type { RpcCallContext } from '@fieldwork/messaging';
import { COMMAND_HANDLER } from '@fieldwork/service-kit';
import { instructionDecider } from '../../domain/instruction.decider';
import { campaignsProjection } from '../../projections/campaigns-read-model/campaigns.projection';
import { CampaignsReadModel } from '../../projections/campaigns-read-model/campaigns.read-model';
import { commandMetadata, id, parseInput } from '../shared/inputs';

export const createInstructionVersionInput = z
  .object({
    campaignId: id('a campaign id'),
    promptText: z.string(),
    changeDescription: z.string().optional(),
    bump: z.enum(['minor', 'major']).optional(),
    status: z.enum(['draft', 'testing']).optional(),
    activate: z.boolean().optional(),
  })
  .strict();

@Controller()
export class CreateInstructionVersionController {
  constructor(
    @Inject(COMMAND_HANDLER) private readonly commands: CommandHandler,
    @Inject(CampaignsReadModel) private readonly readModel: CampaignsReadModel,
  ) {}

  @MessagePattern('campaigns.instructions.create')
  async create(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(createInstructionVersionInput, payload);
    const metadata = commandMetadata(ctx);
    const result = await this.commands.handle(instructionDecider, input.campaignId, { kind: 'create-version', ...input }, metadata, {
      projections: [campaignsProjection],
    });
    const created = result.events[0].data as campaignEvents.InstructionVersionCreated;
    return this.readModel.getVersion(metadata.organizationId, input.campaignId, created.versionId);
  }
}
