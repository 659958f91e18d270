import './instrumentation';
import { runService } from '@fieldwork/service-kit';
import { OrchestratorModule } from './orchestrator.module';

runService(OrchestratorModule, { service: 'orchestrator' });
