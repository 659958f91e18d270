import type { StoredMsg } from 'nats';
import { createTestDatabase, eventually, randomPrefix, type TestDatabase } from '@fieldwork/testing';
import { Headers } from '@fieldwork/messaging';
import { decodeEnvelope, rebuildFromEventStore, repairStreamTail } from '../src';
import { LedgerProjector, LedgerWriter, openNats, type NatsHandle } from './ledger-node';
import { balancesProjection, LEDGER_SERVICE, tableRows } from './ledger.fixture';

describe('outbox relay and JetStream projections', () => {
  let writerDb: TestDatabase;
  let projectorDb: TestDatabase;
  let nats: NatsHandle;
  let writer: LedgerWriter;
  let projector: LedgerProjector;

  beforeAll(async () => {
    [writerDb, projectorDb] = await Promise.all([createTestDatabase('outbox'), createTestDatabase('projector')]);
    nats = await openNats(randomPrefix());
    writer = await LedgerWriter.open(writerDb.url);
    writer.startRelay(nats, 50);
    projector = await LedgerProjector.start(projectorDb.url, nats, { maxDeliveries: 3, maxBatch: 20 });
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

  const streamName = () => nats.naming.eventStream(LEDGER_SERVICE);

  async function projectionsAgree(): Promise<void> {
    await eventually(
      async () => expect(await tableRows(projector.dataSource, 'ledger_copies')).toEqual(await tableRows(writer.dataSource, 'ledger_balances')),
      { timeoutMs: 15_000, what: 'the JetStream-fed projection to equal the inline one' },
    );
  }

  it('publishes every committed event once, in order per aggregate, with Nats-Msg-Id = event id', async () => {
    const ledgers = ['l-1', 'l-2', 'l-3'];
    for (const id of ledgers) await writer.run(id, { kind: 'open', name: id.toUpperCase() });
    await Promise.all(
      ledgers.map(async (id) => {
        for (let i = 1; i <= 20; i += 1) await writer.run(id, { kind: 'credit', amount: i });
      }),
    );
    await eventually(async () => expect((await nats.jsm.streams.info(streamName())).state.messages).toBe(63), {
      what: '63 events in the stream',
    });
    const seenVersion = new Map<string, number>();
    for (let seq = 1; seq <= 63; seq += 1) {
      const message: StoredMsg = await nats.jsm.streams.getMessage(streamName(), { seq });
      const event = decodeEnvelope(message.data);
      expect(message.header.get('Nats-Msg-Id')).toBe(event.eventId);
      expect(message.header.get(Headers.eventId)).toBe(event.eventId);
      expect(event.aggregateVersion).toBe((seenVersion.get(event.aggregateId) ?? 0) + 1);
      seenVersion.set(event.aggregateId, event.aggregateVersion);
    }
    const [{ unpublished }] = await writer.dataSource.query(
      'select count(*)::int as unpublished from outbox where published_at is null',
    );
    expect(unpublished).toBe(0);
    await projectionsAgree();
  });

  it('does not duplicate downstream when the relay publishes again what it had not marked', async () => {
    // Simulates a crash after publish and before "mark published": the rows are pending again.
    await writer.dataSource.query(`update outbox set published_at = null where position > 40`);
    await eventually(
      async () => {
        const [{ unpublished }] = await writer.dataSource.query(
          'select count(*)::int as unpublished from outbox where published_at is null',
        );
        expect(unpublished).toBe(0);
      },
      { what: 'the relay to republish the pending rows' },
    );
    expect((await nats.jsm.streams.info(streamName())).state.messages).toBe(63);
    await projectionsAgree();
  });

  it('rebuilds a projection from scratch to exactly the live rows', async () => {
    const live = await tableRows(projector.dataSource, 'ledger_copies');
    expect(live).toHaveLength(3);
    await projector.runner.rebuild();
    await eventually(async () => expect(await tableRows(projector.dataSource, 'ledger_copies')).toEqual(live), {
      what: 'the rebuilt projection to equal the live one',
    });
    // Inline projections rebuild from the local event store.
    const inline = await tableRows(writer.dataSource, 'ledger_balances');
    await rebuildFromEventStore(writer.dataSource, balancesProjection);
    expect(await tableRows(writer.dataSource, 'ledger_balances')).toEqual(inline);
  });

  it('dead-letters a poison message after max deliveries and keeps processing behind it', async () => {
    await writer.run('l-1', { kind: 'corrupt', reason: 'bad data' });
    for (let i = 0; i < 5; i += 1) await writer.run('l-2', { kind: 'credit', amount: 100 });
    await projectionsAgree();
    const dlq = nats.naming.deadLetterStream;
    await eventually(async () => expect((await nats.jsm.streams.info(dlq)).state.messages).toBe(1), {
      timeoutMs: 20_000,
      what: 'one message in the dead-letter stream',
    });
    const buried = await nats.jsm.streams.getMessage(dlq, { seq: 1 });
    expect(decodeEnvelope(buried.data).type).toBe('fieldwork.testing.v1.LedgerCorrupted');
    expect(buried.header.get(Headers.deadLetterReason)).toMatch(/failed 3 times: .*refusing corrupted ledger event/);
    expect(buried.header.get(Headers.deadLetterConsumer)).toBe('projector-ledger-copies');
    await eventually(async () => expect(await projector.runner.caughtUp()).toBe(true), {
      what: 'the consumer to have nothing pending behind the poison message',
    });
  });

  it('repairs a lost stream tail by republishing from the event store', async () => {
    // NATS acknowledged these events and then lost them (as an unsynced server can after a power
    // cut): the outbox says "published", the stream does not have them.
    await writer.relay!.stop();
    for (let i = 0; i < 10; i += 1) await writer.run('l-3', { kind: 'credit', amount: 1_000 });
    await writer.dataSource.query('update outbox set published_at = now() where published_at is null');
    writer.startRelay(nats, 50);
    const messagesBefore = (await nats.jsm.streams.info(streamName())).state.messages;
    const [{ total }] = await writer.dataSource.query('select count(*)::int as total from events');
    expect(messagesBefore).toBe(total - 10);

    const repair = await repairStreamTail(writer.dataSource, nats.jsm, nats.naming, LEDGER_SERVICE, 20);
    expect(repair.lastPositionInStream).toBe(total - 10);
    expect(repair.requeued).toBe(31); // positions P-20 … P+10
    await eventually(async () => expect((await nats.jsm.streams.info(streamName())).state.messages).toBe(total), {
      what: 'the lost events to be back in the stream, and no duplicates of the others',
    });
    await projectionsAgree();
  });
});
