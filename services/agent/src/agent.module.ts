// The agent worker pool: attempts, knowledge base, examples (DESIGN.md §2, §5).
import { Module } from '@nestjs/common';
import { FieldworkModule } from '@fieldwork/service-kit';

@Module({ imports: [FieldworkModule.forService({ service: 'agent' })] })
export class AgentModule {}
