// GET /health (no auth): 200 only when every service answers over NATS, 503 otherwise, with
// each service's status.
import { Controller, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { RpcClient } from '@fieldwork/messaging';
import { RPC_CLIENT, ServiceRuntime } from '@fieldwork/service-kit';
import { Endpoint } from '../../http/endpoint';
import { schemaRef } from '../../http/openapi';
import { checkPlatformHealth, type PlatformHealth } from './platform-health';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  services: z.record(
    z.string(),
    z.object({ status: z.string(), checks: z.record(z.string(), z.string()).optional(), error: z.string().optional() }),
  ),
});

const HEALTH_REF = schemaRef('PlatformHealth', healthSchema);

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(RPC_CLIENT) private readonly rpc: RpcClient,
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
  ) {}

  @Endpoint('GET', 'health', {
    summary: "The platform's health: every service's status (503 when any does not answer)",
    access: 'public',
    response: { description: 'Every service answers and is healthy', schema: HEALTH_REF },
    otherResponses: [{ status: 503, description: 'Some service is unavailable or degraded (see services)', schema: HEALTH_REF }],
  })
  async getHealth(@Res({ passthrough: true }) response: Response): Promise<PlatformHealth> {
    const report = await checkPlatformHealth(this.rpc, () => this.runtime.health());
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
