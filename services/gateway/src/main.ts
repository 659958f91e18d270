import './instrumentation';
import { loadServiceConfig, runService } from '@fieldwork/service-kit';
import { createGatewayModule } from './gateway.module';
import { configureGatewayHttp } from './http/configure-http';

runService(createGatewayModule(), {
  service: 'gateway',
  httpPort: loadServiceConfig('gateway').port,
  configureHttp: configureGatewayHttp,
});
