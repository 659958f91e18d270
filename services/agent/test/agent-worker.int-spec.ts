// The agent service in-process against real NATS JetStream and Postgres: work items from the
// queue become one AttemptFinished each (recorded, then published), live steps go out on plain
// NATS, screenshots land in the Object Store, a re-sent work item is acknowledged without a
// second result, a broken one is dead-lettered, previews answer over request/reply, and a
// stopping worker gives back what it could not finish.
import { toBinary } from '@bufbuild/protobuf';
import type { Subscription } from 'nats';
import { create, agentWork, type MessageInitShape } from '@fieldwork/contracts';
import { Naming, RpcClient, SYSTEM_ACTOR } from '@fieldwork/messaging';
import { bootstrapService, loadServiceConfig, type RunningService } from '@fieldwork/service-kit';
import { startSiteFarm, startTrapListener, type RunningSiteFarm, type TrapListener, type TruthRecord } from '@fieldwork/sitefarm';
import { createTestDatabase, createTestNats, eventually, randomPrefix, type TestDatabase, type TestNats } from '@fieldwork/testing';
import { createAgentModule } from '../src/agent.module';
import { loadAgentConfig } from '../src/config/agent-config';
import { columnsFor } from './support/agent-kit';

interface RequestExtra {
  budget?: MessageInitShape<typeof agentWork.AttemptBudgetSchema>;
  columns?: MessageInitShape<typeof agentWork.ColumnSpecSchema>[];
}

describe('agent service', () => {
  const prefix = randomPrefix();
  let db: TestDatabase;
  let nats: TestNats;
  let farm: RunningSiteFarm;
  let trap: TrapListener;
  let service: RunningService | undefined;
  let rpc: RpcClient;
  let taskCounter = 0;

  const agentConfig = loadAgentConfig({
    FIELDWORK_ALLOWED_TARGETS: '127.0.0.1',
    FIELDWORK_AGENT_CONCURRENCY: '4',
    FIELDWORK_AGENT_ACK_WAIT_MS: '5000',
    FIELDWORK_AGENT_SHUTDOWN_GRACE_MS: '300',
    FIELDWORK_AGENT_MAX_DELIVERIES: '3',
  });

  async function startService(): Promise<RunningService> {
    const config = { ...loadServiceConfig('agent', { FIELDWORK_NATS_PREFIX: prefix }), databaseName: db.name, databaseUrl: db.url };
    return bootstrapService(createAgentModule({ config, agentConfig }), { service: 'agent', handleSignals: false });
  }

  beforeAll(async () => {
    db = await createTestDatabase('agent');
    nats = await createTestNats(prefix);
    trap = await startTrapListener({ port: 0 });
    farm = await startSiteFarm({ seed: 7, sites: 60, hostileShare: 0.35, trapPort: trap.port, slowResponseMs: 60_000 });
    service = await startService();
    rpc = new RpcClient(nats.connection, names, 5_000);
  });

  afterAll(async () => {
    await service?.close();
    await nats?.jsm.streams.delete(`OBJ_${prefix}_screenshots`).catch(() => undefined);
    await nats?.dispose();
    await db?.drop();
    await farm?.close();
    await trap?.close();
  });

  const names = new Naming(prefix);
  const naming = () => names;
  const friendly = (filter: (site: TruthRecord) => boolean = () => true) =>
    farm.truth.sites.find((site) => site.hostile === null && !site.markup.includes('subpage') && !site.markup.some((m) => m.startsWith('js-')) && filter(site))!;

  function request(site: TruthRecord, extra: RequestExtra = {}): agentWork.AttemptRequested {
    taskCounter += 1;
    return create(agentWork.AttemptRequestedSchema, {
      taskId: `${prefix}-task-${taskCounter}`,
      runId: 'run-1',
      attemptNumber: 1,
      organizationId: 'org-1',
      campaignId: 'campaign-1',
      instructionVersionId: 'version-1',
      instructionText: 'Find the prices and the phone number.',
      columns: columnsFor(site).map((column) => ({ ...column, enumValues: column.enumValues ?? [] })),
      siteUrl: site.url,
      budget: { totalMs: 20_000 },
      correlationId: 'corr-1',
      ...extra,
    });
  }

  async function publish(work: agentWork.AttemptRequested, msgID = `${work.taskId}:${work.attemptNumber}`): Promise<void> {
    await nats.js.publish(naming().workSubject('attempt'), toBinary(agentWork.AttemptRequestedSchema, work), { msgID });
  }

  async function eventsOf(aggregateId: string): Promise<{ type: string; payload: Record<string, unknown> }[]> {
    if (!service) throw new Error('the service is not running');
    return service.runtime.dataSource.query(`select type, payload from events where aggregate_id = $1 order by aggregate_version`, [aggregateId]);
  }

  function collect(subject: string): { messages: Record<string, unknown>[]; sub: Subscription } {
    const messages: Record<string, unknown>[] = [];
    const sub = nats.connection.subscribe(subject, {
      callback: (_error, message) => messages.push(JSON.parse(new TextDecoder().decode(message.data)) as Record<string, unknown>),
    });
    return { messages, sub };
  }

  it('records one AttemptFinished for a work item, publishes it, streams progress and stores the screenshot', async () => {
    const site = friendly((s) => s.vertical === 'attractions');
    const work = request(site, { budget: { totalMs: 20_000, screenshots: true } });
    const progress = collect(naming().progressSubject('attempt', work.taskId, '1'));
    await publish(work);
    const aggregateId = `${work.taskId}:1`;
    const events = await eventually(
      async () => {
        const found = await eventsOf(aggregateId);
        expect(found.map((event) => event.type)).toEqual(['fieldwork.agent.v1.AttemptStarted', 'fieldwork.agent.v1.AttemptFinished']);
        return found;
      },
      { timeoutMs: 30_000, what: 'AttemptStarted and AttemptFinished in the event store' },
    );
    const finished = events[1].payload as { status: string; fields: { name: string; value: string }[]; screenshots: { objectKey: string; bucket: string }[]; workerId: string; steps: unknown[] };
    expect(finished.status).toBe('success');
    expect(Object.fromEntries(finished.fields.map((field) => [field.name, field.value]))).toMatchObject({ attraction_name: site.fields.attraction_name });
    expect(finished.workerId).toBe(agentConfig.workerId);
    expect(finished.screenshots).toEqual([expect.objectContaining({ bucket: `${prefix}_screenshots`, objectKey: `org-1/${work.taskId}/1/final.png`, kind: 'final' })]);

    const store = await nats.js.views.os(`${prefix}_screenshots`);
    const png = await store.getBlob(`org-1/${work.taskId}/1/final.png`);
    expect(Buffer.from(png!.subarray(0, 8)).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');

    // Published to the agent's event stream by the outbox relay.
    await eventually(async () => {
      const message = await nats.jsm.streams.getMessage(naming().eventStream('agent'), { last_by_subj: naming().eventSubject('agent', 'attempt', 'AttemptFinished') });
      expect(message.header.get('Nats-Msg-Id')).toBeTruthy();
    }, { what: 'AttemptFinished on the agent event stream' });

    await eventually(() => expect(progress.messages.at(-1)).toMatchObject({ kind: 'finished', status: 'success' }), { what: 'the finished progress message' });
    progress.sub.unsubscribe();
    expect(progress.messages[0]).toMatchObject({ kind: 'started', attemptId: aggregateId, siteUrl: site.url });
    const steps = progress.messages.filter((message) => message.kind === 'step').map((message) => (message.step as { op: string }).op);
    expect(steps).toEqual((finished.steps as { op: string }[]).map((step) => step.op));
    // The work queue is empty: the item was acknowledged after the event was committed.
    await eventually(async () => expect((await nats.jsm.streams.info(naming().workStream)).state.messages).toBe(0));
  });

  it('acknowledges a re-sent work item of a finished attempt without running or recording it again', async () => {
    const work = request(friendly((s) => s.vertical === 'county'));
    await publish(work);
    const aggregateId = `${work.taskId}:1`;
    await eventually(async () => expect((await eventsOf(aggregateId)).map((e) => e.type)).toContain('fieldwork.agent.v1.AttemptFinished'), { timeoutMs: 30_000 });
    // Outside the server's dedupe window the orchestrator's re-send arrives as a new message.
    await publish(work, `${aggregateId}:resent`);
    await eventually(async () => expect((await nats.jsm.streams.info(naming().workStream)).state.messages).toBe(0), { what: 'the re-sent item to be acknowledged' });
    expect((await eventsOf(aggregateId)).map((e) => e.type)).toEqual(['fieldwork.agent.v1.AttemptStarted', 'fieldwork.agent.v1.AttemptFinished']);
  });

  it('records failures with their category, and dead-letters a work item that cannot be read', async () => {
    const captcha = farm.truth.sites.find((site) => site.behaviour === 'captcha')!;
    const work = request(captcha);
    await publish(work);
    await eventually(async () => {
      const events = await eventsOf(`${work.taskId}:1`);
      expect(events[1]?.payload).toMatchObject({ status: 'failed', failure: { category: 'blocked', reason: 'captcha' } });
    }, { timeoutMs: 30_000 });

    await nats.js.publish(naming().workSubject('attempt'), new TextEncoder().encode('not a protobuf work item'), { msgID: `${prefix}-garbage` });
    const invalid = request(friendly(), { columns: [] });
    await publish(invalid);
    await eventually(async () => expect((await nats.jsm.streams.info(naming().deadLetterStream)).state.messages).toBe(2), { what: 'two dead letters' });
    const letter = await nats.jsm.streams.getMessage(naming().deadLetterStream, { last_by_subj: naming().deadLetterSubject(naming().workStream, 'agent-attempts') });
    expect(letter.header.get('fw-dlq-reason')).toMatch(/columns: at least one column is needed/);
  });

  it('runs a preview over request/reply and answers with everything the attempt event holds', async () => {
    const site = friendly((s) => s.vertical === 'products');
    const meta = { organizationId: 'org-1', actor: SYSTEM_ACTOR, correlationId: 'preview-1' };
    const previewId = `${prefix}-preview`;
    const progress = collect(naming().progressSubject('preview', previewId));
    const answer = await rpc.request<{ previewId: string; attempt: Record<string, unknown> }>(
      'agent.preview',
      { url: site.url, columns: columnsFor(site), instructionText: 'Price and SKU', previewId },
      meta,
      { timeoutMs: 60_000 },
    );
    expect(answer.previewId).toBe(previewId);
    expect(answer.attempt).toMatchObject({ status: 'success', strategy: 'heuristic', mode: 'http', siteUrl: site.url });
    expect(answer.attempt.screenshots).toEqual([expect.objectContaining({ objectKey: `org-1/preview/${previewId}/final.png` })]);
    expect((answer.attempt.fields as unknown[]).length).toBe(Object.keys(site.fields).length);
    await eventually(() => expect(progress.messages.at(-1)).toMatchObject({ kind: 'finished', status: 'success' }));
    progress.sub.unsubscribe();
    // Previews are try-outs: nothing is recorded.
    expect(await eventsOf(`preview-${previewId}:1`)).toEqual([]);

    await expect(rpc.request('agent.preview', { url: '', columns: [] }, meta, { timeoutMs: 10_000 })).rejects.toMatchObject({
      code: 'validation_failed',
      errors: expect.arrayContaining([expect.objectContaining({ path: 'url' }), expect.objectContaining({ path: 'columns' })]),
    });
    await expect(rpc.request('agent.preview', { url: 'http://a.example/', columns: [{ name: 'x', type: 'text' }] }, { ...meta, organizationId: undefined })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('on shutdown gives back an attempt it could not finish, and another worker finishes it once', async () => {
    const slow = farm.truth.sites.find((site) => site.behaviour === 'slow_response')!;
    const work = request(slow, { budget: { totalMs: 15_000 } });
    await publish(work);
    const aggregateId = `${work.taskId}:1`;
    await eventually(async () => expect((await eventsOf(aggregateId)).map((e) => e.type)).toEqual(['fieldwork.agent.v1.AttemptStarted']), { what: 'the slow attempt to start' });
    await service!.close();
    service = undefined;
    // Released, not recorded: the item is still in the queue for the next worker.
    expect((await nats.jsm.streams.info(naming().workStream)).state.messages).toBe(1);
    const db2 = await import('pg').then(({ Client }) => new Client({ connectionString: db.url }));
    await db2.connect();
    const { rows } = await db2.query('select type from events where aggregate_id = $1', [aggregateId]);
    await db2.end();
    expect(rows.map((row: { type: string }) => row.type)).toEqual(['fieldwork.agent.v1.AttemptStarted']);
    expect(trap.hits).toEqual([]);

    service = await startService();
    const events = await eventually(
      async () => {
        const found = await eventsOf(aggregateId);
        expect(found.map((e) => e.type)).toEqual(['fieldwork.agent.v1.AttemptStarted', 'fieldwork.agent.v1.AttemptStarted', 'fieldwork.agent.v1.AttemptFinished']);
        return found;
      },
      { timeoutMs: 40_000, what: 'the second worker to finish the attempt' },
    );
    expect(events[2].payload).toMatchObject({ status: 'failed', failure: { category: 'timeout', retryable: true } });
  });
});
