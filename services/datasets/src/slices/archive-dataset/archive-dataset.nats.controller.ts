// datasets.archive: hides a dataset from its campaign's list and refuses new versions. Its
// versions stay readable and sampleable: runs that used them must stay explainable.
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import type { CommandHandler } from '@fieldwork/eventstore';
import type { RpcCallContext } from '@fieldwork/messaging';
import { COMMAND_HANDLER } from '@fieldwork/service-kit';
import { datasetDecider } from '../../domain/dataset.decider';
import { DatasetsReadModel } from '../../projections/datasets-read-model/datasets.read-model';
import { datasetsReadModel } from '../../projections/datasets-read-model/datasets-read-model.projection';
import { commandMetadata, id, parseInput } from '../shared/inputs';

export const archiveDatasetInput = z.object({ datasetId: id('a dataset id'), reason: z.string().max(500).optional() }).strict();

@Controller()
export class ArchiveDatasetController {
  constructor(
    @Inject(COMMAND_HANDLER) private readonly commands: CommandHandler,
    @Inject(DatasetsReadModel) private readonly readModel: DatasetsReadModel,
  ) {}

  @MessagePattern('datasets.archive')
  async archive(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const input = parseInput(archiveDatasetInput, payload);
    await this.readModel.datasetRow(ctx.organizationId, input.datasetId);
    await this.commands.handle(datasetDecider, input.datasetId, { kind: 'archive', reason: input.reason }, commandMetadata(ctx), {
      projections: [datasetsReadModel],
    });
    return this.readModel.dataset(ctx.organizationId, input.datasetId);
  }
}
