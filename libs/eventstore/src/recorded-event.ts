// An event as stored: the domain message plus the envelope facts every event carries.
import type { ActorRef, EventMessage } from '@fieldwork/contracts';

export interface EventMetadata {
  organizationId: string;
  actor: ActorRef;
  correlationId: string;
  /** The command, request or event that caused this one. */
  causationId: string;
}

export interface RecordedEvent<E extends EventMessage = EventMessage> extends EventMetadata {
  eventId: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  occurredAt: Date;
  /** Order within the owning service's event store. */
  position: number;
  data: E;
}
