// A recorded event <-> the binary EventEnvelope that travels on NATS.
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ActorSchema,
  EventEnvelopeSchema,
  eventFromBinary,
  eventToBinary,
  upcast,
  type ActorRef,
} from '@fieldwork/contracts';
import type { RecordedEvent } from './recorded-event';

export function encodeEnvelope(event: RecordedEvent): Uint8Array {
  return toBinary(
    EventEnvelopeSchema,
    create(EventEnvelopeSchema, {
      eventId: event.eventId,
      type: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      aggregateVersion: BigInt(event.aggregateVersion),
      organizationId: event.organizationId,
      actor: create(ActorSchema, {
        kind: event.actor.kind,
        id: event.actor.id,
        displayName: event.actor.displayName ?? '',
      }),
      occurredAt: timestampFromDate(event.occurredAt),
      correlationId: event.correlationId,
      causationId: event.causationId,
      payload: eventToBinary(event.data),
      position: BigInt(event.position),
    }),
  );
}

/** Throws on bytes that are not an envelope or a payload of an unknown type (poison). */
export function decodeEnvelope(bytes: Uint8Array): RecordedEvent {
  const envelope = fromBinary(EventEnvelopeSchema, bytes);
  if (!envelope.eventId || !envelope.type) throw new Error('not a Fieldwork event envelope (no id or type)');
  const kind = envelope.actor?.kind;
  const actor: ActorRef = {
    kind: kind === 'user' || kind === 'api_key' ? kind : 'system',
    id: envelope.actor?.id ?? 'system',
    ...(envelope.actor?.displayName ? { displayName: envelope.actor.displayName } : {}),
  };
  return {
    eventId: envelope.eventId,
    type: envelope.type,
    aggregateType: envelope.aggregateType,
    aggregateId: envelope.aggregateId,
    aggregateVersion: Number(envelope.aggregateVersion),
    organizationId: envelope.organizationId,
    actor,
    occurredAt: envelope.occurredAt ? timestampDate(envelope.occurredAt) : new Date(0),
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    position: Number(envelope.position),
    data: upcast(eventFromBinary(envelope.type, envelope.payload)),
  };
}

/** The envelope's type without decoding the payload (to skip events a consumer ignores). */
export function peekEventType(bytes: Uint8Array): { eventId: string; type: string } {
  const envelope = fromBinary(EventEnvelopeSchema, bytes);
  return { eventId: envelope.eventId, type: envelope.type };
}
