// Dataset versions and their rows: ingestion, schema detection, validation, sampling (DESIGN.md §2).
import { Module } from '@nestjs/common';
import { FieldworkModule } from '@fieldwork/service-kit';

@Module({ imports: [FieldworkModule.forService({ service: 'datasets' })] })
export class DatasetsModule {}
