// Rebuilds a service's own (inline) projection by replaying its local event store.
import type { DataSource } from 'typeorm';
import { EventStore } from './event-store';
import { handlesEvent, type Projection } from './projection';

export async function rebuildFromEventStore(
  dataSource: DataSource,
  projection: Projection,
  batchSize = 1_000,
): Promise<number> {
  const store = new EventStore();
  return dataSource.transaction(async (manager) => {
    await projection.reset(manager);
    let applied = 0;
    for (let after = 0; ; ) {
      const events = await store.readFrom(manager, after, batchSize);
      if (events.length === 0) break;
      for (const event of events) {
        if (handlesEvent(projection, event.type)) {
          await projection.apply(manager, event);
          applied += 1;
        }
      }
      after = events[events.length - 1].position;
    }
    await manager.query(
      `insert into projection_state (name, version, rebuilt_at) values ($1, $2, now())
       on conflict (name) do update set version = excluded.version, rebuilt_at = now()`,
      [projection.name, projection.version],
    );
    return applied;
  });
}
