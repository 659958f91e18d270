// Operator commands every service answers over NATS (used by scripts/fieldwork-admin.ts):
// repair a lost JetStream tail from the event store, rebuild a projection.
import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ValidationError } from '@fieldwork/contracts';
import { ServiceRuntime } from './service-runtime';

export function createAdminController(service: string): Type<unknown> {
  @Controller()
  class AdminController {
    constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

    @MessagePattern(`${service}.admin.republish`)
    republish(@Payload() body: { fromPosition?: unknown }) {
      const from = body?.fromPosition;
      if (from !== undefined && (!Number.isInteger(from) || (from as number) < 1)) {
        throw ValidationError.single('fromPosition', 'must be a positive integer event-store position');
      }
      return this.runtime.republish(from as number | undefined);
    }

    @MessagePattern(`${service}.admin.rebuild`)
    rebuild(@Payload() body: { projection?: unknown }) {
      if (typeof body?.projection !== 'string' || body.projection.length === 0) {
        throw ValidationError.single('projection', 'name the projection to rebuild');
      }
      return this.runtime.rebuild(body.projection);
    }
  }
  return AdminController;
}
