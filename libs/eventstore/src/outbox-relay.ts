// Publishes committed events from the outbox to JetStream (Nats-Msg-Id = event id) and marks
// them published. One relay per service database leads at a time (a Postgres advisory lock
// held on the relay's own connection), so several instances never publish out of order or
// twice; within a batch, different aggregates publish in parallel while each aggregate's
// events go strictly one after another. It wakes on NOTIFY, polls as a fallback, and backs off
// while NATS is down — events simply wait in the outbox.
import { headers as natsHeaders, type JetStreamClient } from 'nats';
import { Client } from 'pg';
import { shortTypeName } from '@fieldwork/contracts';
import { backoffDelay, Headers, type Naming } from '@fieldwork/messaging';
import {
  injectTraceHeaders,
  lazyCounter,
  recordSpanError,
  restoreTraceContext,
  startMessagingSpan,
  type Logger,
} from '@fieldwork/telemetry';
import { encodeEnvelope } from './envelope-codec';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-store';
import type { RecordedEvent } from './recorded-event';
import { OUTBOX_CHANNEL } from './schema';

export interface OutboxRelayOptions {
  service: string;
  /** Connection string of the service's own database. */
  connectionString: string;
  js: JetStreamClient;
  naming: Naming;
  logger: Logger;
  batchSize?: number;
  pollIntervalMs?: number;
  publishTimeoutMs?: number;
}

const publishedEvents = lazyCounter('fieldwork.outbox.published', 'Events published from the outbox to JetStream');

// Any constant works: advisory locks are scoped to the database, and each service has its own.
const LEADER_LOCK_KEY = 7_301_733;

interface PendingRow extends EventRow {
  trace_context: Record<string, string> | null;
}

export class OutboxRelay {
  private stopped = true;
  private loop?: Promise<void>;
  private wake?: () => void;
  private leader = false;
  private publishedCount = 0;
  /** Set by NOTIFY; a notification that arrives mid-drain must not wait for the next poll. */
  private notified = false;

  constructor(private readonly options: OutboxRelayOptions) {}

  get isLeader(): boolean {
    return this.leader;
  }

  get published(): number {
    return this.publishedCount;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { logger } = this.options;
    let failures = 0;
    while (!this.stopped) {
      const client = new Client({ connectionString: this.options.connectionString, application_name: 'outbox-relay' });
      client.on('error', (error) => logger.warn({ err: error }, 'relay database connection error'));
      client.on('notification', () => {
        this.notified = true;
        this.wake?.();
      });
      try {
        await client.connect();
        await client.query(`listen ${OUTBOX_CHANNEL}`);
        await this.lead(client);
        failures = 0;
      } catch (error) {
        if (this.stopped) break;
        failures += 1;
        logger.warn({ err: error }, 'outbox relay lost its database connection; reconnecting');
        await this.sleep(backoffDelay(failures, { initialMs: 200, maxMs: 5_000 }));
      } finally {
        this.leader = false;
        await client.end().catch(() => undefined);
      }
    }
  }

  /** Waits for leadership, then drains the outbox until stopped. */
  private async lead(client: Client): Promise<void> {
    const { logger, pollIntervalMs = 1_000, batchSize = 500 } = this.options;
    while (!this.stopped && !this.leader) {
      const { rows } = await client.query('select pg_try_advisory_lock($1) as locked', [LEADER_LOCK_KEY]);
      this.leader = rows[0].locked === true;
      if (!this.leader) await delay(pollIntervalMs);
    }
    if (this.leader) logger.info({ service: this.options.service }, 'outbox relay is the leader');
    let natsFailures = 0;
    let listening = false;
    await client.query('update outbox_relay_state set listening = false');
    while (!this.stopped) {
      const { fetched, failed } = await this.drainOnce(client, batchSize);
      if (failed > 0) {
        natsFailures += 1;
        await this.sleep(backoffDelay(natsFailures, { initialMs: 100, maxMs: 5_000 }));
        continue;
      }
      natsFailures = 0;
      if (fetched > 0) {
        if (listening) {
          await client.query('update outbox_relay_state set listening = false');
          listening = false;
        }
        continue;
      }
      if (!listening) {
        // Ask writers to notify, then look once more: a row committed before the flag was
        // visible would otherwise wait for the next poll.
        await client.query('update outbox_relay_state set listening = true');
        listening = true;
        continue;
      }
      await this.sleep(pollIntervalMs);
    }
  }

  private async drainOnce(client: Client, batchSize: number): Promise<{ fetched: number; failed: number }> {
    this.notified = false;
    const { rows } = await client.query<PendingRow>(
      `select ${EVENT_COLUMNS.split(',').map((column) => `e.${column.trim()}`).join(', ')}, e.trace_context
       from outbox o join events e on e.position = o.position
       where o.published_at is null order by o.position limit $1`,
      [batchSize],
    );
    if (rows.length === 0) return { fetched: 0, failed: 0 };
    const published: number[] = [];
    let failed = 0;
    let firstError: unknown;
    await Promise.all(
      groupByAggregate(rows).map(async (group) => {
        for (const row of group) {
          try {
            await this.publish(toRecordedEvent(row), row.trace_context);
            published.push(Number(row.position));
          } catch (error) {
            // Stop this aggregate here: its later events must not overtake this one.
            failed += group.length - group.indexOf(row);
            firstError ??= error;
            return;
          }
        }
      }),
    );
    if (published.length > 0) {
      await client.query('update outbox set published_at = now() where position = any($1::bigint[])', [published]);
      this.publishedCount += published.length;
      publishedEvents().add(published.length, { service: this.options.service });
    }
    if (failed > 0) {
      this.options.logger.warn({ err: firstError, failed }, 'could not publish events; they wait in the outbox');
    }
    return { fetched: rows.length, failed };
  }

  private async publish(event: RecordedEvent, traceContext: Record<string, string> | null): Promise<void> {
    const { js, naming, service, publishTimeoutMs = 5_000 } = this.options;
    const subject = naming.eventSubject(service, event.aggregateType, shortTypeName(event.type));
    const body = encodeEnvelope(event);
    // The producer span continues the trace of the command that wrote the event.
    const { span, context } = startMessagingSpan({
      operation: 'send',
      subject,
      parent: restoreTraceContext(traceContext),
      messageId: event.eventId,
      bodySize: body.length,
    });
    try {
      const headers = natsHeaders();
      headers.set(Headers.eventType, event.type);
      headers.set(Headers.eventId, event.eventId);
      headers.set(Headers.aggregateId, event.aggregateId);
      headers.set(Headers.organizationId, event.organizationId);
      headers.set(Headers.correlationId, event.correlationId);
      injectTraceHeaders(headers, context);
      await js.publish(subject, body, { msgID: event.eventId, headers, timeout: publishTimeoutMs });
    } catch (error) {
      recordSpanError(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.notified || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function groupByAggregate(rows: PendingRow[]): PendingRow[][] {
  const groups = new Map<string, PendingRow[]>();
  for (const row of rows) {
    const group = groups.get(row.aggregate_id);
    if (group) group.push(row);
    else groups.set(row.aggregate_id, [row]);
  }
  return [...groups.values()];
}
