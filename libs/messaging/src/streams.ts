// JetStream streams as code, created idempotently at start. Event streams keep their whole
// history (file storage) because projections are rebuilt by replaying them.
import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from 'nats';
import type { Naming } from './naming';

const SECOND_NS = 1_000_000_000;
const DAY_NS = 86_400 * SECOND_NS;

export type StreamDefinition = Partial<StreamConfig> & Pick<StreamConfig, 'name' | 'subjects'>;

export function eventStreamDefinition(naming: Naming, service: string): StreamDefinition {
  return {
    name: naming.eventStream(service),
    subjects: [naming.eventSubjects(service)],
    description: `Events published by the ${service} service (replayable history)`,
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: 0,
    max_msgs: -1,
    max_bytes: -1,
    // Nats-Msg-Id dedupe window; beyond it consumers' inboxes keep projections idempotent.
    duplicate_window: 120 * SECOND_NS,
    num_replicas: 1,
  };
}

export function agentWorkStreamDefinition(naming: Naming): StreamDefinition {
  return {
    name: naming.workStream,
    subjects: [naming.workSubjects],
    description: 'Agent dispatch: each task attempt is taken by exactly one worker',
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: 7 * DAY_NS,
    duplicate_window: 120 * SECOND_NS,
    num_replicas: 1,
  };
}

export function deadLetterStreamDefinition(naming: Naming): StreamDefinition {
  return {
    name: naming.deadLetterStream,
    subjects: [naming.deadLetterSubjects],
    description: 'Messages that failed processing after their maximum deliveries',
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: 30 * DAY_NS,
    num_replicas: 1,
  };
}

/** Every stream of a deployment: one per service's events, the agent work queue, dead letters. */
export function platformStreams(naming: Naming, services: readonly string[]): StreamDefinition[] {
  return [
    ...services.map((service) => eventStreamDefinition(naming, service)),
    agentWorkStreamDefinition(naming),
    deadLetterStreamDefinition(naming),
  ];
}

/** Creates missing streams and updates drifted ones; safe to call from every instance at start. */
export async function ensureStreams(jsm: JetStreamManager, definitions: StreamDefinition[]): Promise<void> {
  for (const definition of definitions) {
    try {
      const existing = await jsm.streams.info(definition.name);
      if (drifted(existing.config, definition)) {
        // Retention and storage cannot change in place; everything we set otherwise can.
        const { retention: _retention, storage: _storage, ...updatable } = definition;
        await jsm.streams.update(definition.name, { ...existing.config, ...updatable });
      }
    } catch (error) {
      if (!isNotFound(error)) throw error;
      try {
        await jsm.streams.add(definition);
      } catch (addError) {
        // Another instance created it between our info and add: that is the goal anyway.
        if (!String(addError).includes('already in use')) throw addError;
      }
    }
  }
}

function drifted(existing: StreamConfig, wanted: StreamDefinition): boolean {
  return (Object.keys(wanted) as (keyof StreamDefinition)[]).some(
    (key) => JSON.stringify(existing[key]) !== JSON.stringify(wanted[key]),
  );
}

export function isNotFound(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  return text.includes('not found') || (error as { code?: string })?.code === '404';
}
