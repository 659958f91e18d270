// The agent worker's own settings, read from the environment with the platform's names
// (DESIGN.md §7): pool size, egress allowlist, browser, default attempt budgets, screenshots,
// and the optional OpenAI-compatible model for the `llm` strategy.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { loadRecipes, RecipeValidationError, type Recipe } from '@fieldwork/extraction';
import { llmConfigFromEnv, type LlmConfig } from '@fieldwork/llm';
import { parseAllowedTargets, type AllowedTargets } from '@fieldwork/url-safety';

const MB = 1024 * 1024;

const schema = z.object({
  FIELDWORK_AGENT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  FIELDWORK_ALLOWED_TARGETS: z.string().default(''),
  FIELDWORK_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** JetStream AckWait of the work consumer; `working()` renews it while an attempt runs. */
  FIELDWORK_AGENT_ACK_WAIT_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Deliveries after which a work item that keeps crashing its handler is dead-lettered. */
  FIELDWORK_AGENT_MAX_DELIVERIES: z.coerce.number().int().min(1).default(5),
  /**
   * Restart Chromium once its processes hold more than this (anonymous resident memory). 0 = sized to the pool:
   * 1 GiB plus 160 MiB per page that may be open (attempts in flight and spares).
   */
  FIELDWORK_AGENT_BROWSER_MAX_RSS_MB: z.coerce
    .number()
    .int()
    .refine((value) => value === 0 || value >= 64, 'must be 0 (sized to the pool) or at least 64')
    .default(0),
  /** Fresh browser sessions kept ready once the browser is in use (each is one renderer). */
  FIELDWORK_AGENT_BROWSER_SPARES: z.coerce.number().int().min(0).max(16).default(2),
  /** How long in-flight attempts may run on after SIGTERM before they are released. */
  FIELDWORK_AGENT_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  FIELDWORK_AGENT_TOTAL_BUDGET_MS: z.coerce.number().int().min(500).default(30_000),
  FIELDWORK_AGENT_MAX_PAGES: z.coerce.number().int().min(1).max(50).default(6),
  FIELDWORK_AGENT_MAX_DEPTH: z.coerce.number().int().min(0).max(10).default(3),
  FIELDWORK_AGENT_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  FIELDWORK_AGENT_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  FIELDWORK_AGENT_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  FIELDWORK_AGENT_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(5 * MB),
  FIELDWORK_AGENT_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  FIELDWORK_AGENT_USER_AGENT: z
    .string()
    .default('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Fieldwork/0.1'),
  /** How long screenshots are kept in the Object Store (the bucket's TTL). */
  FIELDWORK_SCREENSHOT_TTL_DAYS: z.coerce.number().min(0.000_01).default(30),
  /** JSON file of knowledge-base recipes (`[...]` or `{"recipes": [...]}`) for the `config` strategy. */
  FIELDWORK_AGENT_RECIPES: z.string().default(''),
  /**
   * The work consumer's MaxAckPending, for the whole pool (every worker shares one durable
   * consumer, so this is a pool-level setting, not a per-worker one). 0 = 1024.
   */
  FIELDWORK_AGENT_POOL_MAX_ACK_PENDING: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export interface AttemptDefaults {
  totalMs: number;
  maxPages: number;
  maxDepth: number;
}

export interface HttpLimits {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export interface AgentConfig {
  concurrency: number;
  allowedTargets: AllowedTargets;
  chromiumPath: string;
  ackWaitMs: number;
  maxDeliveries: number;
  browserMaxRssBytes: number;
  browserSpares: number;
  shutdownGraceMs: number;
  defaults: AttemptDefaults;
  http: HttpLimits;
  screenshotTtlMs: number;
  /** Knowledge-base recipes (FIELDWORK_AGENT_RECIPES), tried in order by the `config`/`auto` strategies. */
  recipes: Recipe[];
  /** MaxAckPending of the work consumer shared by the pool (FIELDWORK_AGENT_POOL_MAX_ACK_PENDING). */
  poolMaxAckPending: number;
  /** Set when an OpenAI-compatible endpoint is configured (FIELDWORK_LLM_*, read by @fieldwork/llm). */
  llm?: LlmConfig;
  /** Names this process in AttemptStarted/AttemptFinished ("host:pid"). */
  workerId: string;
}

export class AgentConfigError extends Error {}

export function loadAgentConfig(env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new AgentConfigError(
      `invalid agent configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const v = parsed.data;
  let allowedTargets: AllowedTargets;
  try {
    allowedTargets = parseAllowedTargets(v.FIELDWORK_ALLOWED_TARGETS);
  } catch (error) {
    throw new AgentConfigError(`invalid agent configuration: FIELDWORK_ALLOWED_TARGETS: ${(error as Error).message}`);
  }
  let llm: LlmConfig | null;
  try {
    llm = llmConfigFromEnv(env);
  } catch (error) {
    throw new AgentConfigError(`invalid agent configuration: ${(error as Error).message}`);
  }
  const recipes = v.FIELDWORK_AGENT_RECIPES ? readRecipeFile(v.FIELDWORK_AGENT_RECIPES) : [];
  return {
    concurrency: v.FIELDWORK_AGENT_CONCURRENCY,
    allowedTargets,
    chromiumPath: v.FIELDWORK_CHROMIUM_PATH,
    ackWaitMs: v.FIELDWORK_AGENT_ACK_WAIT_MS,
    maxDeliveries: v.FIELDWORK_AGENT_MAX_DELIVERIES,
    browserMaxRssBytes: (v.FIELDWORK_AGENT_BROWSER_MAX_RSS_MB || 1_024 + 160 * (v.FIELDWORK_AGENT_CONCURRENCY + v.FIELDWORK_AGENT_BROWSER_SPARES)) * MB,
    browserSpares: v.FIELDWORK_AGENT_BROWSER_SPARES,
    shutdownGraceMs: v.FIELDWORK_AGENT_SHUTDOWN_GRACE_MS,
    defaults: {
      totalMs: v.FIELDWORK_AGENT_TOTAL_BUDGET_MS,
      maxPages: v.FIELDWORK_AGENT_MAX_PAGES,
      maxDepth: v.FIELDWORK_AGENT_MAX_DEPTH,
    },
    http: {
      connectTimeoutMs: v.FIELDWORK_AGENT_CONNECT_TIMEOUT_MS,
      headersTimeoutMs: v.FIELDWORK_AGENT_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: v.FIELDWORK_AGENT_BODY_TIMEOUT_MS,
      maxBodyBytes: v.FIELDWORK_AGENT_MAX_BODY_BYTES,
      maxRedirects: v.FIELDWORK_AGENT_MAX_REDIRECTS,
      userAgent: v.FIELDWORK_AGENT_USER_AGENT,
    },
    screenshotTtlMs: Math.round(v.FIELDWORK_SCREENSHOT_TTL_DAYS * 86_400_000),
    recipes,
    poolMaxAckPending: v.FIELDWORK_AGENT_POOL_MAX_ACK_PENDING || DEFAULT_POOL_MAX_ACK_PENDING,
    llm: llm ?? undefined,
    workerId: `${hostname()}:${process.pid}`,
  };
}

/** Room for 128 workers at the default concurrency of 8: MaxAckPending must not be what limits a pool. */
export const DEFAULT_POOL_MAX_ACK_PENDING = 1_024;

/** A bad recipe file stops the worker at start with every problem named, never mid-attempt. */
function readRecipeFile(path: string): Recipe[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AgentConfigError(`invalid agent configuration: FIELDWORK_AGENT_RECIPES: cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AgentConfigError(`invalid agent configuration: FIELDWORK_AGENT_RECIPES: ${path} is not JSON: ${(error as Error).message}`);
  }
  try {
    return loadRecipes(json);
  } catch (error) {
    if (error instanceof RecipeValidationError) throw new AgentConfigError(`invalid agent configuration: FIELDWORK_AGENT_RECIPES (${path}): ${error.message}`);
    throw error;
  }
}

export const AGENT_CONFIG = Symbol('AGENT_CONFIG');
