// The tables every service database has: the append-only event store, the transactional
// outbox, the consumers' inbox and projection bookkeeping. Services include
// `EventStoreSchema` in their migrations list.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** NOTIFY channel the relay listens on; a trigger fires it when outbox rows are committed. */
export const OUTBOX_CHANNEL = 'fw_outbox';

export class EventStoreSchema1732300000000 implements MigrationInterface {
  name = 'EventStoreSchema1732300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table events (
        position bigserial primary key,
        event_id uuid not null unique,
        aggregate_type text not null,
        aggregate_id text not null,
        aggregate_version integer not null check (aggregate_version > 0),
        type text not null,
        organization_id text not null,
        actor jsonb not null,
        occurred_at timestamptz not null,
        correlation_id text not null,
        causation_id text not null,
        payload jsonb not null,
        trace_context jsonb,
        constraint events_aggregate_version_unique unique (aggregate_id, aggregate_version)
      )`);
    await queryRunner.query(`create index events_organization_aggregate on events (organization_id, aggregate_id)`);
    // Append-only: history is never edited, only added to.
    await queryRunner.query(`
      create function events_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'events are append-only (% refused)', tg_op using errcode = 'P0001';
      end $$`);
    await queryRunner.query(`
      create trigger events_append_only before update or delete on events
      for each row execute function events_refuse_change()`);

    await queryRunner.query(`
      create table outbox (
        position bigint primary key references events (position),
        published_at timestamptz
      )`);
    await queryRunner.query(`create index outbox_unpublished on outbox (position) where published_at is null`);
    // NOTIFY takes a global lock at commit, serialising every committing transaction that
    // issued one (no group commit). So writers notify only while the relay is idle and
    // listening; a busy relay keeps draining without being told.
    await queryRunner.query(`
      create unlogged table outbox_relay_state (
        id integer primary key default 1 check (id = 1),
        listening boolean not null default true
      )`);
    await queryRunner.query(`insert into outbox_relay_state default values`);
    await queryRunner.query(`
      create function outbox_notify() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from outbox_relay_state where listening) then
          perform pg_notify('${OUTBOX_CHANNEL}', '');
        end if;
        return null;
      end $$`);
    await queryRunner.query(`
      create trigger outbox_wake_relay after insert on outbox
      for each statement execute function outbox_notify()`);

    await queryRunner.query(`
      create table inbox (
        consumer text not null,
        event_id uuid not null,
        processed_at timestamptz not null default now(),
        primary key (consumer, event_id)
      )`);
    await queryRunner.query(`
      create table projection_state (
        name text primary key,
        version integer not null,
        rebuilt_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table projection_state, inbox, outbox_relay_state, outbox, events cascade`);
    await queryRunner.query(`drop function outbox_notify, events_refuse_change`);
  }
}

export const EventStoreSchema = EventStoreSchema1732300000000;
