// Environment configuration, the same variable names in every service (DESIGN.md §7).
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432'),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  /** Namespaces subjects and streams (tests and side-by-side deployments use their own). */
  FIELDWORK_NATS_PREFIX: z.string().regex(/^[a-z][a-z0-9]{0,30}$/).default('fw'),
  /** Each service's database is `<prefix><service>` on the DATABASE_URL server. */
  FIELDWORK_DB_PREFIX: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/).default('fieldwork_'),
  FIELDWORK_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  FIELDWORK_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
});

export interface ServiceConfig {
  service: string;
  port: number;
  /** The Postgres server (no database path). */
  databaseServerUrl: string;
  databaseName: string;
  /** Connection string of this service's own database. */
  databaseUrl: string;
  databasePoolSize: number;
  natsUrl: string;
  natsPrefix: string;
  rpcTimeoutMs: number;
}

export class ConfigError extends Error {}

export function loadServiceConfig(service: string, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const values = parsed.data;
  const databaseName = `${values.FIELDWORK_DB_PREFIX}${service}`;
  return {
    service,
    port: values.PORT,
    databaseServerUrl: values.DATABASE_URL,
    databaseName,
    databaseUrl: withDatabase(values.DATABASE_URL, databaseName),
    databasePoolSize: values.FIELDWORK_DB_POOL_SIZE,
    natsUrl: values.NATS_URL,
    natsPrefix: values.FIELDWORK_NATS_PREFIX,
    rpcTimeoutMs: values.FIELDWORK_RPC_TIMEOUT_MS,
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
