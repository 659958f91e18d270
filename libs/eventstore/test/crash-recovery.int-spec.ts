// Kills real processes at the worst moments and checks that nothing is lost or duplicated.
import { createTestDatabase, eventually, randomPrefix, type TestDatabase } from '@fieldwork/testing';
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

  it('publishes every event exactly once after the writer is killed between commit and publish', async () => {
    const writerDb = await database('crashwriter');
    const child = spawnLedgerProcess({
      ROLE: 'writer',
      DB_URL: writerDb.url,
      NATS_PREFIX: nats.naming.prefix,
      COMMANDS: '400',
      RELAY_BATCH: '7',
    });
    await child.waitFor(/^appended 150$/);
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const writer = await LedgerWriter.open(writerDb.url);
    try {
      const [{ total, unpublished }] = await writer.dataSource.query(
        `select (select count(*)::int from events) as total,
                (select count(*)::int from outbox where published_at is null) as unpublished`,
      );
      expect(total).toBeGreaterThanOrEqual(155);
      writer.startRelay(nats);
      await eventually(
        async () => {
          const [{ pending }] = await writer.dataSource.query(
            'select count(*)::int as pending from outbox where published_at is null',
          );
          expect(pending).toBe(0);
        },
        { what: `the restarted relay to publish what was left (${unpublished} rows)` },
      );
      const stream = await nats.jsm.streams.info(nats.naming.eventStream(LEDGER_SERVICE));
      expect(stream.state.messages).toBe(total);

      const projectorDb = await database('crashproj');
      const projector = await LedgerProjector.start(projectorDb.url, nats);
      try {
        await eventually(
          async () =>
            expect(await tableRows(projector.dataSource, 'ledger_copies')).toEqual(
              await tableRows(writer.dataSource, 'ledger_balances'),
            ),
          { timeoutMs: 20_000, what: 'the downstream projection to equal the writer’s balances' },
        );
        const [{ applied }] = await projector.dataSource.query('select count(*)::int as applied from inbox');
        expect(applied).toBe(total);
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
