// datasets.ingest over NATS: the gateway calls it once the multipart upload is stored.
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcCallContext } from '@fieldwork/messaging';
import { commandMetadata, onBehalfOf, parseInput } from '../shared/inputs';
import { ingestUploadInput } from './ingest-upload.command';
import { IngestUploadHandler } from './ingest-upload.handler';

@Controller()
export class IngestUploadController {
  constructor(@Inject(IngestUploadHandler) private readonly handler: IngestUploadHandler) {}

  @MessagePattern('datasets.ingest')
  ingest(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    return this.handler.handle(parseInput(ingestUploadInput, payload), commandMetadata(ctx), onBehalfOf(ctx));
  }
}
