import { Module } from '@nestjs/common';
import { NATS, type NatsHandle } from '@fieldwork/service-kit';
import { DatasetsController } from './datasets.controller';
import { loadUploadSettings, UploadReceiver } from './upload-receiver';

@Module({
  controllers: [DatasetsController],
  providers: [
    {
      provide: UploadReceiver,
      inject: [NATS],
      useFactory: (nats: NatsHandle) => new UploadReceiver(nats.js, nats.connection, nats.naming, loadUploadSettings()),
    },
  ],
})
export class DatasetsRoutes {}
