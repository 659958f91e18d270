// Feeds a projection from other services' JetStream event streams. Messages are applied in
// opportunistic batches in one transaction that first claims their ids in the inbox (so a
// redelivery changes nothing) and acks only after commit. If a batch fails, its messages are
// retried one by one, so one poison message is isolated, dead-lettered after its maximum
// deliveries, and the messages behind it keep flowing. While the projection's database is
// unavailable, the transaction is retried here with a growing delay instead of nak'ing: a
// per-message redelivery delay would let later events overtake earlier ones (a credit applied
// before its ledger was opened). The messages stay leased and the ones behind wait their turn.
import type { JetStreamClient, JetStreamManager, JsMsg } from 'nats';
import { context, type Histogram } from '@opentelemetry/api';
import type { DataSource, EntityManager } from 'typeorm';
import { isKnownEventType } from '@fieldwork/contracts';
import {
  backoffDelay,
  ConsumerLoop,
  type BackoffPolicy,
  type DeadLetters,
  type MessageOutcome,
  type Naming,
} from '@fieldwork/messaging';
import { extractTraceContext, meter, recordSpanError, startMessagingSpan, type Logger } from '@fieldwork/telemetry';
import { decodeEnvelope, peekEventType } from './envelope-codec';
import { claimInbox } from './inbox';
import { applyEvents, handlesEvent, type Projection } from './projection';
import type { RecordedEvent } from './recorded-event';
import { isTransientError } from './transient-errors';

export interface ProjectionRunnerOptions {
  /** The consuming service (names its durable consumers). */
  service: string;
  projection: Projection;
  /** Services whose event streams feed this projection. */
  sources: readonly string[];
  dataSource: DataSource;
  js: JetStreamClient;
  jsm: JetStreamManager;
  naming: Naming;
  deadLetters: DeadLetters;
  logger: Logger;
  maxBatch?: number;
  maxDeliveries?: number;
  ackWaitMs?: number;
  /** Called after a transaction that applied events has committed (lag metrics, benchmarks). */
  onApplied?: (events: RecordedEvent[]) => void;
  /** Delay between attempts while the database is unavailable. */
  transientRetryBackoff?: BackoffPolicy;
}

const TRANSIENT_RETRY_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 5_000, factor: 2, jitter: 0.3 };

// Created on first use: the metrics SDK is registered at service start, after imports.
let lagHistogram: Histogram | undefined;
const projectionLag = () =>
  (lagHistogram ??= meter().createHistogram('fieldwork.projection.lag', {
    description: 'Time from an event being recorded to its projection committing',
    unit: 'ms',
  }));

interface Decoded {
  message: JsMsg;
  event?: RecordedEvent;
  error?: unknown;
}

export class ProjectionRunner {
  private loops: ConsumerLoop[] = [];
  private stopping = false;
  private wakeRetry?: () => void;

  constructor(private readonly options: ProjectionRunnerOptions) {}

  get consumerName(): string {
    return `${this.options.service}-${this.options.projection.name}`;
  }

  /** Rebuilds first if the stored projection version differs from the code's. */
  async start(): Promise<void> {
    const stored = await this.storedVersion();
    if (stored !== undefined && stored !== this.options.projection.version) {
      this.options.logger.info(
        { projection: this.options.projection.name, from: stored, to: this.options.projection.version },
        'projection version changed; rebuilding',
      );
      await this.resetState();
    } else if (stored === undefined) {
      await this.recordVersion(this.options.dataSource.manager);
    }
    await this.startLoops();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeRetry?.();
    await Promise.all(this.loops.map((loop) => loop.stop()));
    this.loops = [];
  }

  /** Replays the projection from the beginning of its source streams. */
  async rebuild(): Promise<void> {
    await this.stop();
    await this.resetState();
    await this.startLoops();
  }

  /** True when every source consumer has nothing pending or unacknowledged. */
  async caughtUp(): Promise<boolean> {
    for (const source of this.options.sources) {
      const info = await this.options.jsm.consumers.info(this.options.naming.eventStream(source), this.consumerName);
      if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
    }
    return true;
  }

  private async startLoops(): Promise<void> {
    const { sources, naming, js, jsm, deadLetters, logger } = this.options;
    this.stopping = false;
    this.loops = sources.map(
      (source) =>
        new ConsumerLoop({
          js,
          jsm,
          stream: naming.eventStream(source),
          durableName: this.consumerName,
          filterSubject: naming.eventSubjects(source),
          maxBatch: this.options.maxBatch ?? 256,
          parallelism: 1,
          maxDeliveries: this.options.maxDeliveries ?? 5,
          ackWaitMs: this.options.ackWaitMs ?? 30_000,
          deadLetters,
          logger,
          handle: (messages) => this.handle(messages),
        }),
    );
    await Promise.all(this.loops.map((loop) => loop.start()));
  }

  private async resetState(): Promise<void> {
    const { dataSource, projection, sources, naming, jsm } = this.options;
    await dataSource.transaction(async (manager) => {
      await manager.query('delete from inbox where consumer = $1', [this.consumerName]);
      await projection.reset(manager);
      await this.recordVersion(manager, true);
    });
    for (const source of sources) {
      await jsm.consumers.delete(naming.eventStream(source), this.consumerName).catch(() => false);
    }
  }

  private async handle(messages: JsMsg[]): Promise<MessageOutcome[]> {
    const decoded = messages.map((message) => this.decode(message));
    const relevant = decoded.filter((item) => item.event);
    if (relevant.length > 0) {
      try {
        await this.transact(relevant);
        this.reportApplied(relevant);
        return decoded.map((item) => (item.error ? { kind: 'poison', error: item.error } : { kind: 'ack' }));
      } catch (error) {
        // Only when stopping: hand the messages back, in order, for the next instance.
        if (isTransientError(error)) return decoded.map(() => ({ kind: 'release' }));
        if (relevant.length === 1) {
          return decoded.map((item) => this.outcomeAlone(item, item.event ? error : undefined));
        }
      }
    }
    // The batch failed (or had nothing to apply): settle each message on its own.
    const outcomes: MessageOutcome[] = [];
    for (const item of decoded) {
      if (!item.event) {
        outcomes.push(this.outcomeAlone(item, undefined));
        continue;
      }
      if (this.stopping) {
        outcomes.push({ kind: 'release' });
        continue;
      }
      try {
        await this.transact([item]);
        this.reportApplied([item]);
        outcomes.push({ kind: 'ack' });
      } catch (error) {
        outcomes.push(isTransientError(error) ? { kind: 'release' } : this.outcomeAlone(item, error));
      }
    }
    return outcomes;
  }

  /**
   * Applies the items in one transaction, retrying while the database is unavailable (until
   * the runner stops, when the transient error is rethrown).
   */
  private async transact(items: Decoded[]): Promise<void> {
    const { dataSource, logger, transientRetryBackoff = TRANSIENT_RETRY_BACKOFF } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await dataSource.transaction((manager) => this.applyAll(manager, items));
        return;
      } catch (error) {
        if (!isTransientError(error) || this.stopping) throw error;
        const delayMs = backoffDelay(attempt, transientRetryBackoff);
        logger.warn(
          { err: error, projection: this.consumerName, attempt, delayMs, messages: items.length },
          'projection database unavailable; retrying',
        );
        await this.pause(delayMs);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeRetry = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private reportApplied(items: Decoded[]): void {
    const events = items.map((item) => item.event!);
    for (const event of events) projectionLag().record(Date.now() - event.occurredAt.getTime(), { projection: this.consumerName });
    this.options.onApplied?.(events);
  }

  private outcomeAlone(item: Decoded, error: unknown): MessageOutcome {
    if (item.error) return { kind: 'poison', error: item.error };
    if (error === undefined) return { kind: 'ack' };
    return { kind: 'retry', error, transient: isTransientError(error) };
  }

  private async applyAll(manager: EntityManager, items: Decoded[]): Promise<void> {
    const { projection } = this.options;
    const fresh = await claimInbox(
      manager,
      this.consumerName,
      items.map((item) => item.event!.eventId),
    );
    const toApply = items.filter((item) => fresh.has(item.event!.eventId));
    if (toApply.length === 0) return;
    // One consumer span per message, each a child of its producer's span; the database work
    // of the batch runs inside the first one.
    const spans = toApply.map((item) =>
      startMessagingSpan({
        operation: 'process',
        subject: item.message.subject,
        parent: extractTraceContext(item.message.headers),
        messageId: item.event!.eventId,
        consumerGroup: this.consumerName,
      }),
    );
    try {
      await context.with(spans[0].context, () =>
        applyEvents(
          manager,
          projection,
          toApply.map((item) => item.event!),
        ),
      );
    } catch (error) {
      for (const { span } of spans) recordSpanError(span, error);
      throw error;
    } finally {
      for (const { span } of spans) span.end();
    }
  }

  /** Decodes only what this projection handles; undecodable messages are poison. */
  private decode(message: JsMsg): Decoded {
    try {
      const { type } = peekEventType(message.data);
      if (!isKnownEventType(type) && handlesEvent(this.options.projection, type)) {
        return { message, error: new Error(`cannot decode ${type}: its contract is not registered`) };
      }
      if (!handlesEvent(this.options.projection, type)) return { message };
      return { message, event: decodeEnvelope(message.data) };
    } catch (error) {
      return { message, error };
    }
  }

  private async storedVersion(): Promise<number | undefined> {
    const rows: { version: number }[] = await this.options.dataSource.query(
      'select version from projection_state where name = $1',
      [this.consumerName],
    );
    return rows[0]?.version;
  }

  private async recordVersion(manager: EntityManager, rebuilt = false): Promise<void> {
    await manager.query(
      `insert into projection_state (name, version, rebuilt_at) values ($1, $2, ${rebuilt ? 'now()' : 'null'})
       on conflict (name) do update set version = excluded.version, rebuilt_at = coalesce(excluded.rebuilt_at, projection_state.rebuilt_at)`,
      [this.consumerName, this.options.projection.version],
    );
  }
}
