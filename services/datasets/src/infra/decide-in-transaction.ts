// Runs a decider inside a transaction the caller already holds. The kit's CommandHandler opens
// its own transaction; a dataset version's rows must commit atomically with its event, and the
// event carries facts (stats, checksum) known only after the rows are stored, so the rows and
// the decision share one transaction here. Same steps as CommandHandler: load, decide, append
// with the expected version, apply inline projections.
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { EventMessage } from '@fieldwork/contracts';
import { applyInline, factsOf, type Decider, type EventMetadata, type EventStore, type Projection, type RecordedEvent } from '@fieldwork/eventstore';

export interface Decided<State> {
  state: State;
  version: number;
  events: RecordedEvent[];
}

export async function loadState<State, Command, Event extends EventMessage>(
  manager: EntityManager,
  store: EventStore,
  decider: Decider<State, Command, Event>,
  organizationId: string,
  aggregateId: string,
): Promise<{ state: State; version: number }> {
  const history = await store.readAggregate(manager, organizationId, aggregateId);
  const state = history.reduce((current, event) => decider.evolve(current, event.data as Event, factsOf(event)), decider.initialState());
  return { state, version: history.length === 0 ? 0 : history[history.length - 1].aggregateVersion };
}

export async function decideInTransaction<State, Command, Event extends EventMessage>(
  manager: EntityManager,
  store: EventStore,
  decider: Decider<State, Command, Event>,
  aggregateId: string,
  command: Command,
  metadata: EventMetadata,
  projections: readonly Projection[],
  now: Date = new Date(),
): Promise<Decided<State>> {
  const loaded = await loadState(manager, store, decider, metadata.organizationId, aggregateId);
  let state = loaded.state;
  const decided = decider.decide(command, state, { now, newId: uuidv7, actor: metadata.actor });
  const recorded = await store.append(manager, {
    aggregateType: decider.aggregateType,
    aggregateId,
    expectedVersion: loaded.version,
    events: decided,
    metadata,
    occurredAt: now,
  });
  for (const event of recorded) state = decider.evolve(state, event.data as Event, factsOf(event));
  await applyInline(manager, projections, recorded);
  return { state, version: loaded.version + recorded.length, events: recorded };
}
