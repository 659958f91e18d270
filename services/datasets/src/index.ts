// What tools (e2e harness, benchmarks) may use to start the datasets service in-process, and
// the shapes it answers with.
export { createDatasetsModule, type DatasetsModuleOptions } from './datasets.module';
export { loadDatasetsConfig, type DatasetsConfig, type DatasetLimits } from './config/datasets-config';
export { UploadStore, uploadsBucket, uploadObjectName } from './infra/upload-store';
export type * from './projections/datasets-read-model/views';
