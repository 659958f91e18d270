// Dataset versions and their rows: ingestion, schema detection, validation, sampling (DESIGN.md §2).
// Commands and queries arrive over NATS as `datasets.*` request/reply (see docs/datasets.md).
import { Module, type Type } from '@nestjs/common';
import type { RpcClient } from '@fieldwork/messaging';
import { FieldworkModule, NATS, RPC_CLIENT, type NatsHandle, type ServiceConfig } from '@fieldwork/service-kit';
import { DATASETS_CONFIG, loadDatasetsConfig, type DatasetsConfig } from './config/datasets-config';
import { CampaignDirectory } from './infra/campaign-directory';
import { DATASETS_MIGRATIONS } from './infra/migrations/1732400000000-datasets-tables';
import { UploadStore } from './infra/upload-store';
import { DatasetsReadModel } from './projections/datasets-read-model/datasets.read-model';
import { datasetsReadModel } from './projections/datasets-read-model/datasets-read-model.projection';
import { ArchiveDatasetController } from './slices/archive-dataset/archive-dataset.nats.controller';
import { IngestUploadHandler } from './slices/ingest-upload/ingest-upload.handler';
import { IngestUploadController } from './slices/ingest-upload/ingest-upload.nats.controller';
import { ReadDatasetsController } from './slices/read-datasets/read-datasets.nats.controller';
import { SampleRowsController } from './slices/sample-rows/sample-rows.nats.controller';
import { UpdateSchemaHandler } from './slices/update-schema/update-schema.handler';
import { UpdateSchemaController } from './slices/update-schema/update-schema.nats.controller';

export interface DatasetsModuleOptions {
  /** Overrides the environment (in-process tests). */
  config?: ServiceConfig;
  datasets?: Partial<DatasetsConfig>;
}

export function createDatasetsModule(options: DatasetsModuleOptions = {}): Type<unknown> {
  const datasetsConfig: DatasetsConfig = { ...loadDatasetsConfig(), ...options.datasets };
  @Module({
    imports: [
      FieldworkModule.forService({
        service: 'datasets',
        config: options.config,
        migrations: DATASETS_MIGRATIONS,
        inlineProjections: [datasetsReadModel],
      }),
    ],
    controllers: [IngestUploadController, UpdateSchemaController, ArchiveDatasetController, ReadDatasetsController, SampleRowsController],
    providers: [
      { provide: DATASETS_CONFIG, useValue: datasetsConfig },
      {
        provide: UploadStore,
        inject: [NATS],
        useFactory: (nats: NatsHandle) => new UploadStore(nats.js, nats.naming, datasetsConfig.uploadTtlSeconds),
      },
      { provide: CampaignDirectory, inject: [RPC_CLIENT], useFactory: (rpc: RpcClient) => new CampaignDirectory(rpc) },
      DatasetsReadModel,
      IngestUploadHandler,
      UpdateSchemaHandler,
    ],
  })
  class DatasetsModule {}
  return DatasetsModule;
}
