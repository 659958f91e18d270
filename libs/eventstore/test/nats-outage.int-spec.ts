// NATS goes away mid-stream (a private nats-server, so other test files are unaffected).
import type { StoredMsg } from 'nats';
import { createTestDatabase, eventually, randomPrefix, startPrivateNats, type PrivateNats, type TestDatabase } from '@fieldwork/testing';
import { decodeEnvelope } from '../src';
import { LedgerProjector, LedgerWriter, openNats, type NatsHandle } from './ledger-node';
import { LEDGER_SERVICE, tableRows } from './ledger.fixture';

describe('NATS outage', () => {
  let server: PrivateNats;
  let nats: NatsHandle;
  let writerDb: TestDatabase;
  let projectorDb: TestDatabase;
  let writer: LedgerWriter;
  let projector: LedgerProjector;

  beforeAll(async () => {
    server = await startPrivateNats();
    [writerDb, projectorDb] = await Promise.all([createTestDatabase('outagew'), createTestDatabase('outagep')]);
    nats = await openNats(randomPrefix(), server.url);
    writer = await LedgerWriter.open(writerDb.url);
    writer.startRelay(nats, 20);
    projector = await LedgerProjector.start(projectorDb.url, nats);
  });

  afterAll(async () => {
    await projector?.close();
    await writer?.close();
    await nats?.connection.close();
    await server?.dispose();
    await Promise.all([writerDb?.drop(), projectorDb?.drop()]);
  });

  const unpublished = async (): Promise<number> =>
    (await writer.dataSource.query('select count(*)::int as n from outbox where published_at is null'))[0].n;

  it('keeps accepting commands while NATS is down and delivers everything, in order, when it returns', async () => {
    for (const id of ['o-1', 'o-2']) await writer.run(id, { kind: 'open', name: id });
    await eventually(async () => expect(await unpublished()).toBe(0), { what: 'the first events to publish' });

    await server.stop();
    for (let i = 1; i <= 30; i += 1) {
      // Commands succeed: they only need Postgres.
      await writer.run(i % 2 === 0 ? 'o-1' : 'o-2', { kind: 'credit', amount: i });
    }
    expect(await unpublished()).toBe(30);
    expect(writer.relay!.isLeader).toBe(true);

    await server.start();
    await eventually(async () => expect(await unpublished()).toBe(0), {
      timeoutMs: 30_000,
      what: 'the outbox to drain after NATS returned',
    });
    const stream = nats.naming.eventStream(LEDGER_SERVICE);
    const { state } = await nats.jsm.streams.info(stream);
    expect(state.messages).toBe(32);
    const versions = new Map<string, number>();
    for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
      const message: StoredMsg = await nats.jsm.streams.getMessage(stream, { seq });
      const event = decodeEnvelope(message.data);
      expect(event.aggregateVersion).toBe((versions.get(event.aggregateId) ?? 0) + 1);
      versions.set(event.aggregateId, event.aggregateVersion);
    }
    await eventually(
      async () =>
        expect(await tableRows(projector.dataSource, 'ledger_copies')).toEqual(
          await tableRows(writer.dataSource, 'ledger_balances'),
        ),
      { timeoutMs: 30_000, what: 'the consumer to resume and catch up' },
    );
  });
});
