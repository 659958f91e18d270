// The consumer loop against real JetStream: long handlers keep their lease, failures are
// retried with a delay, shared work-queue consumers hand each message to one worker, and a
// stopping loop gives back what it had not started.
import type { JsMsg } from 'nats';
import { createLogger } from '@fieldwork/telemetry';
import { eventually } from '@fieldwork/testing';
import { ConsumerLoop, type MessageOutcome } from '../src';
import { useStreamsFixture } from './support/streams-fixture';

const logger = createLogger('consumer-loop-test', { level: 'silent' });

describe('ConsumerLoop', () => {
  const fx = useStreamsFixture(['campaigns'], { declareTwice: true });

  function loop(
    durableName: string,
    handle: (messages: JsMsg[]) => Promise<MessageOutcome[]>,
    options: Partial<ConstructorParameters<typeof ConsumerLoop>[0]> = {},
  ): ConsumerLoop {
    return fx.workLoop(durableName, logger, {
      parallelism: 4,
      maxDeliveries: 5,
      ackWaitMs: 1_000,
      retryBackoff: { initialMs: 100, maxMs: 200, jitter: 0 },
      handle,
      ...options,
    });
  }

  const publish = (kind: string, body: string) => fx.publish(kind, body);

  it('keeps a long handler’s lease with working(): no second delivery while it runs', async () => {
    const deliveries: number[] = [];
    await loop('slow', async (messages) => {
      deliveries.push(messages[0].info.redeliveryCount);
      await new Promise((resolve) => setTimeout(resolve, 3_500)); // 3.5 × AckWait
      return [{ kind: 'ack' }];
    }).start();
    await publish('slow', 'long task');
    await eventually(async () => expect((await fx.nats.jsm.streams.info(fx.naming.workStream)).state.messages).toBe(0), {
      timeoutMs: 15_000,
      what: 'the slow task to be acked and removed from the work queue',
    });
    expect(deliveries).toEqual([1]);
  });

  it('retries a failing message with a delay and acks it once it succeeds', async () => {
    const seen: number[] = [];
    await loop('flaky', async (messages) => {
      const attempt = messages[0].info.redeliveryCount;
      seen.push(attempt);
      return [attempt < 3 ? { kind: 'retry', error: new Error('not yet') } : { kind: 'ack' }];
    }).start();
    await publish('flaky', 'x');
    await eventually(() => expect(seen).toEqual([1, 2, 3]), { what: 'three deliveries' });
    await eventually(async () => expect((await fx.nats.jsm.consumers.info(fx.naming.workStream, 'flaky')).num_ack_pending).toBe(0));
  });

  it('hands each work-queue message to exactly one of several workers', async () => {
    const handled: string[] = [];
    const worker = async (messages: JsMsg[]): Promise<MessageOutcome[]> => {
      handled.push(new TextDecoder().decode(messages[0].data));
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [{ kind: 'ack' }];
    };
    await loop('shared', worker).start();
    await loop('shared', worker).start();
    await loop('shared', worker).start();
    await Promise.all(Array.from({ length: 60 }, (_, i) => publish('shared', `task-${i}`)));
    await eventually(() => expect(handled).toHaveLength(60), { what: '60 tasks handled' });
    expect(new Set(handled).size).toBe(60);
  });

  it('releases what it has not started when stopped, for another worker to take at once', async () => {
    const first: string[] = [];
    const stopping = loop(
      'handover',
      async (messages) => {
        first.push(new TextDecoder().decode(messages[0].data));
        await new Promise((resolve) => setTimeout(resolve, 300));
        return [{ kind: 'ack' }];
      },
      { parallelism: 1 },
    );
    await stopping.start();
    await Promise.all(Array.from({ length: 6 }, (_, i) => publish('handover', `h-${i}`)));
    await eventually(() => expect(first.length).toBeGreaterThanOrEqual(1));
    await stopping.stop();
    const second: string[] = [];
    await loop('handover', async (messages) => {
      second.push(new TextDecoder().decode(messages[0].data));
      return [{ kind: 'ack' }];
    }).start();
    // Well under AckWait × 6: released messages are redelivered immediately, not after expiry.
    await eventually(() => expect(new Set([...first, ...second]).size).toBe(6), { timeoutMs: 3_000, what: 'all six handled' });
  });
});
