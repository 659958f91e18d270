// The datasets service's tables. `datasets` and `dataset_versions` are the inline read model
// (rebuildable from events); rows, issues and original files are stored beside the events in
// the same transaction as the version's event, and are never in the events themselves.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DatasetsTables1732400000000 implements MigrationInterface {
  name = 'DatasetsTables1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table datasets (
        id uuid primary key,
        organization_id text not null,
        campaign_id text not null,
        name text not null,
        description text not null default '',
        status text not null,
        latest_version integer not null default 0,
        created_at timestamptz not null,
        created_by jsonb not null,
        updated_at timestamptz not null,
        archived_at timestamptz,
        archive_reason text
      )`);
    await queryRunner.query(`create index datasets_by_campaign on datasets (organization_id, campaign_id, created_at, id)`);

    await queryRunner.query(`
      create table dataset_versions (
        dataset_id uuid not null,
        version integer not null,
        organization_id text not null,
        file jsonb not null,
        schema jsonb not null,
        stats jsonb not null,
        suggestions jsonb not null default '[]',
        note text not null default '',
        created_at timestamptz not null,
        created_by jsonb not null,
        schema_updated_at timestamptz,
        primary key (dataset_id, version)
      )`);

    // One row of an uploaded file. Exclusion (why a run skips the row) is derived, so it can
    // never disagree with the facts it is derived from.
    await queryRunner.query(`
      create table dataset_rows (
        dataset_id uuid not null,
        version integer not null,
        row_number integer not null,
        organization_id text not null,
        cells jsonb not null,
        empty boolean not null,
        ragged boolean not null,
        formula_cells integer not null,
        url text,
        host text,
        domain text,
        url_problem text,
        allowlisted boolean not null default false,
        duplicate_of integer,
        duplicate_url_of integer,
        row_hash text generated always as (md5(cells::text)) stored,
        exclusion text generated always as (
          case
            when empty then 'empty_row'
            when url_problem is not null then url_problem
            when duplicate_of is not null then 'duplicate_row'
            when duplicate_url_of is not null then 'duplicate_url'
          end
        ) stored,
        primary key (dataset_id, version, row_number)
      )`);

    await queryRunner.query(`
      create table dataset_issues (
        id bigserial primary key,
        dataset_id uuid not null,
        version integer not null,
        organization_id text not null,
        row_number integer,
        column_name text,
        code text not null,
        severity text not null,
        message text not null,
        source text not null
      )`);
    await queryRunner.query(`create index dataset_issues_in_order on dataset_issues (dataset_id, version, row_number nulls first, id)`);

    // The uploaded file, byte for byte, in chunks (for download and audit).
    await queryRunner.query(`
      create table dataset_files (
        dataset_id uuid not null,
        version integer not null,
        chunk integer not null,
        organization_id text not null,
        data bytea not null,
        primary key (dataset_id, version, chunk)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table dataset_files, dataset_issues, dataset_rows, dataset_versions, datasets`);
  }
}

export const DATASETS_MIGRATIONS = [DatasetsTables1732400000000];
