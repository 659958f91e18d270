import './instrumentation';
import { runService } from '@fieldwork/service-kit';
import { AgentModule } from './agent.module';

runService(AgentModule, { service: 'agent' });
