// The gateway's read model of its own events: organizations and their API keys (hash and
// display prefix only — never the key). Written by the inline tenancy projection.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TenancyTables1732500000100 implements MigrationInterface {
  name = 'TenancyTables1732500000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table organizations (
        organization_id uuid primary key,
        name text not null,
        created_at timestamptz not null,
        created_by jsonb not null,
        version integer not null
      )`);
    await queryRunner.query(`
      create table api_keys (
        key_id uuid primary key,
        organization_id uuid not null references organizations (organization_id),
        name text not null,
        role text not null,
        key_hash text not null,
        key_prefix text not null,
        created_at timestamptz not null,
        created_by jsonb not null,
        revoked_at timestamptz,
        revoked_by jsonb,
        constraint api_keys_hash_unique unique (key_hash)
      )`);
    await queryRunner.query(`create index api_keys_organization on api_keys (organization_id, key_id desc)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table api_keys, organizations`);
  }
}

export const gatewayMigrations = [TenancyTables1732500000100];
