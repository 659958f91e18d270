// The public HTTP API: authentication, tenancy, and translation of HTTP into NATS commands and
// queries for the owning services. Its only state is organizations and API keys (its own
// event store); everything else lives in the services (DESIGN.md §2).
import { Global, Module, type Type } from '@nestjs/common';
import { FieldworkModule, type ServiceConfig } from '@fieldwork/service-kit';
import { GATEWAY_CONFIG, loadGatewayConfig, type GatewayConfig } from './gateway-config';
import { GatewayHttpModule } from './http/http.module';
import { gatewayMigrations } from './infra/migrations/1732500000100-tenancy-tables';
import { tenancyProjection } from './projections/tenancy.projection';
import { ROUTE_MODULES } from './routes';
import { TenancyModule } from './tenancy/tenancy.module';

export interface GatewayModuleOptions {
  /** Overrides the environment (in-process tests). */
  config?: ServiceConfig;
  gateway?: GatewayConfig;
}

export function createGatewayModule(options: GatewayModuleOptions = {}): Type<unknown> {
  const gatewayConfig = options.gateway ?? loadGatewayConfig();

  @Global()
  @Module({ providers: [{ provide: GATEWAY_CONFIG, useValue: gatewayConfig }], exports: [GATEWAY_CONFIG] })
  class GatewayConfigModule {}

  @Module({
    imports: [
      FieldworkModule.forService({
        service: 'gateway',
        config: options.config,
        migrations: gatewayMigrations,
        inlineProjections: [tenancyProjection],
      }),
      GatewayConfigModule,
      TenancyModule,
      GatewayHttpModule,
      ...ROUTE_MODULES,
    ],
  })
  class GatewayModule {}
  return GatewayModule;
}
