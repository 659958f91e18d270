// Old event shapes are read through upcasters: a function from a recorded (older) message to
// the current one. Persisted events are never rewritten; they are translated on the way in.
import type { EventMessage } from './event-registry';

export type Upcaster = (event: EventMessage) => EventMessage;

const upcasters = new Map<string, Upcaster>();

/** Registers the translation applied whenever an event of `fromType` is read. */
export function registerUpcaster(fromType: string, upcaster: Upcaster): void {
  if (upcasters.has(fromType)) throw new Error(`an upcaster for ${fromType} is already registered`);
  upcasters.set(fromType, upcaster);
}

/** Applies upcasters until the event is of a type that has none (chains v1 -> v2 -> v3). */
export function upcast(event: EventMessage): EventMessage {
  let current = event;
  for (let hops = 0; hops < 16; hops += 1) {
    const next = upcasters.get(current.$typeName);
    if (!next) return current;
    current = next(current);
  }
  throw new Error(`upcaster chain for ${event.$typeName} does not terminate`);
}
