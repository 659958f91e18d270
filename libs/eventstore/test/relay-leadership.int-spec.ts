// Several relay instances on one service database: one leads and publishes, the others stand
// by; when the leader goes, a standby takes over — nothing published twice or out of order.
import type { StoredMsg } from 'nats';
import { createTestDatabase, eventually, randomPrefix, type TestDatabase } from '@fieldwork/testing';
import { decodeEnvelope, OutboxRelay } from '../src';
import { LedgerWriter, logger, openNats, type NatsHandle } from './ledger-node';
import { LEDGER_SERVICE } from './ledger.fixture';

describe('relay leadership', () => {
  let db: TestDatabase;
  let nats: NatsHandle;
  let writer: LedgerWriter;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('leader');
    nats = await openNats(randomPrefix());
    writer = await LedgerWriter.open(db.url);
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await writer.close();
    for await (const stream of nats.jsm.streams.list()) {
      if (stream.config.name.startsWith(nats.naming.prefix.toUpperCase())) await nats.jsm.streams.delete(stream.config.name);
    }
    await nats.connection.drain();
    await db.drop();
  });

  function startRelay(): OutboxRelay {
    const relay = new OutboxRelay({
      service: LEDGER_SERVICE,
      connectionString: db.url,
      js: nats.js,
      naming: nats.naming,
      logger,
      batchSize: 5,
      pollIntervalMs: 100,
    });
    relay.start();
    relays.push(relay);
    return relay;
  }

  it('publishes through exactly one leader and fails over without duplicates or reordering', async () => {
    const group = [startRelay(), startRelay(), startRelay()];
    await eventually(() => expect(group.filter((relay) => relay.isLeader)).toHaveLength(1), { what: 'one leader' });
    for (const id of ['r-1', 'r-2']) await writer.run(id, { kind: 'open', name: id });
    for (let i = 1; i <= 40; i += 1) await writer.run(i % 2 ? 'r-1' : 'r-2', { kind: 'credit', amount: i });

    const leader = group.find((relay) => relay.isLeader)!;
    await leader.stop();
    for (let i = 41; i <= 80; i += 1) await writer.run(i % 2 ? 'r-1' : 'r-2', { kind: 'credit', amount: i });
    await eventually(() => expect(group.filter((relay) => relay.isLeader)).toHaveLength(1), { what: 'a standby to take over' });

    const stream = nats.naming.eventStream(LEDGER_SERVICE);
    await eventually(async () => expect((await nats.jsm.streams.info(stream)).state.messages).toBe(82), {
      what: 'all 82 events in the stream, once each',
    });
    const versions = new Map<string, number>();
    for (let seq = 1; seq <= 82; seq += 1) {
      const message: StoredMsg = await nats.jsm.streams.getMessage(stream, { seq });
      const event = decodeEnvelope(message.data);
      expect(event.aggregateVersion).toBe((versions.get(event.aggregateId) ?? 0) + 1);
      versions.set(event.aggregateId, event.aggregateVersion);
    }
    const published = group.reduce((sum, relay) => sum + relay.published, 0);
    expect(published).toBe(82);
  });
});
