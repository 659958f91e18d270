// Read model of the campaigns service: one row per campaign (with its active instruction
// version denormalised, so `campaigns.get` is one primary-key read) and one per instruction
// version. Written only by the inline projection; rebuildable from the event store.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignsReadModel1732500000000 implements MigrationInterface {
  name = 'CampaignsReadModel1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table campaigns (
        campaign_id uuid primary key,
        organization_id text not null,
        name text not null,
        purpose text not null,
        description text not null,
        status text not null,
        columns jsonb not null,
        tags text[] not null,
        template_id text,
        active_instruction jsonb,
        created_at timestamptz not null,
        created_by jsonb not null,
        updated_at timestamptz not null,
        updated_by jsonb not null,
        archived_at timestamptz,
        version integer not null
      )`);
    // Listing: newest first (ids are UUIDv7, so id order is creation order), per organization.
    await queryRunner.query(`create index campaigns_organization_id on campaigns (organization_id, campaign_id desc)`);
    await queryRunner.query(`create index campaigns_tags on campaigns using gin (tags)`);
    await queryRunner.query(`
      create table instruction_versions (
        version_id uuid primary key,
        campaign_id uuid not null,
        organization_id text not null,
        label text not null,
        number integer not null,
        prompt_text text not null,
        change_description text not null,
        status text not null,
        created_at timestamptz not null,
        created_by jsonb not null,
        activated_at timestamptz,
        deprecated_at timestamptz,
        constraint instruction_versions_number_unique unique (campaign_id, number)
      )`);
    await queryRunner.query(
      `create index instruction_versions_campaign on instruction_versions (organization_id, campaign_id, number desc)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table instruction_versions, campaigns`);
  }
}

export const campaignsMigrations = [CampaignsReadModel1732500000000];
