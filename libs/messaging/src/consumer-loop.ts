// The one place where JetStream messages are settled (STYLE.md: "written once in a lib").
// A durable pull consumer feeds a handler in opportunistic batches (one message when idle,
// up to `maxBatch` under load); each message is then acked, nak'ed with a backoff delay,
// or dead-lettered. While a handler runs, its messages get `working()` so a long browser
// attempt is not redelivered to a second worker.
//
// The loop pulls only for its free slots (`(parallelism - running) × maxBatch` per pull), so a
// worker never holds work it cannot start: what one busy worker does not take stays on the
// server for the others, and nothing sits in a local buffer past AckWait (what is buffered gets
// `working()` too). MaxAckPending belongs to the durable consumer, which several loops (a pool
// of workers) may share: pass `maxAckPending` sized for the whole pool.
import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from 'nats';
import type { Logger } from '@fieldwork/telemetry';
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { DeadLetters } from './dead-letter';
import { isNotFound } from './streams';

export type MessageOutcome =
  | { kind: 'ack' }
  /** Try again later. `transient` failures (a dependency is down) never exhaust deliveries. */
  | { kind: 'retry'; error: unknown; transient?: boolean; delayMs?: number }
  /** Cannot ever succeed (undecodable, invalid): dead-letter now. */
  | { kind: 'poison'; error: unknown }
  /** Leave it for someone else now (shutting down): redeliver at once. */
  | { kind: 'release' };

export interface ConsumerLoopOptions {
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  durableName: string;
  filterSubject?: string;
  /** Deliver new messages only (work queues keep everything anyway). */
  deliverPolicy?: DeliverPolicy;
  maxBatch: number;
  /** How many handler calls may run at once (1 keeps stream order, as projections need). */
  parallelism: number;
  /** Non-transient failures are dead-lettered once a message has been delivered this often. */
  maxDeliveries: number;
  ackWaitMs?: number;
  /**
   * The consumer's MaxAckPending: how many messages may be unacknowledged across every loop
   * sharing this durable consumer. A pool setting — every worker of the pool must pass the same
   * value, or the last one started wins. Default `maxBatch × parallelism × 2` (one loop alone).
   */
  maxAckPending?: number;
  /** How long one pull waits for messages before asking again (default 5 s). */
  pullExpiresMs?: number;
  retryBackoff?: BackoffPolicy;
  handle(messages: JsMsg[]): Promise<MessageOutcome[]>;
  deadLetters: DeadLetters;
  logger: Logger;
}

const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 30_000, factor: 2, jitter: 0.3 };

export class ConsumerLoop {
  private messages?: ConsumerMessages;
  private readonly buffer: JsMsg[] = [];
  private readonly running = new Set<Promise<void>>();
  private stopping = false;
  private runPromise?: Promise<void>;
  private bufferHeartbeat?: ReturnType<typeof setInterval>;
  /** Wakes the pull loop when a slot frees up (or the loop stops). */
  private wake?: () => void;

  constructor(private readonly options: ConsumerLoopOptions) {}

  get consumerConfig(): Partial<ConsumerConfig> & { durable_name: string } {
    const o = this.options;
    return {
      durable_name: o.durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: o.deliverPolicy ?? DeliverPolicy.All,
      ack_wait: (o.ackWaitMs ?? 30_000) * 1_000_000,
      // The loop decides when to give up (it knows transient from poison), never the server.
      max_deliver: -1,
      // MaxAckPending silently caps delivery for every loop on this consumer: a pool setting.
      max_ack_pending: Math.max(1, o.maxAckPending ?? o.maxBatch * o.parallelism * 2),
      ...(o.filterSubject ? { filter_subject: o.filterSubject } : {}),
    };
  }

  /** Creates (or updates) the durable consumer, then consumes until `stop()`. */
  async start(): Promise<void> {
    await this.ensureConsumer();
    this.bufferHeartbeat = setInterval(() => this.buffer.forEach((message) => message.working()), this.heartbeatMs());
    this.runPromise = this.run();
  }

  /** Messages this loop holds: running in a handler or waiting in its buffer. */
  get held(): number {
    return this.heldCount;
  }
  private heldCount = 0;

  private async ensureConsumer(): Promise<void> {
    const { jsm, stream } = this.options;
    const config = this.consumerConfig;
    try {
      await jsm.consumers.info(stream, config.durable_name);
      await jsm.consumers.update(stream, config.durable_name, {
        ack_wait: config.ack_wait,
        max_ack_pending: config.max_ack_pending,
        max_deliver: config.max_deliver,
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await jsm.consumers.add(stream, config);
    }
  }

  private async run(): Promise<void> {
    const { js, stream, durableName, logger, maxBatch, parallelism } = this.options;
    while (!this.stopping) {
      try {
        const consumer = await js.consumers.get(stream, durableName);
        while (!this.stopping) {
          const free = (parallelism - this.running.size) * maxBatch - this.buffer.length;
          if (free <= 0) {
            await new Promise<void>((resolve) => (this.wake = resolve));
            continue;
          }
          this.messages = await consumer.fetch({ max_messages: free, expires: this.options.pullExpiresMs ?? 5_000 });
          for await (const message of this.messages) {
            if (this.stopping) {
              message.nak();
              continue;
            }
            this.buffer.push(message);
            this.heldCount += 1;
            this.pump();
          }
        }
      } catch (error) {
        if (this.stopping) break;
        logger.warn({ err: error, stream, consumer: durableName }, 'consumer interrupted; resuming');
        if (isNotFound(error)) await this.ensureConsumer().catch(() => undefined);
        await delay(500);
      }
    }
  }

  /** Starts handler calls while there is buffered work and parallelism to spare. */
  private pump(): void {
    while (this.buffer.length > 0 && this.running.size < this.options.parallelism && !this.stopping) {
      const batch = this.buffer.splice(0, this.options.maxBatch);
      const task = this.process(batch).finally(() => {
        this.running.delete(task);
        this.heldCount -= batch.length;
        this.pump();
        this.wake?.();
      });
      this.running.add(task);
    }
  }

  private async process(batch: JsMsg[]): Promise<void> {
    const { logger } = this.options;
    const heartbeat = setInterval(() => batch.forEach((message) => message.working()), this.heartbeatMs());
    let outcomes: MessageOutcome[];
    try {
      outcomes = await this.options.handle(batch);
    } catch (error) {
      outcomes = batch.map(() => ({ kind: 'retry', error }));
    } finally {
      clearInterval(heartbeat);
    }
    for (const [index, message] of batch.entries()) {
      try {
        await this.settle(message, outcomes[index] ?? { kind: 'retry', error: new Error('no outcome returned') });
      } catch (error) {
        // Settling failed (connection lost): the server redelivers after AckWait; inboxes dedupe.
        logger.warn({ err: error, subject: message.subject }, 'could not settle message');
      }
    }
  }

  private async settle(message: JsMsg, outcome: MessageOutcome): Promise<void> {
    const { maxDeliveries, durableName, deadLetters, logger } = this.options;
    switch (outcome.kind) {
      case 'ack':
        message.ack();
        return;
      case 'release':
        message.nak();
        return;
      case 'poison':
        await deadLetters.bury(message, durableName, describe(outcome.error));
        return;
      case 'retry': {
        const deliveries = message.info.redeliveryCount;
        if (!outcome.transient && deliveries >= maxDeliveries) {
          await deadLetters.bury(message, durableName, `failed ${deliveries} times: ${describe(outcome.error)}`);
          return;
        }
        const delayMs = outcome.delayMs ?? backoffDelay(deliveries, this.options.retryBackoff ?? DEFAULT_BACKOFF);
        logger.warn(
          { err: outcome.error, subject: message.subject, deliveries, delayMs, transient: outcome.transient ?? false },
          'message failed; will retry',
        );
        message.nak(delayMs);
        return;
      }
      default: {
        const never: never = outcome;
        throw new Error(`unknown outcome ${JSON.stringify(never)}`);
      }
    }
  }

  private heartbeatMs(): number {
    return Math.max(200, Math.floor((this.options.ackWaitMs ?? 30_000) / 3));
  }

  /** Stops pulling, lets running handlers finish, and releases what was buffered. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.messages?.stop();
    this.wake?.();
    clearInterval(this.bufferHeartbeat);
    const released = this.buffer.splice(0);
    this.heldCount -= released.length;
    for (const message of released) message.nak();
    await Promise.allSettled([...this.running]);
    await this.runPromise?.catch(() => undefined);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
