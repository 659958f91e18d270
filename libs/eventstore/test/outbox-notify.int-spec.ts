// The relay wakes on LISTEN/NOTIFY, not on its polling fallback: with the fallback set to a
// minute, a committed event must still reach JetStream within a couple of seconds. If the
// outbox trigger stopped notifying (or the relay stopped listening), these waits time out.
import { createTestDatabase, eventually, randomPrefix, type TestDatabase } from '@fieldwork/testing';
import { LedgerWriter, openNats, type NatsHandle } from './ledger-node';
import { LEDGER_SERVICE, type LedgerCommand } from './ledger.fixture';

const POLL_FALLBACK_MS = 60_000;
// 24× below the fallback, with room for a loaded 2-core CI machine.
const WAKE_BUDGET_MS = 2_500;

describe('outbox relay wake-up on NOTIFY', () => {
  let db: TestDatabase;
  let nats: NatsHandle;
  let writer: LedgerWriter;

  beforeAll(async () => {
    db = await createTestDatabase('notify');
    nats = await openNats(randomPrefix());
    writer = await LedgerWriter.open(db.url);
    writer.startRelay(nats, 50, { pollIntervalMs: POLL_FALLBACK_MS });
  });

  afterAll(async () => {
    await writer?.close();
    for await (const stream of nats.jsm.streams.list()) {
      if (stream.config.name.startsWith(nats.naming.prefix.toUpperCase())) await nats.jsm.streams.delete(stream.config.name);
    }
    await nats.connection.drain();
    await db?.drop();
  });

  const streamMessages = async () => (await nats.jsm.streams.info(nats.naming.eventStream(LEDGER_SERVICE))).state.messages;

  /** The relay leads, has drained everything and has asked writers to notify it: it is asleep. */
  async function relayIdle(): Promise<void> {
    await eventually(
      async () => {
        expect(writer.relay!.isLeader).toBe(true);
        const [{ listening, pending }] = await writer.dataSource.query(
          `select (select listening from outbox_relay_state) as listening,
                  (select count(*)::int from outbox where published_at is null) as pending`,
        );
        expect({ listening, pending }).toEqual({ listening: true, pending: 0 });
      },
      { what: 'the relay to drain the outbox and wait for notifications' },
    );
  }

  it('publishes a single commit within 2.5 s although the polling fallback is 60 s, again and again', async () => {
    const credits = [1, 2, 3, 4].map((amount): LedgerCommand => ({ kind: 'credit', amount }));
    const commands: LedgerCommand[] = [{ kind: 'open', name: 'N1' }, ...credits];
    // Each round commits while the relay sleeps, so only a notification can wake it in time.
    for (const [round, command] of commands.entries()) {
      await relayIdle();
      const before = await streamMessages();
      const committedAt = Date.now();
      await writer.run('n-1', command);
      await eventually(async () => expect(await streamMessages()).toBe(before + 1), {
        timeoutMs: WAKE_BUDGET_MS,
        intervalMs: 20,
        what: `round ${round}: the relay to be woken by NOTIFY and publish (polling fallback is ${POLL_FALLBACK_MS} ms)`,
      });
      expect(Date.now() - committedAt).toBeLessThan(WAKE_BUDGET_MS);
    }
  });

  it('publishes a burst of concurrent commits on several aggregates promptly', async () => {
    await relayIdle();
    const before = await streamMessages();
    const ledgers = ['n-2', 'n-3', 'n-4'];
    await Promise.all(ledgers.map((id) => writer.run(id, { kind: 'open', name: id })));
    await Promise.all(
      ledgers.map(async (id) => {
        for (let i = 1; i <= 5; i += 1) await writer.run(id, { kind: 'credit', amount: i });
      }),
    );
    await eventually(async () => expect(await streamMessages()).toBe(before + 18), {
      timeoutMs: WAKE_BUDGET_MS,
      intervalMs: 20,
      what: `18 events published without waiting for the ${POLL_FALLBACK_MS} ms poll`,
    });
  });
});
