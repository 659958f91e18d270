// Each service owns its database: created on first start if missing, migrated (never
// `synchronize`) before the service takes any work.
import { Client } from 'pg';
import { DataSource, type DataSourceOptions as TypeOrmOptions } from 'typeorm';
import { withDatabase } from './config';

const DUPLICATE_DATABASE = '42P04';

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name "${name}"`);
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await client.query(`create database ${name}`);
  } catch (error) {
    // Two instances starting together: one creates, the other sees it exist. Both fine.
    if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
  } finally {
    await client.end();
  }
}

export interface DataSourceOptions {
  url: string;
  migrations: TypeOrmOptions['migrations'];
  entities?: TypeOrmOptions['entities'];
  poolSize?: number;
  applicationName?: string;
}

export async function openServiceDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    migrations: options.migrations,
    entities: options.entities ?? [],
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'fieldwork' },
  });
  return dataSource.initialize();
}
