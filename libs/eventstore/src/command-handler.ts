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

interface CachedAggregate {
  state: unknown;
  version: number;
}

/** The decision was made on a cached state that turned out stale: decide again on fresh history. */
class StaleCache extends Error {}

/**
 * Aggregate states this instance last saw committed, so a command need not re-read and re-decode
 * the whole history: it decides on the cached state and appends with that version. If another
 * instance appended meanwhile, the append fails on the version and the command re-reads — the
 * optimistic check that makes the cache safe. Bounded; least recently used entries go first.
 */
class AggregateCache {
  private readonly entries = new Map<string, CachedAggregate>();

  constructor(private readonly capacity: number) {}

  get(key: string): CachedAggregate | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedAggregate): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

export class CommandHandler {
  private readonly cache: AggregateCache;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly newId: () => string = uuidv7,
    cacheCapacity = 10_000,
  ) {
    this.cache = new AggregateCache(cacheCapacity);
  }

  async handle<State, Command, Event extends EventMessage>(
    decider: Decider<State, Command, Event>,
    aggregateId: string,
    command: Command,
    metadata: EventMetadata,
    options: HandleOptions = {},
  ): Promise<CommandResult<State>> {
    const attempts = (options.retries ?? 10) + 1;
    // Tenancy: a cached state is only ever reused for the organization it was read for.
    const cacheKey = `${decider.aggregateType}\u0000${metadata.organizationId}\u0000${aggregateId}`;
    for (let attempt = 1; ; attempt += 1) {
      const cached = this.cache.get(cacheKey) as { state: State; version: number } | undefined;
      try {
        const result = await this.dataSource.transaction((manager) =>
          this.handleOnce(manager, decider, aggregateId, command, metadata, options, cached),
        );
        this.cache.set(cacheKey, { state: result.state, version: result.version });
        return result;
      } catch (error) {
        this.cache.delete(cacheKey);
        if (error instanceof StaleCache) {
          attempt -= 1;
          continue;
        }
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
    cached: { state: State; version: number } | undefined,
  ): Promise<CommandResult<State>> {
    let state: State;
    let version: number;
    if (cached) {
      ({ state, version } = cached);
    } else {
      const history = await this.store.readAggregate(manager, metadata.organizationId, aggregateId);
      state = history.reduce(
        (current, event) => decider.evolve(current, event.data as Event, factsOf(event)),
        decider.initialState(),
      );
      version = history.length === 0 ? 0 : history[history.length - 1].aggregateVersion;
    }
    const now = this.clock();
    let decided: Event[];
    try {
      decided = decider.decide(command, state, { now, newId: this.newId, actor: metadata.actor });
    } catch (error) {
      // A refusal decided on a cached state may be an artefact of staleness: decide again on
      // the history before telling the caller no.
      if (cached) throw new StaleCache();
      throw error;
    }
    // A no-op decided on a cached state appends nothing, so no version check would catch a
    // stale cache: confirm the version before answering from it.
    if (cached && decided.length === 0 && (await this.store.currentVersion(manager, aggregateId)) !== version) {
      throw new StaleCache();
    }
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
