// The public HTTP API: authentication, tenancy, and translation of HTTP into NATS commands and
// queries for the owning services. Holds no domain state of its own (DESIGN.md §2).
import { Module } from '@nestjs/common';
import { FieldworkModule } from '@fieldwork/service-kit';
import { HealthController } from './health/health.controller';

@Module({
  imports: [FieldworkModule.forService({ service: 'gateway' })],
  controllers: [HealthController],
})
export class GatewayModule {}
