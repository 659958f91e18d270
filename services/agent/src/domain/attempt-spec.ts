// What one attempt is asked to do, checked and with defaults applied: the work item
// (AttemptRequested) read into the shape the runner uses. Pure.
import { ValidationError, type agentWork, type FieldIssue } from '@fieldwork/contracts';
import { isColumnType, type ColumnType } from '@fieldwork/values';

export type StrategyName = 'config' | 'heuristic' | 'llm';
export type StrategyRequest = 'auto' | StrategyName;
export type ModeRequest = 'auto' | 'http' | 'browser';
export type Mode = 'http' | 'browser';

export interface AttemptColumn {
  name: string;
  type: ColumnType;
  description?: string;
  required: boolean;
  enumValues?: string[];
}

export interface AttemptBudget {
  totalMs: number;
  maxPages: number;
  maxDepth: number;
  screenshots: boolean;
}

export interface AttemptDefaultsInput {
  totalMs: number;
  maxPages: number;
  maxDepth: number;
}

export interface AttemptSpec {
  taskId: string;
  runId: string;
  attemptNumber: number;
  organizationId: string;
  campaignId: string;
  instructionVersionId: string;
  instructionText: string;
  columns: AttemptColumn[];
  siteUrl: string;
  row: Record<string, string>;
  strategy: StrategyRequest;
  mode: ModeRequest;
  budget: AttemptBudget;
  correlationId: string;
  defaultRegion?: string;
  locale?: string;
}

/** The fields every attempt event repeats so a reader needs no other event to place it. */
export function attemptIdentity(spec: AttemptSpec) {
  return {
    taskId: spec.taskId,
    runId: spec.runId,
    attemptNumber: spec.attemptNumber,
    campaignId: spec.campaignId,
    instructionVersionId: spec.instructionVersionId,
    siteUrl: spec.siteUrl,
  };
}

/** The attempt's aggregate id: one result per task attempt, whoever runs it. */
export function attemptAggregateId(taskId: string, attemptNumber: number): string {
  return `${taskId}:${attemptNumber}`;
}

const STRATEGIES = new Set(['auto', 'config', 'heuristic', 'llm']);
const MODES = new Set(['auto', 'http', 'browser']);
const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const MAX_TOTAL_MS = 10 * 60_000;

/** Reads a work item; throws ValidationError naming every problem (the item is then dead-lettered). */
export function attemptSpecFrom(request: agentWork.AttemptRequested, defaults: AttemptDefaultsInput): AttemptSpec {
  const issues: FieldIssue[] = [];
  const need = (value: string, path: string) => {
    if (!value.trim()) issues.push({ path, message: 'is required' });
  };
  need(request.taskId, 'task_id');
  need(request.organizationId, 'organization_id');
  need(request.siteUrl, 'site_url');
  if (request.attemptNumber < 1) issues.push({ path: 'attempt_number', message: 'must be 1 or more' });
  if (request.columns.length === 0) issues.push({ path: 'columns', message: 'at least one column is needed' });
  const seen = new Set<string>();
  const columns: AttemptColumn[] = [];
  request.columns.forEach((column, index) => {
    const path = `columns/${index}`;
    if (!NAME.test(column.name)) issues.push({ path: `${path}/name`, message: `"${column.name}" is not a column name (lower-case letters, digits, underscores)` });
    else if (seen.has(column.name)) issues.push({ path: `${path}/name`, message: `"${column.name}" is listed twice` });
    seen.add(column.name);
    const type = column.type || 'text';
    if (!isColumnType(type)) {
      issues.push({ path: `${path}/type`, message: `"${column.type}" is not a column type` });
      return;
    }
    if (type === 'enum' && column.enumValues.length === 0) issues.push({ path: `${path}/enum_values`, message: 'an enum column needs its allowed values' });
    columns.push({
      name: column.name,
      type,
      description: column.description || undefined,
      required: column.required,
      enumValues: column.enumValues.length > 0 ? [...column.enumValues] : undefined,
    });
  });
  const strategy = request.strategy || 'auto';
  if (!STRATEGIES.has(strategy)) issues.push({ path: 'strategy', message: `"${strategy}" is not auto, heuristic, llm or config` });
  const mode = request.mode || 'auto';
  if (!MODES.has(mode)) issues.push({ path: 'mode', message: `"${mode}" is not auto, http or browser` });
  if (issues.length > 0) throw new ValidationError(issues);

  const budget = request.budget;
  return {
    taskId: request.taskId,
    runId: request.runId,
    attemptNumber: request.attemptNumber,
    organizationId: request.organizationId,
    campaignId: request.campaignId,
    instructionVersionId: request.instructionVersionId,
    instructionText: request.instructionText,
    columns,
    siteUrl: request.siteUrl.trim(),
    row: { ...request.row },
    strategy: strategy as StrategyRequest,
    mode: mode as ModeRequest,
    budget: {
      totalMs: Math.min(MAX_TOTAL_MS, budget?.totalMs || defaults.totalMs),
      maxPages: budget?.maxPages || defaults.maxPages,
      maxDepth: budget?.maxDepth || defaults.maxDepth,
      screenshots: budget?.screenshots ?? false,
    },
    correlationId: request.correlationId || request.runId || request.taskId,
    defaultRegion: request.defaultRegion || undefined,
    locale: request.locale || undefined,
  };
}
