// `npm start`: the whole platform on sensible defaults, for a newcomer on a fresh machine.
// Makes sure Postgres and NATS run, starts every service (and the agent pool), waits until the
// gateway reports them healthy, then prints where to go. Ctrl-C stops everything cleanly.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { launchPlatform } from './platform/launcher';

const root = join(__dirname, '..');

function ensureInfrastructure(): void {
  const result = spawnSync('bash', [join(root, 'infra/scripts/ensure-local-infra.sh')], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Postgres and NATS are needed: see README (or run `docker compose up -d postgres nats`).');
    process.exit(1);
  }
}

function printLine(name: string, line: string): void {
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string; err?: { message?: string } };
    const error = entry.err?.message ? ` (${entry.err.message})` : '';
    console.log(`${name.padEnd(13)} ${(entry.level ?? 'info').padEnd(5)} ${entry.msg ?? ''}${error}`);
  } catch {
    console.log(`${name.padEnd(13)} ${line}`);
  }
}

async function main(): Promise<void> {
  ensureInfrastructure();
  const env: Record<string, string> = {
    PORT: process.env.PORT ?? '3000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  const platform = launchPlatform({
    env,
    agentWorkers: Number(process.env.FIELDWORK_AGENT_WORKERS ?? 1),
    onLine: printLine,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping Fieldwork...');
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  await platform.waitHealthy(120_000);
  console.log(`
Fieldwork is running.
  API:     ${platform.gatewayUrl}/v1
  Health:  ${platform.gatewayUrl}/health
Press Ctrl-C to stop.`);
}

main().catch((error: unknown) => {
  console.error(`could not start Fieldwork: ${(error as Error).message}`);
  process.exit(1);
});
