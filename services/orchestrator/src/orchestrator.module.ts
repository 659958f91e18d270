// Runs, tasks and comparisons: sampling, dispatch to the agent pool, retries, live stats (DESIGN.md §2).
import { Module } from '@nestjs/common';
import { FieldworkModule } from '@fieldwork/service-kit';

@Module({ imports: [FieldworkModule.forService({ service: 'orchestrator' })] })
export class OrchestratorModule {}
