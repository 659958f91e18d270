// Retries are spaced out by the server: a failing message is nak'ed with a delay that grows
// with each delivery (the loop's backoff policy), and transient failures are retried past the
// delivery limit instead of being dead-lettered.
import type { JsMsg } from 'nats';
import { createLogger } from '@fieldwork/telemetry';
import { eventually } from '@fieldwork/testing';
import {
  backoffDelay,
  Headers,
  type BackoffPolicy,
  type MessageOutcome,
} from '../src';
import { useStreamsFixture } from './support/streams-fixture';

const logger = createLogger('nak-backoff-test', { level: 'silent' });

describe('ConsumerLoop nak backoff', () => {
  const fx = useStreamsFixture([]);

  async function startLoop(
    durableName: string,
    options: { maxDeliveries: number; retryBackoff: BackoffPolicy },
    handle: (message: JsMsg) => MessageOutcome,
  ): Promise<void> {
    await fx.workLoop(durableName, logger, { handle: async (messages) => messages.map(handle), ...options }).start();
  }

  const publish = (kind: string) => fx.publish(kind);

  it('waits longer before each redelivery, as the backoff policy says, then dead-letters', async () => {
    const policy: BackoffPolicy = { initialMs: 300, maxMs: 10_000, factor: 2, jitter: 0 };
    const deliveredAt: number[] = [];
    const maxDeliveries = 5;
    await startLoop('growing', { maxDeliveries, retryBackoff: policy }, () => {
      deliveredAt.push(performance.now());
      return { kind: 'retry', error: new Error('still failing') };
    });
    await publish('growing');
    await eventually(async () => expect((await fx.nats.jsm.streams.info(fx.naming.deadLetterStream)).state.messages).toBe(1), {
      timeoutMs: 15_000,
      what: `the failing message to be dead-lettered after ${maxDeliveries} deliveries`,
    });
    expect(deliveredAt).toHaveLength(maxDeliveries);

    const gaps = deliveredAt.slice(1).map((at, index) => at - deliveredAt[index]);
    // After delivery n the message is nak'ed with backoffDelay(n): 300, 600, 1200, 2400 ms.
    const expected = gaps.map((_, index) => backoffDelay(index + 1, policy));
    expect(expected).toEqual([300, 600, 1_200, 2_400]);
    gaps.forEach((gap, index) => {
      // Never early (the server holds the message), and not much later than asked for.
      expect(gap).toBeGreaterThanOrEqual(expected[index] - 25);
      expect(gap).toBeLessThan(expected[index] + 1_000);
    });
    gaps.slice(1).forEach((gap, index) => expect(gap).toBeGreaterThan(gaps[index]));

    const buried = await fx.nats.jsm.streams.getMessage(fx.naming.deadLetterStream, { seq: 1 });
    expect(buried.header.get(Headers.deadLetterDeliveries)).toBe(String(maxDeliveries));
    expect(buried.header.get(Headers.deadLetterReason)).toMatch(/failed 5 times: Error: still failing/);
  });

  it('retries transient failures beyond the delivery limit, never dead-lettering them', async () => {
    const dlqBefore = (await fx.nats.jsm.streams.info(fx.naming.deadLetterStream)).state.messages;
    const seen: number[] = [];
    await startLoop('transient', { maxDeliveries: 2, retryBackoff: { initialMs: 50, maxMs: 200, jitter: 0 } }, (message) => {
      const delivery = message.info.redeliveryCount;
      seen.push(delivery);
      return delivery < 6
        ? { kind: 'retry', error: Object.assign(new Error('database is down'), { code: 'ECONNREFUSED' }), transient: true }
        : { kind: 'ack' };
    });
    await publish('transient');
    await eventually(async () => expect((await fx.nats.jsm.streams.info(fx.naming.workStream)).state.messages).toBe(0), {
      what: 'the message to succeed on its 6th delivery and leave the work queue',
    });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await fx.nats.jsm.streams.info(fx.naming.deadLetterStream)).state.messages).toBe(dlqBefore);
  });
});
