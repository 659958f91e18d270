import './instrumentation';
import { runService } from '@fieldwork/service-kit';
import { createAgentModule } from './agent.module';

runService(createAgentModule(), { service: 'agent', shutdownTimeoutMs: 60_000 });
