// Runs a command against an aggregate: load its events, let the pure decider decide, append
// the new events with the version it decided on, update inline projections — all in one
// transaction — and retry on a concurrent change.
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ConcurrencyError, type ActorRef, type EventMessage } from '@fieldwork/contracts';
import { backoffDelay } from '@fieldwork/messaging';
import type { EventStore } from './event-store';
import { applyInline, type Projection } from './projection';
import type { EventMetadata, RecordedEvent } from './recorded-event';

/** What a decider may know besides the command and state: injected, so deciders stay pure. */
export interface DecideContext {
  now: Date;
  newId(): string;
  actor: ActorRef;
}

/** Facts about a recorded event that evolve() may use (who, when, which version). */
export interface EventFacts {
  occurredAt: Date;
  actor: ActorRef;
  version: number;
}

export interface Decider<State, Command, Event extends EventMessage> {
  aggregateType: string;
  initialState(): State;
  decide(command: Command, state: State, context: DecideContext): Event[];
  evolve(state: State, event: Event, facts: EventFacts): State;
}

const RETRY_BACKOFF = { initialMs: 5, maxMs: 200, factor: 2, jitter: 1 };

export interface CommandResult<State> {
  state: State;
  version: number;
  events: RecordedEvent[];
}

export interface HandleOptions {
  projections?: readonly Projection[];
  /** Extra work in the same transaction after the append (e.g. a uniqueness index row). */
  afterAppend?: (manager: EntityManager, events: RecordedEvent[]) => Promise<void>;
  retries?: number;
}

export class CommandHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly newId: () => string = uuidv7,
  ) {}

  async handle<State, Command, Event extends EventMessage>(
    decider: Decider<State, Command, Event>,
    aggregateId: string,
    command: Command,
    metadata: EventMetadata,
    options: HandleOptions = {},
  ): Promise<CommandResult<State>> {
    const attempts = (options.retries ?? 10) + 1;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction((manager) =>
          this.handleOnce(manager, decider, aggregateId, command, metadata, options),
        );
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= attempts) throw error;
        // Jittered pause so contenders on a hot aggregate stop colliding in lockstep.
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, RETRY_BACKOFF)));
      }
    }
  }

  private async handleOnce<State, Command, Event extends EventMessage>(
    manager: EntityManager,
    decider: Decider<State, Command, Event>,
    aggregateId: string,
    command: Command,
    metadata: EventMetadata,
    options: HandleOptions,
  ): Promise<CommandResult<State>> {
    const history = await this.store.readAggregate(manager, metadata.organizationId, aggregateId);
    let state = history.reduce(
      (current, event) => decider.evolve(current, event.data as Event, factsOf(event)),
      decider.initialState(),
    );
    const version = history.length === 0 ? 0 : history[history.length - 1].aggregateVersion;
    const now = this.clock();
    const decided = decider.decide(command, state, { now, newId: this.newId, actor: metadata.actor });
    const recorded = await this.store.append(manager, {
      aggregateType: decider.aggregateType,
      aggregateId,
      expectedVersion: version,
      events: decided,
      metadata,
      occurredAt: now,
    });
    for (const event of recorded) state = decider.evolve(state, event.data as Event, factsOf(event));
    await applyInline(manager, options.projections ?? [], recorded);
    await options.afterAppend?.(manager, recorded);
    return { state, version: version + recorded.length, events: recorded };
  }
}

export function factsOf(event: RecordedEvent): EventFacts {
  return { occurredAt: event.occurredAt, actor: event.actor, version: event.aggregateVersion };
}
