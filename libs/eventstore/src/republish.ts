// Repairs a lost or truncated JetStream tail from the event store, which is the truth:
// events are queued in the outbox again and the relay publishes them. Consumers' inboxes make
// any event that did survive harmless to receive twice.
import type { JetStreamManager } from 'nats';
import type { DataSource } from 'typeorm';
import { Headers, isNotFound, type Naming } from '@fieldwork/messaging';
import { OUTBOX_CHANNEL } from './schema';

/** Queues every event at or after `fromPosition` for publishing again; returns how many. */
export async function republishFrom(dataSource: DataSource, fromPosition: number): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const rows: { count: string }[] = await manager.query(
      `with queued as (
         insert into outbox (position) select position from events where position >= $1
         on conflict (position) do update set published_at = null
         returning 1
       ) select count(*) as count from queued`,
      [fromPosition],
    );
    await manager.query(`select pg_notify('${OUTBOX_CHANNEL}', '')`);
    return Number(rows[0].count);
  });
}

export interface TailRepair {
  /** Position of the newest event found in the stream, or 0 if the stream was empty. */
  lastPositionInStream: number;
  fromPosition: number;
  requeued: number;
}

/**
 * Finds where the stream's history stops, then republishes from a little before it (the relay
 * publishes a batch's aggregates in parallel, so the stream's last message need not be the
 * highest position: `margin` covers that reordering).
 */
export async function repairStreamTail(
  dataSource: DataSource,
  jsm: JetStreamManager,
  naming: Naming,
  service: string,
  margin = 1_000,
): Promise<TailRepair> {
  const lastEventId = await lastEventIdInStream(jsm, naming.eventStream(service));
  let lastPositionInStream = 0;
  if (lastEventId) {
    const rows: { position: string }[] = await dataSource.query('select position from events where event_id = $1', [
      lastEventId,
    ]);
    lastPositionInStream = rows.length > 0 ? Number(rows[0].position) : 0;
  }
  const fromPosition = Math.max(1, lastPositionInStream - margin);
  const requeued = await republishFrom(dataSource, fromPosition);
  return { lastPositionInStream, fromPosition, requeued };
}

async function lastEventIdInStream(jsm: JetStreamManager, stream: string): Promise<string | undefined> {
  try {
    const info = await jsm.streams.info(stream);
    if (info.state.messages === 0) return undefined;
    const message = await jsm.streams.getMessage(stream, { seq: info.state.last_seq });
    return message.header.get(Headers.eventId) || undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
