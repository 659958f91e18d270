// Spawns ledger-process.ts and lets a test wait for the lines it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from '@fieldwork/testing';

export interface LedgerChild {
  process: ChildProcess;
  lines: string[];
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

const root = join(__dirname, '..', '..', '..');

export function spawnLedgerProcess(env: Record<string, string>, onLine?: (line: string) => void): LedgerChild {
  const child = spawn(process.execPath, [join(root, 'scripts/run-ts.js'), join(__dirname, 'ledger-process.ts')], {
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    if (onLine) parts.forEach(onLine);
    else lines.push(...parts);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    lines,
    exited,
    waitFor: (pattern, timeoutMs = 30_000) =>
      eventually(
        () => {
          const line = lines.find((candidate) => pattern.test(candidate));
          if (!line) throw new Error(`not yet printed; stderr: ${stderr.slice(-500)}`);
          return line;
        },
        { timeoutMs, what: `child to print ${pattern}` },
      ),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
