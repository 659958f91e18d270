// The CLI as users run it: a real process via scripts/run-ts.js.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { eventually } from '@fieldwork/testing';
import { farmDispatcher } from './server/farm-lookup';
import { rawGet } from './testing/http';

const ROOT = path.resolve(__dirname, '../../..');

function runCli(args: string[]): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['scripts/run-ts.js', 'libs/sitefarm/src/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

describe('sitefarm CLI', () => {
  it('exits 2 with a clear message on bad arguments', async () => {
    const run = runCli(['serve', '--sites', 'many', '--port', '4500']);
    expect(await run.exit).toBe(2);
    expect(run.err()).toContain('sitefarm: --sites: expected a whole number, got "many"');
    expect(run.err()).toContain('usage:');
  });

  it('writes datasets with URLs on the given port', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sitefarm-cli-'));
    try {
      const run = runCli(['datasets', '--seed', '4', '--sites', '60', '--port', '4555', '--hostile-share', '0.2', '--out', dir]);
      expect(await run.exit).toBe(0);
      expect(run.out()).toContain('wrote 13 files');
      expect((await readdir(dir)).length).toBe(13);
      const csv = await readFile(path.join(dir, 'fitness.csv'), 'utf8');
      expect(csv.split('\n')[0]).toBe('url,venue_name,drop_in_price,class_pack_price,phone,city,notes,added_by');
      expect(csv).toMatch(/http:\/\/[a-z0-9-]+\.farm\.localhost:4555\//);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves until interrupted and says where it listens', async () => {
    const run = runCli(['serve', '--seed', '4', '--sites', '40', '--port', '0', '--trap-port', '0', '--profile', 'demo']);
    const dispatcher = farmDispatcher();
    try {
      await eventually(() => /e\.g\. (http:\/\/\S+)/.test(run.out()), { timeoutMs: 20_000, what: `the serve banner (stderr: ${run.err()})` });
      expect(run.out()).toMatch(/listening\s+http:\/\/127\.0\.0\.1:\d+/);
      expect(run.out()).toMatch(/trap\s+http:\/\/127\.0\.0\.2:\d+\//);
      expect(run.out()).toContain('30 sites (0 hostile)');
      const example = /e\.g\. (http:\/\/\S+)/.exec(run.out())![1]!;
      expect((await rawGet(example, dispatcher)).status).toBe(200);
      run.child.kill('SIGINT');
      expect(await run.exit).toBe(0);
      expect(run.out()).toContain('sitefarm: stopped');
    } finally {
      run.child.kill('SIGKILL');
      await dispatcher.close();
    }
  });
});
