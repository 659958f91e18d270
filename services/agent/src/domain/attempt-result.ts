// What an attempt produced, and the rules that turn fields and failures into its status.
// Pure: the runner fills an AttemptResult; `toAttemptFinished` writes the event.
import { create, agentEvents, timestampFromDate, type MessageInitShape } from '@fieldwork/contracts';
import { attemptIdentity, type AttemptColumn, type AttemptSpec, type Mode, type StrategyName } from './attempt-spec';
import { extractionFailed, type Failure } from './failure';

export type StepOutcome = 'ok' | 'failed' | 'skipped' | 'refused';
export type AttemptStatus = 'success' | 'partial' | 'failed';

export interface PlanStepRecord {
  op: string;
  params: Record<string, string>;
  outcome: StepOutcome;
  detail: string;
  ms: number;
  mode: Mode | '';
}

export interface EvidenceRecord {
  source: string;
  selector?: string;
  snippet: string;
  pageUrl: string;
  path?: string;
}

export interface FieldOutcome {
  name: string;
  value: string | null;
  confidence: number;
  evidence: EvidenceRecord | null;
  notes: string[];
  alternatives: { value: string; confidence: number; evidence: EvidenceRecord | null }[];
}

export interface ScreenshotRecord {
  bucket: string;
  objectKey: string;
  kind: 'final' | 'failure';
  pageUrl: string;
  bytes: number;
  contentType: string;
}

export interface AttemptTimings {
  fetchMs: number;
  browserMs: number;
  extractMs: number;
  llmMs: number;
  totalMs: number;
}

export interface AttemptUsage {
  bytesTransferred: number;
  pagesVisited: number;
  requests: number;
  refusedRequests: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface AttemptResult {
  status: AttemptStatus;
  failure?: Failure;
  strategy: StrategyName;
  mode: Mode;
  steps: PlanStepRecord[];
  fields: FieldOutcome[];
  timings: AttemptTimings;
  usage: AttemptUsage;
  screenshots: ScreenshotRecord[];
  finalUrl: string;
  pages: string[];
  model?: string;
  startedAt: Date;
}

/** Columns that decide success: the required ones, or every column when none is marked. */
export function decisiveColumns(columns: readonly AttemptColumn[]): AttemptColumn[] {
  const required = columns.filter((column) => column.required);
  return required.length > 0 ? required : [...columns];
}

/**
 * Success when every decisive column has a value; partial when some do (or some fields were
 * found before a failure); failed otherwise. A failure (blocked, page error, timeout, unsafe)
 * always wins over extraction_failed: it says why the fields are missing.
 */
export function attemptStatus(
  columns: readonly AttemptColumn[],
  fields: readonly FieldOutcome[],
  failure: Failure | undefined,
): { status: AttemptStatus; failure?: Failure } {
  const found = new Set(fields.filter((field) => field.value !== null).map((field) => field.name));
  const decisive = decisiveColumns(columns);
  const missing = decisive.filter((column) => !found.has(column.name)).map((column) => column.name);
  if (failure) {
    const partial = failure.category === 'timeout' && found.size > 0;
    return { status: partial ? 'partial' : 'failed', failure };
  }
  if (missing.length === 0) return { status: 'success' };
  if (found.size === 0) {
    return { status: 'failed', failure: extractionFailed('nothing_found', `none of the columns was found (${columns.map((c) => c.name).join(', ')})`) };
  }
  return {
    status: 'partial',
    failure: extractionFailed('missing_required', `not found: ${missing.join(', ')}`),
  };
}

type FinishedInit = MessageInitShape<typeof agentEvents.AttemptFinishedSchema>;

function evidenceInit(evidence: EvidenceRecord | null): MessageInitShape<typeof agentEvents.FieldEvidenceSchema> | undefined {
  if (!evidence) return undefined;
  return {
    source: evidence.source,
    selector: evidence.selector ?? '',
    snippet: evidence.snippet.slice(0, 200),
    pageUrl: evidence.pageUrl,
    path: evidence.path ?? '',
  };
}

export function toAttemptFinished(spec: AttemptSpec, result: AttemptResult, workerId: string): agentEvents.AttemptFinished {
  const init: FinishedInit = {
    ...attemptIdentity(spec),
    status: result.status,
    failure: result.failure
      ? { category: result.failure.category, reason: result.failure.reason, retryable: result.failure.retryable, message: result.failure.message }
      : undefined,
    strategy: result.strategy,
    mode: result.mode,
    steps: result.steps.map((step, index) => ({
      index,
      op: step.op,
      params: step.params,
      outcome: step.outcome,
      detail: step.detail,
      ms: Math.round(step.ms),
      mode: step.mode,
    })),
    fields: result.fields.map((field) => ({
      name: field.name,
      found: field.value !== null,
      value: field.value ?? '',
      confidence: field.confidence,
      evidence: evidenceInit(field.evidence),
      notes: field.notes,
      alternatives: field.alternatives.map((alt) => ({ value: alt.value, confidence: alt.confidence, evidence: evidenceInit(alt.evidence) })),
    })),
    timings: {
      fetchMs: Math.round(result.timings.fetchMs),
      browserMs: Math.round(result.timings.browserMs),
      extractMs: Math.round(result.timings.extractMs),
      llmMs: Math.round(result.timings.llmMs),
      totalMs: Math.round(result.timings.totalMs),
    },
    usage: {
      bytesTransferred: BigInt(Math.round(result.usage.bytesTransferred)),
      pagesVisited: result.usage.pagesVisited,
      requests: result.usage.requests,
      refusedRequests: result.usage.refusedRequests,
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
      costUsd: result.usage.costUsd,
    },
    screenshots: result.screenshots.map((shot) => ({ ...shot })),
    finalUrl: result.finalUrl,
    workerId,
    pages: result.pages,
    model: result.model ?? '',
    startedAt: timestampFromDate(result.startedAt),
  };
  return create(agentEvents.AttemptFinishedSchema, init);
}
