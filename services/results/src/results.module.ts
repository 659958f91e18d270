// Snapshots, exports, permalinks, feedback, run diffs and alert deliveries (DESIGN.md §2).
import { Module } from '@nestjs/common';
import { FieldworkModule } from '@fieldwork/service-kit';

@Module({ imports: [FieldworkModule.forService({ service: 'results' })] })
export class ResultsModule {}
