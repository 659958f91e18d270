// A pool of consumer loops on one durable consumer (real JetStream): MaxAckPending is the
// pool's setting, so N workers of capacity c together hold N×c messages; and each worker pulls
// only for its free slots, so none holds more than c (what it cannot start stays on the server
// for the others, instead of waiting un-leased in a local buffer).
import type { JsMsg } from 'nats';
import { createLogger } from '@fieldwork/telemetry';
import { eventually } from '@fieldwork/testing';
import { ConsumerLoop, type MessageOutcome } from '../src';
import { useStreamsFixture } from './support/streams-fixture';

const logger = createLogger('consumer-loop-pool-test', { level: 'silent' });

const WORKERS = 3;
const CAPACITY = 2;
const TASKS = 20;

describe('ConsumerLoop pool', () => {
  const fx = useStreamsFixture(['campaigns']);

  function worker(durableName: string, handle: (messages: JsMsg[]) => Promise<MessageOutcome[]>, maxAckPending?: number): ConsumerLoop {
    return fx.workLoop(durableName, logger, { parallelism: CAPACITY, maxDeliveries: 5, ackWaitMs: 2_000, maxAckPending, pullExpiresMs: 1_000, handle });
  }

  const publish = (kind: string, body: string) => fx.publish(kind, body);

  it('gives N workers of capacity c at least N×c in flight together, and no worker more than c', async () => {
    const inFlight = new Map<number, number>();
    const peak = new Map<number, number>();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    const pool = Array.from({ length: WORKERS }, (_, index) =>
      worker(
        'pool',
        async (messages) => {
          inFlight.set(index, (inFlight.get(index) ?? 0) + 1);
          peak.set(index, Math.max(peak.get(index) ?? 0, inFlight.get(index)!));
          await gate;
          handled.push(new TextDecoder().decode(messages[0].data));
          inFlight.set(index, inFlight.get(index)! - 1);
          return [{ kind: 'ack' }];
        },
        // Pool-wide, as the agent passes FIELDWORK_AGENT_POOL_MAX_ACK_PENDING to every worker.
        1_000,
      ),
    );
    for (const loop of pool) await loop.start();
    await Promise.all(Array.from({ length: TASKS }, (_, i) => publish('pool', `task-${i}`)));

    const total = () => [...inFlight.values()].reduce((sum, n) => sum + n, 0);
    await eventually(() => expect(total()).toBe(WORKERS * CAPACITY), { timeoutMs: 10_000, what: `${WORKERS * CAPACITY} handlers running at once across the pool` });
    const info = await fx.nats.jsm.consumers.info(fx.naming.workStream, 'pool');
    expect(info.config.max_ack_pending).toBe(1_000);
    // Handed out exactly what the workers are running: nothing prefetched into a local buffer.
    expect(info.num_ack_pending).toBe(WORKERS * CAPACITY);
    expect(info.num_pending).toBe(TASKS - WORKERS * CAPACITY);
    expect(pool.map((loop) => loop.held)).toEqual(Array.from({ length: WORKERS }, () => CAPACITY));

    release();
    await eventually(() => expect(handled).toHaveLength(TASKS), { timeoutMs: 15_000, what: `all ${TASKS} tasks handled` });
    expect(new Set(handled).size).toBe(TASKS);
    for (let index = 0; index < WORKERS; index += 1) expect(peak.get(index) ?? 0).toBeLessThanOrEqual(CAPACITY);
    await eventually(async () => expect((await fx.nats.jsm.consumers.info(fx.naming.workStream, 'pool')).num_ack_pending).toBe(0), {
      what: 'every task acked',
    });
  });

  it('keeps the pool-wide cap whichever worker starts last', async () => {
    // Workers started one after another each re-declare the consumer with the same pool value;
    // the old per-loop sizing (maxBatch × parallelism × 2 = 4) would have capped the pool at 4.
    for (let index = 0; index < WORKERS; index += 1) await worker('restart', async () => [{ kind: 'ack' }], 500).start();
    expect((await fx.nats.jsm.consumers.info(fx.naming.workStream, 'restart')).config.max_ack_pending).toBe(500);
  });

  it('does not let a message wait in a busy worker past AckWait: it stays on the server for an idle one', async () => {
    let releaseBusy!: () => void;
    const busyGate = new Promise<void>((resolve) => (releaseBusy = resolve));
    const byBusy: string[] = [];
    const busy = worker('lease', async (messages) => {
      byBusy.push(new TextDecoder().decode(messages[0].data));
      await busyGate;
      return [{ kind: 'ack' }];
    });
    await busy.start();
    await Promise.all(Array.from({ length: CAPACITY + 2 }, (_, i) => publish('lease', `l-${i}`)));
    await eventually(() => expect(byBusy).toHaveLength(CAPACITY), { what: 'the busy worker to fill its slots' });
    expect(busy.held).toBe(CAPACITY);
    const byIdle: string[] = [];
    await worker('lease', async (messages) => {
      byIdle.push(new TextDecoder().decode(messages[0].data));
      return [{ kind: 'ack' }];
    }).start();
    // Well under AckWait (2 s): the idle worker gets the rest at once, none of them redelivered.
    await eventually(() => expect(byIdle).toHaveLength(2), { timeoutMs: 1_500, what: 'the idle worker to take the two messages the busy one could not start' });
    releaseBusy();
    await eventually(async () => expect((await fx.nats.jsm.consumers.info(fx.naming.workStream, 'lease')).num_ack_pending).toBe(0), { what: 'every message acked' });
    expect(new Set([...byBusy, ...byIdle]).size).toBe(CAPACITY + 2);
  });
});
