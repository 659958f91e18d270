// Starts the platform's services as child processes (one per service, N agent workers), tags
// and forwards their logs, waits until the gateway reports every service healthy, and stops
// them gracefully. Used by `npm start` and by the platform tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const PLATFORM_SERVICES = ['campaigns', 'datasets', 'orchestrator', 'results', 'agent', 'gateway'] as const;
export type PlatformService = (typeof PLATFORM_SERVICES)[number];

const root = join(__dirname, '..', '..');

export interface LaunchOptions {
  env: Record<string, string>;
  services?: readonly PlatformService[];
  agentWorkers?: number;
  /** Receives each log line of each process. */
  onLine?: (process: string, line: string) => void;
}

export interface ManagedProcess {
  name: string;
  service: PlatformService;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface Platform {
  processes: ManagedProcess[];
  gatewayUrl: string;
  waitHealthy(timeoutMs?: number): Promise<unknown>;
  /** SIGTERM one process (or all) and wait for it to exit. */
  stop(name?: string): Promise<{ name: string; code: number | null; signal: NodeJS.Signals | null }[]>;
}

export function launchPlatform(options: LaunchOptions): Platform {
  const services = options.services ?? PLATFORM_SERVICES;
  const processes: ManagedProcess[] = [];
  for (const service of services) {
    const copies = service === 'agent' ? Math.max(1, options.agentWorkers ?? 1) : 1;
    for (let index = 0; index < copies; index += 1) {
      const name = copies > 1 ? `${service}-${index + 1}` : service;
      processes.push(startProcess(name, service, options));
    }
  }
  const port = options.env.PORT ?? process.env.PORT ?? '3000';
  const gatewayUrl = `http://127.0.0.1:${port}`;
  return {
    processes,
    gatewayUrl,
    waitHealthy: (timeoutMs = 60_000) => waitHealthy(gatewayUrl, processes, timeoutMs),
    stop: async (name) => {
      const targets = processes.filter((managed) => name === undefined || managed.name === name);
      return Promise.all(
        targets.map(async (managed) => {
          if (managed.child.exitCode === null && managed.child.signalCode === null) managed.child.kill('SIGTERM');
          return { name: managed.name, ...(await managed.exited) };
        }),
      );
    },
  };
}

function startProcess(name: string, service: PlatformService, options: LaunchOptions): ManagedProcess {
  const child = spawn(process.execPath, [join(root, 'scripts/run-ts.js'), join(root, `services/${service}/src/main.ts`)], {
    env: { ...process.env, ...options.env, OTEL_SERVICE_NAME: options.env.OTEL_SERVICE_NAME ?? service },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: root,
  });
  const forward = (stream: NodeJS.ReadableStream) => {
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line) options.onLine?.(name, line);
    });
  };
  forward(child.stdout!);
  forward(child.stderr!);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { name, service, child, exited };
}

async function waitHealthy(gatewayUrl: string, processes: ManagedProcess[], timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const dead = processes.find((managed) => managed.child.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited with code ${dead.child.exitCode} while starting`);
    try {
      const response = await fetch(`${gatewayUrl}/health`);
      const body = (await response.json()) as unknown;
      if (response.status === 200) return body;
      last = JSON.stringify(body);
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`platform not healthy after ${timeoutMs} ms: ${last}`);
}

export { runDemo, startDemoFarm, formatDemoReport, DEMO_ALLOWED_TARGETS, type DemoReport } from './demo';
