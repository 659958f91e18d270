// A projection whose database goes away retries with growing delays for as long as it takes:
// it never burns through its delivery limit into the dead-letter stream, keeps the events in
// order (no message is redelivered past the ones behind it), and catches up once the database
// is back. The outage is real: the projector's table is locked and every
// backend that waits on it is killed with pg_terminate_backend, which is what a Postgres
// restart or failover looks like to a client (57P01, "terminating connection").
import { Client } from 'pg';
import pino from 'pino';
import { createTestDatabase, eventually, randomPrefix, type TestDatabase } from '@fieldwork/testing';
import type { RecordedEvent } from '../src';
import { LedgerProjector, LedgerWriter, openNats, type NatsHandle } from './ledger-node';
import { LEDGER_SERVICE, tableRows } from './ledger.fixture';

interface RetryLog {
  msg: string;
  attempt: number;
  delayMs: number;
  err?: { message?: string };
}

const MAX_DELIVERIES = 3;

describe('projection runner during a database outage', () => {
  let writerDb: TestDatabase;
  let projectorDb: TestDatabase;
  let nats: NatsHandle;
  let writer: LedgerWriter;
  let projector: LedgerProjector;
  const retries: RetryLog[] = [];
  const applied: RecordedEvent[] = [];

  beforeAll(async () => {
    [writerDb, projectorDb] = await Promise.all([createTestDatabase('outagewriter'), createTestDatabase('outageproj')]);
    nats = await openNats(randomPrefix());
    writer = await LedgerWriter.open(writerDb.url);
    writer.startRelay(nats, 50);
    const logger = pino(
      { level: 'warn' },
      {
        write: (line: string) => {
          const entry = JSON.parse(line) as RetryLog;
          if (entry.msg === 'projection database unavailable; retrying') retries.push(entry);
        },
      },
    );
    projector = await LedgerProjector.start(projectorDb.url, nats, {
      maxDeliveries: MAX_DELIVERIES,
      logger,
      onApplied: (events) => applied.push(...events),
    });
  });

  afterAll(async () => {
    await projector?.close();
    await writer?.close();
    for await (const stream of nats.jsm.streams.list()) {
      if (stream.config.name.startsWith(nats.naming.prefix.toUpperCase())) await nats.jsm.streams.delete(stream.config.name);
    }
    await nats.connection.drain();
    await Promise.all([writerDb?.drop(), projectorDb?.drop()]);
  });

  async function projectionAgrees(what: string): Promise<void> {
    await eventually(
      async () =>
        expect(await tableRows(projector.dataSource, 'ledger_copies')).toEqual(
          await tableRows(writer.dataSource, 'ledger_balances'),
        ),
      { timeoutMs: 20_000, what },
    );
  }

  it('retries beyond the delivery limit with growing delays, keeps order, dead-letters nothing and catches up', async () => {
    await writer.run('o-1', { kind: 'open', name: 'O1' });
    await writer.run('o-1', { kind: 'credit', amount: 1 });
    await projectionAgrees('the projection to apply the events written before the outage');

    // One session holds the lock; another (outside any transaction, so pg_stat_activity is
    // fresh on every read) kills what waits for it.
    const admin = new Client({ connectionString: projectorDb.url, application_name: 'outage-lock' });
    const killer = new Client({ connectionString: projectorDb.url, application_name: 'outage-killer' });
    await Promise.all([admin.connect(), killer.connect()]);
    let released = false;
    try {
      await admin.query('begin');
      await admin.query('lock table ledger_copies in access exclusive mode');
      await writer.run('o-2', { kind: 'open', name: 'O2' });
      for (let i = 2; i <= 6; i += 1) await writer.run(`o-${(i % 2) + 1}`, { kind: 'credit', amount: i });

      // Kill every projector transaction that reaches the table, until the projection has
      // failed well more often than a message may be delivered.
      let terminated = 0;
      await eventually(
        async () => {
          const { rows } = await killer.query<{ killed: boolean }>(
            `select pg_terminate_backend(pid) as killed from pg_stat_activity
             where datname = current_database() and application_name not like 'outage-%' and wait_event_type = 'Lock'`,
          );
          terminated += rows.filter((row) => row.killed).length;
          expect(terminated).toBeGreaterThanOrEqual(MAX_DELIVERIES + 2);
        },
        { timeoutMs: 30_000, intervalMs: 25, what: `the projection to fail ${MAX_DELIVERIES + 2} times in a row` },
      );
      await admin.query('commit');
      released = true;
    } finally {
      if (!released) await admin.query('rollback').catch(() => undefined);
      await Promise.all([admin.end(), killer.end()]);
    }

    // Every failure was seen as transient, and each attempt waited longer than the last: with
    // ±30 % jitter on a doubling delay, the shortest wait before attempt n+1 still exceeds the
    // longest before attempt n.
    expect(retries.map((entry) => entry.err?.message)).toEqual(
      retries.map(() => expect.stringMatching(/terminating connection|Connection terminated/i)),
    );
    const delaysByAttempt = new Map<number, number[]>();
    for (const { attempt, delayMs } of retries) delaysByAttempt.set(attempt, [...(delaysByAttempt.get(attempt) ?? []), delayMs]);
    const attempts = [...delaysByAttempt.keys()].sort((a, b) => a - b);
    expect(attempts.slice(0, MAX_DELIVERIES + 2)).toEqual([1, 2, 3, 4, 5]);
    for (const [index, attempt] of attempts.slice(1).entries()) {
      expect(Math.min(...delaysByAttempt.get(attempt)!)).toBeGreaterThan(Math.max(...delaysByAttempt.get(attempts[index])!));
    }

    await projectionAgrees('the projection to catch up once the database is back');
    await eventually(async () => expect(await projector.runner.caughtUp()).toBe(true), {
      what: 'the consumer to have nothing pending or unacknowledged',
    });
    expect((await nats.jsm.streams.info(nats.naming.deadLetterStream)).state.messages).toBe(0);
    const consumer = await nats.jsm.consumers.info(nats.naming.eventStream(LEDGER_SERVICE), projector.runner.consumerName);
    expect(consumer.num_redelivered).toBe(0);
    // Applied in stream order: each ledger's versions 1, 2, 3… with none skipped or repeated.
    const versions = new Map<string, number[]>();
    for (const event of applied) versions.set(event.aggregateId, [...(versions.get(event.aggregateId) ?? []), event.aggregateVersion]);
    expect(Object.fromEntries(versions)).toEqual({ 'o-1': [1, 2, 3, 4, 5], 'o-2': [1, 2, 3] });
    const [{ events }] = await writer.dataSource.query('select count(*)::int as events from events');
    const [{ claimed }] = await projector.dataSource.query('select count(*)::int as claimed from inbox');
    expect(claimed).toBe(events);
  });
});
