// `npm start`: the whole platform on sensible defaults, for a newcomer on a fresh machine.
// Makes sure Postgres and NATS run, starts the site farm's demo sites and every service (and the
// agent pool), waits until the gateway reports them healthy, sets up the demo campaign through
// the API and prints what it found, then where to go. Ctrl-C stops everything cleanly.
// FIELDWORK_DEMO=0 skips the demo (no farm, no demo organization).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DEMO_ALLOWED_TARGETS, formatDemoReport, runDemo, startDemoFarm } from './platform/demo';
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
  const demo = process.env.FIELDWORK_DEMO !== '0';
  const generatedAdminKey = process.env.FIELDWORK_ADMIN_API_KEY ? undefined : randomBytes(32).toString('base64url');
  const adminKey = process.env.FIELDWORK_ADMIN_API_KEY ?? generatedAdminKey ?? '';
  const allowed = [process.env.FIELDWORK_ALLOWED_TARGETS, demo ? DEMO_ALLOWED_TARGETS : undefined].filter(Boolean).join(',');
  const farm = demo ? await startDemoFarm() : undefined;
  const env: Record<string, string> = {
    PORT: process.env.PORT ?? '3000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    FIELDWORK_ADMIN_API_KEY: adminKey,
    FIELDWORK_ALLOWED_TARGETS: allowed,
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
    await farm?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  await platform.waitHealthy(120_000);
  if (farm) {
    console.log(`site farm     demo sites on http://<site>.${farm.baseHost}:${farm.port}/ — setting up the demo campaign...`);
    try {
      console.log(formatDemoReport(await runDemo({ gatewayUrl: platform.gatewayUrl, adminKey, farm }), platform.gatewayUrl));
    } catch (error) {
      console.error(`the demo could not be set up: ${(error as Error).message}`);
    }
  }
  console.log(`
Fieldwork is running.
  API:       ${platform.gatewayUrl}/v1   (docs: ${platform.gatewayUrl}/docs)
  Health:    ${platform.gatewayUrl}/health${generatedAdminKey ? `\n  Admin key: ${generatedAdminKey}   (generated for this start; set FIELDWORK_ADMIN_API_KEY to choose one)` : ''}
Press Ctrl-C to stop.`);
}

main().catch((error: unknown) => {
  console.error(`could not start Fieldwork: ${(error as Error).message}`);
  process.exit(1);
});
