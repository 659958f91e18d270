// Every event message the platform knows, looked up by its fully qualified protobuf name.
// Adding a proto file means adding its `file_*` descriptor here (a test checks none is missing).
import {
  createRegistry,
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type DescMessage,
  type JsonValue,
  type Message,
} from '@bufbuild/protobuf';
import { file_fieldwork_agent_v1_events } from './gen/fieldwork/agent/v1/events_pb';
import { file_fieldwork_agent_v1_work } from './gen/fieldwork/agent/v1/work_pb';
import { file_fieldwork_campaigns_v1_events } from './gen/fieldwork/campaigns/v1/events_pb';
import { file_fieldwork_common_v1_envelope } from './gen/fieldwork/common/v1/envelope_pb';
import { file_fieldwork_datasets_v1_events } from './gen/fieldwork/datasets/v1/events_pb';
import { file_fieldwork_gateway_v1_events } from './gen/fieldwork/gateway/v1/events_pb';
import { file_fieldwork_testing_v1_events } from './gen/fieldwork/testing/v1/events_pb';

export const registeredProtoFiles = [
  file_fieldwork_common_v1_envelope,
  file_fieldwork_testing_v1_events,
  file_fieldwork_campaigns_v1_events,
  file_fieldwork_agent_v1_events,
  file_fieldwork_agent_v1_work,
  file_fieldwork_datasets_v1_events,
  file_fieldwork_gateway_v1_events,
];

export const eventRegistry = createRegistry(...registeredProtoFiles);

/** Any generated event message; its `$typeName` is the event type. */
export type EventMessage = Message;

export class UnknownEventTypeError extends Error {
  constructor(readonly type: string) {
    super(`unknown event type ${type}: is its proto file registered in event-registry.ts?`);
  }
}

export function schemaOf(type: string): DescMessage {
  const schema = eventRegistry.getMessage(type);
  if (!schema) throw new UnknownEventTypeError(type);
  return schema;
}

export function isKnownEventType(type: string): boolean {
  return eventRegistry.getMessage(type) !== undefined;
}

/** "fieldwork.campaigns.v1.CampaignCreated" -> "CampaignCreated" (used in NATS subjects). */
export function shortTypeName(type: string): string {
  return type.slice(type.lastIndexOf('.') + 1);
}

export function eventToJson(event: EventMessage): JsonValue {
  return toJson(schemaOf(event.$typeName), event, { alwaysEmitImplicit: false });
}

export function eventFromJson(type: string, json: JsonValue): EventMessage {
  // Unknown fields are tolerated: an older reader must accept a newer writer's additive fields.
  return fromJson(schemaOf(type), json, { ignoreUnknownFields: true });
}

export function eventToBinary(event: EventMessage): Uint8Array {
  return toBinary(schemaOf(event.$typeName), event);
}

export function eventFromBinary(type: string, bytes: Uint8Array): EventMessage {
  return fromBinary(schemaOf(type), bytes);
}
