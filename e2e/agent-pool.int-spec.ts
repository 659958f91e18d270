// The agent pool as it runs in production: three worker processes share one work queue with no
// coordination beyond NATS; one is killed (SIGKILL) in the middle of an attempt; every task
// still finishes exactly once — the lost attempt is redelivered after AckWait and recorded by
// another worker, and nothing is recorded twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import { Client } from 'pg';
import { create, agentWork } from '@fieldwork/contracts';
import { Naming } from '@fieldwork/messaging';
import { COLUMN_TYPES, startSiteFarm, startTrapListener, type RunningSiteFarm, type TrapListener, type TruthRecord } from '@fieldwork/sitefarm';
import { createTestNats, databaseUrl, eventually, randomPrefix, type TestNats } from '@fieldwork/testing';

const root = join(__dirname, '..');

interface Worker {
  name: string;
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(name: string, env: Record<string, string>): Worker {
  const child = spawn(process.execPath, [join(root, 'scripts/run-ts.js'), join(root, 'services/agent/src/main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: root,
  });
  const lines: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { name, child, lines, exited };
}

describe('agent pool: three workers, one killed mid-attempt', () => {
  const prefix = randomPrefix();
  const dbPrefix = `fw_test_${prefix}_`;
  const naming = new Naming(prefix);
  let nats: TestNats;
  let farm: RunningSiteFarm;
  let trap: TrapListener;
  let db: Client | undefined;
  const workers: Worker[] = [];

  beforeAll(async () => {
    nats = await createTestNats(prefix);
    trap = await startTrapListener({ port: 0 });
    farm = await startSiteFarm({ seed: 11, sites: 36, hostileShare: 0, trapPort: trap.port });
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exited));
    await db?.end();
    await nats?.dispose();
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    await admin.query(`drop database if exists ${dbPrefix}agent with (force)`);
    await admin.end();
    await farm?.close();
    await trap?.close();
  });

  function work(site: TruthRecord, index: number, totalMs: number): agentWork.AttemptRequested {
    return create(agentWork.AttemptRequestedSchema, {
      taskId: `task-${String(index).padStart(3, '0')}`,
      runId: 'run-1',
      attemptNumber: 1,
      organizationId: 'org-1',
      campaignId: 'campaign-1',
      columns: Object.keys(site.fields).map((name) => {
        const type = COLUMN_TYPES[name] === 'currency' ? 'text' : COLUMN_TYPES[name];
        return { name, type, required: true, enumValues: name === 'pos_system' ? ['Toast', 'Square', 'Clover', 'Lightspeed', 'SpotOn', 'Revel', 'TouchBistro'] : [] };
      }),
      siteUrl: site.url,
      // Browser attempts take a while: long enough to be caught in the middle of one.
      mode: index % 3 === 0 ? 'browser' : 'auto',
      budget: { totalMs },
      correlationId: 'run-1',
    });
  }

  it('finishes every task exactly once', async () => {
    const env = {
      FIELDWORK_NATS_PREFIX: prefix,
      FIELDWORK_DB_PREFIX: dbPrefix,
      FIELDWORK_ALLOWED_TARGETS: '127.0.0.1',
      FIELDWORK_AGENT_CONCURRENCY: '2',
      FIELDWORK_AGENT_ACK_WAIT_MS: '4000',
      LOG_LEVEL: 'info',
    };
    // The first worker creates the database and the streams; the others join.
    workers.push(startWorker('agent-1', env));
    await eventually(() => expect(workers[0].lines.join('\n')).toMatch(/agent worker taking attempts/), { timeoutMs: 60_000, what: 'the first worker to start' });
    workers.push(startWorker('agent-2', env), startWorker('agent-3', env));
    await eventually(() => expect(workers.every((w) => w.lines.some((line) => line.includes('agent worker taking attempts')))).toBe(true), {
      timeoutMs: 60_000,
      what: 'all three workers to take work',
    });

    db = new Client({ connectionString: databaseUrl(`${dbPrefix}agent`) });
    await db.connect();
    const sites = farm.truth.sites;
    const tasks = sites.map((site, index) => work(site, index, 20_000));
    for (const task of tasks) {
      await nats.js.publish(naming.workSubject('attempt'), toBinary(agentWork.AttemptRequestedSchema, task), { msgID: `${task.taskId}:1` });
    }

    // Kill a worker while it holds a started, unfinished attempt.
    const victim = workers[1];
    const victimId = `:${victim.child.pid}`;
    await eventually(
      async () => {
        const { rows } = await db!.query(
          `select aggregate_id from events s where s.type = 'fieldwork.agent.v1.AttemptStarted' and s.payload->>'workerId' like $1
             and not exists (select 1 from events f where f.aggregate_id = s.aggregate_id and f.type = 'fieldwork.agent.v1.AttemptFinished')`,
          [`%${victimId}`],
        );
        expect(rows.length).toBeGreaterThan(0);
      },
      { timeoutMs: 30_000, intervalMs: 20, what: 'the second worker to be in the middle of an attempt' },
    );
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toMatchObject({ signal: 'SIGKILL' });

    const finished = await eventually(
      async () => {
        const { rows } = await db!.query<{ aggregate_id: string; finishes: number; worker: string }>(
          `select aggregate_id, count(*)::int as finishes, max(payload->>'workerId') as worker from events
            where type = 'fieldwork.agent.v1.AttemptFinished' group by aggregate_id`,
        );
        expect(rows).toHaveLength(tasks.length);
        return rows;
      },
      { timeoutMs: 120_000, intervalMs: 250, what: `all ${tasks.length} tasks to finish` },
    );
    // Exactly once: one result per task attempt, and no task without one.
    expect(finished.every((row) => row.finishes === 1)).toBe(true);
    expect(finished.map((row) => row.aggregate_id).sort()).toEqual(tasks.map((task) => `${task.taskId}:1`).sort());

    // What the killed worker started and never finished was finished by someone else.
    const { rows: orphans } = await db.query<{ aggregate_id: string; worker: string }>(
      `select s.aggregate_id, f.payload->>'workerId' as worker from events s join events f on f.aggregate_id = s.aggregate_id and f.type = 'fieldwork.agent.v1.AttemptFinished'
        where s.type = 'fieldwork.agent.v1.AttemptStarted' and s.payload->>'workerId' like $1 and f.payload->>'workerId' not like $1`,
      [`%${victimId}`],
    );
    expect(orphans.length).toBeGreaterThan(0);
    // All three took work from the one queue.
    const { rows: byWorker } = await db.query<{ worker: string }>(`select distinct payload->>'workerId' as worker from events where type = 'fieldwork.agent.v1.AttemptStarted'`);
    expect(byWorker.length).toBe(3);
    // The work queue is empty and nothing went to the forbidden address.
    await eventually(async () => expect((await nats.jsm.streams.info(naming.workStream)).state.messages).toBe(0));
    expect(trap.hits).toEqual([]);

    // The survivors stop cleanly on SIGTERM.
    for (const worker of [workers[0], workers[2]]) worker.child.kill('SIGTERM');
    expect(await workers[0].exited).toEqual({ code: 0, signal: null });
    expect(await workers[2].exited).toEqual({ code: 0, signal: null });
  }, 240_000);
});
