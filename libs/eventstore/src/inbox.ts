// Consumer idempotency that lasts forever (JetStream's dedupe window is only minutes): an event
// id is claimed in the same transaction as the effects it causes.
import type { EntityManager } from 'typeorm';

/** Records the ids for `consumer`; returns those not seen before (the ones to apply). */
export async function claimInbox(manager: EntityManager, consumer: string, eventIds: string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows: { event_id: string }[] = await manager.query(
    `insert into inbox (consumer, event_id) select $1, id from unnest($2::uuid[]) as id
     on conflict do nothing returning event_id`,
    [consumer, eventIds],
  );
  return new Set(rows.map((row) => row.event_id));
}
