// A read model built from events. The same definition serves inline projections (applied in
// the command's transaction, from the service's own events) and projections fed from another
// service's JetStream stream. `apply` must be idempotent given the inbox, and `reset` must
// clear everything `apply` writes, so a rebuild from scratch equals the live model.
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from './recorded-event';

export interface Projection {
  /** Stable name: keys the inbox and the projection_state row. */
  readonly name: string;
  /** Bump when apply() changes meaning: the projection is then rebuilt at start. */
  readonly version: number;
  /** Fully qualified event types this projection reads. */
  readonly handles: readonly string[];
  apply(manager: EntityManager, event: RecordedEvent): Promise<void>;
  /**
   * Optional set-based path for a batch of new events (in stream order), e.g. one
   * `update ... from (values ...)` instead of one statement per event. Must leave the same rows
   * as applying the events one by one.
   */
  applyBatch?(manager: EntityManager, events: RecordedEvent[]): Promise<void>;
  reset(manager: EntityManager): Promise<void>;
}

/** Applies events through `applyBatch` when the projection has one, else one by one. */
export async function applyEvents(manager: EntityManager, projection: Projection, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (projection.applyBatch && events.length > 1) {
    await projection.applyBatch(manager, events);
    return;
  }
  for (const event of events) await projection.apply(manager, event);
}

export function handlesEvent(projection: Projection, type: string): boolean {
  return projection.handles.includes(type);
}

/** Applies new events to inline projections inside the command's transaction. */
export async function applyInline(
  manager: EntityManager,
  projections: readonly Projection[],
  events: readonly RecordedEvent[],
): Promise<void> {
  for (const event of events) {
    for (const projection of projections) {
      if (handlesEvent(projection, event.type)) await projection.apply(manager, event);
    }
  }
}
