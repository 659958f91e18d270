import { ConcurrencyError } from '@fieldwork/contracts';
import { createTestDatabase, type TestDatabase } from '@fieldwork/testing';
import { create } from '@bufbuild/protobuf';
import { testingEvents } from '@fieldwork/contracts';
import { EventStore } from '../src';
import { LedgerWriter, metadata } from './ledger-node';
import { tableRows } from './ledger.fixture';

describe('event store: optimistic concurrency', () => {
  let db: TestDatabase;
  let writer: LedgerWriter;
  const store = new EventStore();

  beforeAll(async () => {
    db = await createTestDatabase('concurrency');
    writer = await LedgerWriter.open(db.url, 20);
  });

  afterAll(async () => {
    await writer.close();
    await db.drop();
  });

  it('lets exactly one of many concurrent appends at the same version win', async () => {
    await writer.run('ledger-a', { kind: 'open', name: 'A' });
    const contenders = Array.from({ length: 12 }, (_, index) =>
      writer.dataSource.transaction((manager) =>
        store.append(manager, {
          aggregateType: 'ledger',
          aggregateId: 'ledger-a',
          expectedVersion: 1,
          events: [create(testingEvents.LedgerCreditedSchema, { amount: BigInt(index + 1) })],
          metadata: metadata(),
        }),
      ),
    );
    const results = await Promise.allSettled(contenders);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(11);
    for (const failure of lost) {
      expect(failure.reason).toBeInstanceOf(ConcurrencyError);
      expect((failure.reason as ConcurrencyError).httpStatus).toBe(409);
    }
    const events = await store.readAggregate(writer.dataSource.manager, 'org-1', 'ledger-a');
    expect(events.map((event) => event.aggregateVersion)).toEqual([1, 2]);
  });

  it('rejects a stale expected version without writing anything', async () => {
    await expect(
      writer.dataSource.transaction((manager) =>
        store.append(manager, {
          aggregateType: 'ledger',
          aggregateId: 'ledger-a',
          expectedVersion: 5,
          events: [create(testingEvents.LedgerCreditedSchema, { amount: 1n })],
          metadata: metadata(),
        }),
      ),
    ).rejects.toMatchObject({ code: 'conflict', details: { expectedVersion: 5, actualVersion: 2 } });
    const [{ count }] = await writer.dataSource.query(`select count(*)::int as count from outbox`);
    expect(count).toBe(2);
  });

  it('retries a command on conflict so concurrent commands all land, in order', async () => {
    await writer.run('ledger-b', { kind: 'open', name: 'B' });
    await Promise.all(Array.from({ length: 10 }, () => writer.run('ledger-b', { kind: 'credit', amount: 5 })));
    const [balance] = (await tableRows(writer.dataSource, 'ledger_balances')).filter(
      (row) => (row as { ledger_id: string }).ledger_id === 'ledger-b',
    ) as { balance: string; credits: number; last_version: number }[];
    expect(balance).toMatchObject({ balance: '50', credits: 10, last_version: 11 });
  });

  it('lets two writers with their own state caches interleave on one aggregate without losing a write', async () => {
    // Each handler caches the aggregate state it last committed; the other writer's appends make
    // that cache stale, and the version check must force a re-read instead of a lost update.
    const other = await LedgerWriter.open(db.url, 4);
    try {
      await writer.run('ledger-c', { kind: 'open', name: 'C' });
      for (let round = 0; round < 5; round += 1) {
        await writer.run('ledger-c', { kind: 'credit', amount: 1 });
        await other.run('ledger-c', { kind: 'credit', amount: 10 });
      }
      await expect(other.run('ledger-c', { kind: 'open', name: 'again' })).rejects.toMatchObject({ code: 'conflict' });
    } finally {
      await other.close();
    }
    const events = await store.readAggregate(writer.dataSource.manager, 'org-1', 'ledger-c');
    expect(events.map((event) => event.aggregateVersion)).toEqual(Array.from({ length: 11 }, (_, index) => index + 1));
    const [balance] = (await tableRows(writer.dataSource, 'ledger_balances')).filter(
      (row) => (row as { ledger_id: string }).ledger_id === 'ledger-c',
    ) as { balance: string; credits: number }[];
    expect(balance).toMatchObject({ balance: '55', credits: 10 });
  });

  it('never reuses a cached state across organizations', async () => {
    await writer.run('ledger-shared-id', { kind: 'open', name: 'one' }, 'org-1');
    await expect(writer.run('ledger-shared-id', { kind: 'credit', amount: 1 }, 'org-2')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('keeps history append-only and scopes reads to the organization', async () => {
    await expect(writer.dataSource.query(`update events set type = 'x'`)).rejects.toThrow(/append-only/);
    await expect(writer.dataSource.query(`delete from events`)).rejects.toThrow(/append-only/);
    expect(await store.readAggregate(writer.dataSource.manager, 'another-org', 'ledger-a')).toEqual([]);
  });

  it('refuses invalid commands without writing', async () => {
    await expect(writer.run('ledger-b', { kind: 'credit', amount: -3 })).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'amount', message: 'must be positive' }],
    });
    await expect(writer.run('ledger-b', { kind: 'open', name: 'again' })).rejects.toMatchObject({ code: 'conflict' });
  });
});
