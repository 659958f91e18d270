// The gateway's own settings (beyond what every service reads, see service-kit config).
import { z } from 'zod';
import { ConfigError } from '@fieldwork/service-kit';

const schema = z.object({
  /** Platform admin key (creates organizations); unset = no admin. */
  FIELDWORK_ADMIN_API_KEY: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Sustained requests per second allowed per API key. */
  FIELDWORK_RATE_LIMIT_RPS: z.coerce.number().positive().default(50),
  /** Requests a key may send in a burst above the sustained rate. */
  FIELDWORK_RATE_LIMIT_BURST: z.coerce.number().int().positive().default(100),
  /** Failed authentications allowed per client address per second (burst: 5x), against key guessing. */
  FIELDWORK_AUTH_FAILURES_PER_SECOND: z.coerce.number().positive().default(10),
  /** Largest JSON body accepted, in bytes. */
  FIELDWORK_HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).default(256 * 1_024),
  /** How long a gateway instance trusts a cached API key lookup. */
  FIELDWORK_API_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
});

export interface GatewayConfig {
  adminApiKey?: string;
  rateLimit: { perSecond: number; burst: number };
  authFailureLimit: { perSecond: number; burst: number };
  bodyLimitBytes: number;
  apiKeyCacheTtlMs: number;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`invalid gateway configuration: ${problems}`);
  }
  const values = parsed.data;
  return {
    adminApiKey: values.FIELDWORK_ADMIN_API_KEY,
    rateLimit: { perSecond: values.FIELDWORK_RATE_LIMIT_RPS, burst: values.FIELDWORK_RATE_LIMIT_BURST },
    authFailureLimit: {
      perSecond: values.FIELDWORK_AUTH_FAILURES_PER_SECOND,
      burst: Math.ceil(values.FIELDWORK_AUTH_FAILURES_PER_SECOND * 5),
    },
    bodyLimitBytes: values.FIELDWORK_HTTP_BODY_LIMIT_BYTES,
    apiKeyCacheTtlMs: values.FIELDWORK_API_KEY_CACHE_TTL_MS,
  };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
