// datasets.schema.update over NATS (PATCH /v1/datasets/:id/versions/:n/schema at the gateway).
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcCallContext } from '@fieldwork/messaging';
import { commandMetadata, onBehalfOf, parseInput } from '../shared/inputs';
import { updateSchemaInput } from './update-schema.command';
import { UpdateSchemaHandler } from './update-schema.handler';

@Controller()
export class UpdateSchemaController {
  constructor(@Inject(UpdateSchemaHandler) private readonly handler: UpdateSchemaHandler) {}

  @MessagePattern('datasets.schema.update')
  update(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    return this.handler.handle(parseInput(updateSchemaInput, payload), commandMetadata(ctx), onBehalfOf(ctx));
  }
}
