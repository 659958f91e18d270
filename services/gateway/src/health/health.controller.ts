// GET /health (no auth): 200 only when every service answers over NATS, 503 otherwise.
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { RpcClient } from '@fieldwork/messaging';
import { RPC_CLIENT, ServiceRuntime } from '@fieldwork/service-kit';
import { checkPlatformHealth, type PlatformHealth } from './platform-health';

@Controller()
export class HealthController {
  constructor(
    @Inject(RPC_CLIENT) private readonly rpc: RpcClient,
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
  ) {}

  @Get('health')
  async health(@Res({ passthrough: true }) response: Response): Promise<PlatformHealth> {
    const report = await checkPlatformHealth(this.rpc, () => this.runtime.health());
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
