// Shared set-up of the agent's integration tests: a small site farm with every hostile
// behaviour, the trap listener on 127.0.0.2 (never allowlisted), and one agent engine (one
// Chromium) per test file with only 127.0.0.1 allowed. A test resolver can map names to the
// trap (DNS rebinding) or to nothing (DNS failure); other names resolve as usual.
import { startSiteFarm, startTrapListener, COLUMN_TYPES, type RunningSiteFarm, type TrapListener, type TruthRecord } from '@fieldwork/sitefarm';
import type { JetStreamClient } from 'nats';
import type { Recipe } from '@fieldwork/extraction';
import { createLogger } from '@fieldwork/telemetry';
import type { ColumnType } from '@fieldwork/values';
import { loadAgentConfig, type AgentConfig } from '../../src/config/agent-config';
import type { AttemptResult } from '../../src/domain/attempt-result';
import type { AttemptColumn, AttemptSpec, ModeRequest, StrategyRequest } from '../../src/domain/attempt-spec';
import { DnsLookupError, systemResolver, type Resolver } from '../../src/egress/address-guard';
import { AgentEngine } from '../../src/engine/agent-engine';
import type { ScreenshotSink } from '../../src/screenshots/screenshot-store';

export const POS_VALUES = ['Toast', 'Square', 'Clover', 'Lightspeed', 'SpotOn', 'Revel', 'TouchBistro'];

export function columnType(column: string): ColumnType {
  const type = COLUMN_TYPES[column];
  return type === 'currency' ? 'text' : (type as ColumnType);
}

/** The campaign columns a user would define for a farm site's vertical. */
export function columnsFor(site: TruthRecord): AttemptColumn[] {
  return Object.keys(site.fields).map((name) => ({
    name,
    type: columnType(name),
    required: true,
    enumValues: name === 'pos_system' ? POS_VALUES : undefined,
  }));
}

export interface AgentKit {
  farm: RunningSiteFarm;
  trap: TrapListener;
  engine: AgentEngine;
  config: AgentConfig;
  /** The trap's address as sites link to it. */
  trapOrigin: string;
  sites(filter: (site: TruthRecord) => boolean): TruthRecord[];
  site(filter: (site: TruthRecord) => boolean): TruthRecord;
  run(target: TruthRecord | string, options?: RunOverrides): Promise<AttemptResult>;
  close(): Promise<void>;
}

export interface RunOverrides {
  columns?: AttemptColumn[];
  mode?: ModeRequest;
  strategy?: StrategyRequest;
  totalMs?: number;
  maxPages?: number;
  maxDepth?: number;
  screenshots?: boolean;
  instructionText?: string;
  signal?: AbortSignal;
  /** Recipes handed to this attempt (as a preview does), before the worker's own. */
  recipes?: Recipe[];
}

export interface KitOptions {
  /** Names the test resolver answers itself (`[]` = does not resolve). */
  dns?: Record<string, string[]>;
  env?: Record<string, string>;
  farm?: Parameters<typeof startSiteFarm>[0];
  /** A sink, or an Object Store bucket the engine opens itself (with the config's TTL). */
  screenshots?: ScreenshotSink | { js: JetStreamClient; bucket: string };
}

let counter = 0;

export async function startAgentKit(options: KitOptions = {}): Promise<AgentKit> {
  const trap = await startTrapListener({ port: 0 });
  const farm = await startSiteFarm({ seed: 7, sites: 60, hostileShare: 0.35, trapPort: trap.port, ...options.farm });
  const config = loadAgentConfig({ FIELDWORK_ALLOWED_TARGETS: '127.0.0.1', FIELDWORK_AGENT_TOTAL_BUDGET_MS: '20000', ...options.env });
  const table = options.dns ?? {};
  const resolver: Resolver = async (host) => {
    const entry = table[host];
    if (entry === undefined) return systemResolver(host);
    if (entry.length === 0) throw new DnsLookupError(host, 'ENOTFOUND', false);
    return entry.map((address) => ({ address, family: 4 as const }));
  };
  const engine = await AgentEngine.start({
    config,
    logger: createLogger('agent-test', { level: 'silent' }),
    resolver,
    screenshots: options.screenshots,
  });
  const sites = (filter: (site: TruthRecord) => boolean) => farm.truth.sites.filter(filter);
  return {
    farm,
    trap,
    engine,
    config,
    trapOrigin: `http://127.0.0.2:${trap.port}`,
    sites,
    site: (filter) => {
      const found = sites(filter)[0];
      if (!found) throw new Error('no farm site matches the test filter');
      return found;
    },
    run: (target, overrides = {}) => {
      const url = typeof target === 'string' ? target : target.url;
      const columns = overrides.columns ?? (typeof target === 'string' ? [] : columnsFor(target));
      counter += 1;
      const spec: AttemptSpec = {
        taskId: `task-${counter}`,
        runId: 'run-1',
        attemptNumber: 1,
        organizationId: 'org-test',
        campaignId: 'campaign-1',
        instructionVersionId: 'v-1',
        instructionText: overrides.instructionText ?? '',
        columns,
        siteUrl: url,
        row: {},
        strategy: overrides.strategy ?? 'auto',
        mode: overrides.mode ?? 'auto',
        budget: {
          totalMs: overrides.totalMs ?? config.defaults.totalMs,
          maxPages: overrides.maxPages ?? config.defaults.maxPages,
          maxDepth: overrides.maxDepth ?? config.defaults.maxDepth,
          screenshots: overrides.screenshots ?? false,
        },
        correlationId: 'corr-1',
      };
      return engine.runner.run(spec, { screenshotScope: `${spec.taskId}/1`, signal: overrides.signal, recipes: overrides.recipes });
    },
    close: async () => {
      await engine.close();
      await farm.close();
      await trap.close();
    },
  };
}

/** "blocked:captcha" etc. for a result, "success" when it succeeded. */
export function outcomeLabel(result: AttemptResult): string {
  if (!result.failure) return result.status;
  const { category, reason } = result.failure;
  return category === 'timeout' || category === 'extraction_failed' ? category : `${category}:${reason}`;
}
