// Kills real processes at the worst moments and checks that nothing is lost or duplicated.
import { createTestDatabase, eventually, randomPrefix, type TestDatabase } from '@fieldwork/testing';
import { decodeEnvelope, type RecordedEvent } from '../src';
import { spawnLedgerProcess } from './child-process';
import { LedgerProjector, LedgerWriter, openNats, type NatsHandle } from './ledger-node';
import { LEDGER_SERVICE, tableRows } from './ledger.fixture';

describe('crash recovery across processes', () => {
  let nats: NatsHandle;
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    nats = await openNats(randomPrefix());
  });

  afterAll(async () => {
    for await (const stream of nats.jsm.streams.list()) {
      if (stream.config.name.startsWith(nats.naming.prefix.toUpperCase())) await nats.jsm.streams.delete(stream.config.name);
    }
    await nats.connection.drain();
    await Promise.all(databases.map((db) => db.drop()));
  });

  async function database(label: string): Promise<TestDatabase> {
    const db = await createTestDatabase(label);
    databases.push(db);
    return db;
  }

  /** Every message of the ledger stream, in stream order. */
  async function streamEvents(): Promise<RecordedEvent[]> {
    const stream = nats.naming.eventStream(LEDGER_SERVICE);
    const { messages } = (await nats.jsm.streams.info(stream)).state;
    const events: RecordedEvent[] = [];
    for (let seq = 1; seq <= messages; seq += 1) {
      events.push(decodeEnvelope((await nats.jsm.streams.getMessage(stream, { seq })).data));
    }
    return events;
  }

  /** Each event id once, and each aggregate's versions 1, 2, 3… in the order given. */
  function expectOncePerEventInOrder(events: RecordedEvent[], expectedIds: string[]): void {
    const ids = events.map((event) => event.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expectedIds].sort());
    const lastVersion = new Map<string, number>();
    const outOfOrder = events.filter((event) => {
      const expected = (lastVersion.get(event.aggregateId) ?? 0) + 1;
      lastVersion.set(event.aggregateId, event.aggregateVersion);
      return event.aggregateVersion !== expected;
    });
    expect(outOfOrder.map((event) => `${event.aggregateId}@${event.aggregateVersion}`)).toEqual([]);
  }

  it('publishes every event exactly once after the writer is killed between publish and marking it published', async () => {
    const writerDb = await database('crashwriter');
    const child = spawnLedgerProcess({
      ROLE: 'writer',
      DB_URL: writerDb.url,
      NATS_PREFIX: nats.naming.prefix,
      COMMANDS: '400',
      RELAY_BATCH: '7',
      // Killed right after JetStream acknowledged its 150th publish, before the UPDATE.
      CRASH_AFTER_PUBLISH: '150',
    });
    await child.waitFor(/^crashing after publish 150 /);
    expect((await child.exited).signal).toBe('SIGKILL');

    const writer = await LedgerWriter.open(writerDb.url);
    try {
      // Prove the kill landed in the window: events in the stream whose outbox rows still say
      // "unpublished", which the restarted relay will publish a second time.
      const inStream = new Set((await streamEvents()).map((event) => event.eventId));
      expect(inStream.size).toBeGreaterThanOrEqual(150);
      const rows: { event_id: string; published: boolean }[] = await writer.dataSource.query(
        `select e.event_id, o.published_at is not null as published
         from outbox o join events e on e.position = o.position order by o.position`,
      );
      const unpublished = rows.filter((row) => !row.published);
      const publishedButUnmarked = unpublished.filter((row) => inStream.has(row.event_id));
      expect(unpublished.length).toBeGreaterThan(0);
      expect(publishedButUnmarked.length).toBeGreaterThan(0);
      const total = rows.length;

      writer.startRelay(nats);
      await eventually(
        async () => {
          const [{ pending }] = await writer.dataSource.query(
            'select count(*)::int as pending from outbox where published_at is null',
          );
          expect(pending).toBe(0);
        },
        { what: `the restarted relay to publish what was left (${unpublished.length} rows)` },
      );
      // Republished events were dropped by Nats-Msg-Id dedupe: one message per event, in order.
      const eventIds = rows.map((row) => row.event_id);
      expectOncePerEventInOrder(await streamEvents(), eventIds);

      const projectorDb = await database('crashproj');
      const received: RecordedEvent[] = [];
      const projector = await LedgerProjector.start(projectorDb.url, nats, { onApplied: (events) => received.push(...events) });
      try {
        await eventually(
          async () =>
            expect(await tableRows(projector.dataSource, 'ledger_copies')).toEqual(
              await tableRows(writer.dataSource, 'ledger_balances'),
            ),
          { timeoutMs: 20_000, what: 'the downstream projection to equal the writer’s balances' },
        );
        expectOncePerEventInOrder(received, eventIds);
        const [{ applied }] = await projector.dataSource.query('select count(*)::int as applied from inbox');
        expect(applied).toBe(total);
        const consumer = await nats.jsm.consumers.info(nats.naming.eventStream(LEDGER_SERVICE), projector.runner.consumerName);
        expect(consumer.delivered.consumer_seq).toBe(total);
      } finally {
        await projector.close();
      }
    } finally {
      await writer.close();
    }
  });

  it('changes nothing when a consumer dies after its projection commit but before its ack', async () => {
    // Clean slate for the projector's durable consumer on this stream.
    const writerDb = await database('ackwriter');
    const writer = await LedgerWriter.open(writerDb.url);
    const projectorDb = await database('ackproj');
    try {
      const stream = nats.naming.eventStream(LEDGER_SERVICE);
      await nats.jsm.streams.purge(stream);
      await nats.jsm.consumers.delete(stream, 'projector-ledger-copies').catch(() => false);
      writer.startRelay(nats);
      await writer.run('a-1', { kind: 'open', name: 'A1' });
      for (let i = 1; i <= 20; i += 1) await writer.run('a-1', { kind: 'credit', amount: i });
      await eventually(async () => expect((await nats.jsm.streams.info(stream)).state.messages).toBe(21));

      const child = spawnLedgerProcess({
        ROLE: 'projector',
        DB_URL: projectorDb.url,
        NATS_PREFIX: nats.naming.prefix,
        CRASH_AFTER_COMMIT: '1',
      });
      await child.waitFor(/^committed$/);
      expect((await child.exited).signal).toBe('SIGKILL');

      const projector = await LedgerProjector.start(projectorDb.url, nats, { ackWaitMs: 2_000 });
      try {
        const [committedBefore] = (await tableRows(projector.dataSource, 'ledger_copies')) as { credits: number }[];
        expect(committedBefore).toBeDefined();
        await eventually(
          async () =>
            expect(await tableRows(projector.dataSource, 'ledger_copies')).toEqual(
              await tableRows(writer.dataSource, 'ledger_balances'),
            ),
          { timeoutMs: 20_000, what: 'redelivered events to leave the projection equal to the source' },
        );
        const info = await nats.jsm.consumers.info(stream, 'projector-ledger-copies');
        // More deliveries than messages: what the dead consumer had applied came again.
        expect(info.delivered.consumer_seq).toBeGreaterThan(21);
        const [{ applied }] = await projector.dataSource.query('select count(*)::int as applied from inbox');
        expect(applied).toBe(21);
      } finally {
        await projector.close();
      }
    } finally {
      await writer.close();
    }
  });
});
