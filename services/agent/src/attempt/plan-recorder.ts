// The attempt's plan as it happens: ordered steps (op, params, outcome, ms), each also handed
// to a listener (live progress) the moment it is recorded, and traced as a span (start = end -
// ms) under the attempt's span, so a run's trace shows what every attempt did.
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Mode } from '../domain/attempt-spec';
import type { PlanStepRecord, StepOutcome } from '../domain/attempt-result';

export type StepListener = (step: PlanStepRecord, index: number) => void;

const MAX_STEPS = 200;

const tracer = () => trace.getTracer('@fieldwork/agent');

export class PlanRecorder {
  readonly steps: PlanStepRecord[] = [];

  constructor(private readonly listener?: StepListener) {}

  record(op: string, params: Record<string, string | number | boolean | undefined>, outcome: StepOutcome, detail: string, ms: number, mode: Mode | ''): void {
    if (this.steps.length >= MAX_STEPS) return;
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) if (value !== undefined) clean[key] = String(value).slice(0, 500);
    const step: PlanStepRecord = { op, params: clean, outcome, detail: detail.slice(0, 300), ms: Math.max(0, Math.round(ms)), mode };
    this.steps.push(step);
    const end = Date.now();
    const span = tracer().startSpan(`agent.${op}`, {
      startTime: end - step.ms,
      attributes: { 'fieldwork.step.outcome': outcome, 'fieldwork.step.mode': mode, ...(clean.url ? { 'url.full': clean.url } : {}) },
    });
    if (outcome === 'failed' || outcome === 'refused') span.setStatus({ code: SpanStatusCode.ERROR, message: step.detail });
    span.end(end);
    try {
      this.listener?.(step, this.steps.length - 1);
    } catch {
      // Live progress is best effort; the plan itself is what gets recorded.
    }
  }
}
