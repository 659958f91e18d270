// Asks every service for its health over NATS, in parallel, with a short timeout: the platform
// is healthy only when all of them answer "ok".
import { v7 as uuidv7 } from 'uuid';
import { SERVICES, SYSTEM_ACTOR, type HealthReport, type RpcClient } from '@fieldwork/messaging';

export interface PlatformHealth {
  status: 'ok' | 'degraded';
  services: Record<string, { status: string; checks?: Record<string, string>; error?: string }>;
}

export async function checkPlatformHealth(rpc: RpcClient, own: () => Promise<HealthReport>, timeoutMs = 2_000): Promise<PlatformHealth> {
  const meta = { actor: SYSTEM_ACTOR, correlationId: uuidv7() };
  const entries = await Promise.all(
    SERVICES.map(async (service) => {
      try {
        const report =
          service === 'gateway' ? await own() : await rpc.request<HealthReport>(`${service}.health`, {}, meta, { timeoutMs });
        return [service, { status: report.status, checks: report.checks }] as const;
      } catch (error) {
        return [service, { status: 'unavailable', error: (error as Error).message }] as const;
      }
    }),
  );
  const services = Object.fromEntries(entries);
  return {
    status: entries.every(([, report]) => report.status === 'ok') ? 'ok' : 'degraded',
    services,
  };
}
