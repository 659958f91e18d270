// One fresh Postgres database per test file (parallel-safe), dropped afterwards.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  name: string;
  /** Connection string of the test database. */
  url: string;
  drop(): Promise<void>;
}

export const serverUrl = (): string => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';

export function databaseUrl(name: string, server = serverUrl()): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDatabase(label = 'db'): Promise<TestDatabase> {
  const name = `fw_test_${label.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  return {
    name,
    url: databaseUrl(name),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
