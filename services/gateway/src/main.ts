import './instrumentation';
import { loadServiceConfig, runService } from '@fieldwork/service-kit';
import { GatewayModule } from './gateway.module';

runService(GatewayModule, { service: 'gateway', httpPort: loadServiceConfig('gateway').port });
