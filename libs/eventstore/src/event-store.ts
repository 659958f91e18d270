// Appends events with optimistic concurrency and reads them back. The append writes the
// events and their outbox rows in one statement inside the caller's transaction, so the
// events, the read-model change and the outbox commit together or not at all.
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  ConcurrencyError,
  eventFromJson,
  eventToJson,
  upcast,
  type ActorRef,
  type EventMessage,
} from '@fieldwork/contracts';
import { captureTraceContext } from '@fieldwork/telemetry';
import type { EventMetadata, RecordedEvent } from './recorded-event';

export type ExpectedVersion = number | 'any';

export interface AppendRequest {
  aggregateType: string;
  aggregateId: string;
  /** The version the caller decided on; 0 for a new aggregate; 'any' skips the check. */
  expectedVersion: ExpectedVersion;
  events: EventMessage[];
  metadata: EventMetadata;
  occurredAt?: Date;
}

interface EventRow {
  position: string;
  event_id: string;
  aggregate_type: string;
  aggregate_id: string;
  aggregate_version: number;
  type: string;
  organization_id: string;
  actor: ActorRef;
  occurred_at: Date;
  correlation_id: string;
  causation_id: string;
  payload: Parameters<typeof eventFromJson>[1];
  trace_context?: Record<string, string> | null;
}

export const EVENT_COLUMNS = `position, event_id, aggregate_type, aggregate_id, aggregate_version, type,
  organization_id, actor, occurred_at, correlation_id, causation_id, payload`;

const UNIQUE_VIOLATION = '23505';

export class EventStore {
  constructor(private readonly newId: () => string = uuidv7) {}

  async append(manager: EntityManager, request: AppendRequest): Promise<RecordedEvent[]> {
    if (request.events.length === 0) return [];
    const { aggregateId, expectedVersion, metadata } = request;
    const occurredAt = request.occurredAt ?? new Date();
    const drafts = request.events.map((event, index) => ({
      event_id: this.newId(),
      offset: index + 1,
      type: event.$typeName,
      payload: eventToJson(event),
    }));
    // The version check and the insert are one statement: two concurrent appends with the same
    // expected version both pass the check, and the unique (aggregate_id, version) index lets
    // exactly one of them commit.
    const current = `(select coalesce(max(aggregate_version), 0) from events where aggregate_id = $2)`;
    const checked = expectedVersion !== 'any';
    const params: unknown[] = [
      request.aggregateType,
      aggregateId,
      metadata.organizationId,
      JSON.stringify(metadata.actor),
      occurredAt,
      metadata.correlationId,
      metadata.causationId,
      JSON.stringify(captureTraceContext()),
      JSON.stringify(drafts),
      ...(checked ? [expectedVersion] : []),
    ];
    let rows: { position: string; event_id: string; aggregate_version: number }[];
    try {
      rows = await manager.query(
        `with appended as (
           insert into events (event_id, aggregate_type, aggregate_id, aggregate_version, type, organization_id,
                               actor, occurred_at, correlation_id, causation_id, payload, trace_context)
           select d.event_id, $1, $2, ${checked ? '$10::int' : current} + d."offset", d.type, $3, $4::jsonb, $5, $6,
                  $7, d.payload, $8::jsonb
           from jsonb_to_recordset($9::jsonb) as d(event_id uuid, "offset" int, type text, payload jsonb)
           ${checked ? `where ${current} = $10::int` : ''}
           order by d."offset"
           returning position, event_id, aggregate_version
         ), queued as (
           insert into outbox (position) select position from appended
         )
         select position, event_id, aggregate_version from appended order by aggregate_version`,
        params,
      );
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConcurrencyError(aggregateId, checked ? expectedVersion : -1);
      }
      throw error;
    }
    if (rows.length !== drafts.length) {
      const actual = await this.currentVersion(manager, aggregateId);
      throw new ConcurrencyError(aggregateId, checked ? expectedVersion : -1, actual);
    }
    return rows.map((row, index) => ({
      eventId: row.event_id,
      type: drafts[index].type,
      aggregateType: request.aggregateType,
      aggregateId,
      aggregateVersion: row.aggregate_version,
      occurredAt,
      position: Number(row.position),
      data: request.events[index],
      ...metadata,
    }));
  }

  async currentVersion(manager: EntityManager, aggregateId: string): Promise<number> {
    const [row] = await manager.query(
      `select coalesce(max(aggregate_version), 0)::int as version from events where aggregate_id = $1`,
      [aggregateId],
    );
    return row.version as number;
  }

  /** An aggregate's events in order, only if it belongs to the organization. */
  async readAggregate(manager: EntityManager, organizationId: string, aggregateId: string): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await manager.query(
      `select ${EVENT_COLUMNS} from events
       where organization_id = $1 and aggregate_id = $2 order by aggregate_version`,
      [organizationId, aggregateId],
    );
    return rows.map(toRecordedEvent);
  }

  /** Events after a position, in order (replays, rebuilds, republishing). */
  async readFrom(manager: EntityManager, afterPosition: number, limit: number): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await manager.query(
      `select ${EVENT_COLUMNS} from events where position > $1 order by position limit $2`,
      [afterPosition, limit],
    );
    return rows.map(toRecordedEvent);
  }
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    aggregateVersion: row.aggregate_version,
    organizationId: row.organization_id,
    actor: row.actor,
    occurredAt: new Date(row.occurred_at),
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    position: Number(row.position),
    data: upcast(eventFromJson(row.type, row.payload)),
  };
}

export type { EventRow };
