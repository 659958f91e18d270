// Merges the model-free engine's fields with the model's, column by column: agreement raises
// confidence, disagreement lowers the winner's and keeps the loser as a candidate, a value beats
// no value. The agent decides when to ask the model; this decides what to report when both spoke.

import type { ColumnSpec, Evidence, FieldCandidate, FieldNote, FieldResult } from '@fieldwork/extraction';
import { type ParseOptions, valuesEqual } from '@fieldwork/values';
import type { LlmEvidence, LlmFieldResult } from '../types';

export type AnyEvidence = Evidence | LlmEvidence;

export interface CombinedFieldResult {
  value: string | null;
  confidence: number;
  evidence: AnyEvidence | null;
  candidates: { value: string; confidence: number; evidence: AnyEvidence }[];
  notes: FieldNote[];
  /** Which strategy the value came from; `both` when they agreed. */
  strategy: 'heuristic' | 'llm' | 'both' | null;
}

/** Agreement: the stronger confidence gains half the weaker's share of the remaining doubt. */
const AGREEMENT_GAIN = 0.5;
/** Disagreement: the winner loses this share of the loser's confidence. */
const DISAGREEMENT_LOSS = 0.3;

const round = (value: number): number => Math.round(value * 1000) / 1000;

function candidatesOf(field: FieldResult | LlmFieldResult | undefined): CombinedFieldResult['candidates'] {
  return (field?.candidates ?? []).map((c: FieldCandidate | LlmFieldResult['candidates'][number]) => ({ value: c.value, confidence: c.confidence, evidence: c.evidence }));
}

function combineOne(column: ColumnSpec, heuristic: FieldResult | undefined, llm: LlmFieldResult | undefined, options: ParseOptions): CombinedFieldResult {
  const h = heuristic?.value != null && heuristic.evidence ? heuristic : undefined;
  const l = llm?.value != null && llm.evidence ? llm : undefined;
  const others = [...candidatesOf(heuristic), ...candidatesOf(llm)];
  if (!h && !l) {
    return { value: null, confidence: 0, evidence: null, candidates: others.sort((a, b) => b.confidence - a.confidence).slice(0, 3), notes: [], strategy: null };
  }
  if (h && !l) return { value: h.value, confidence: h.confidence, evidence: h.evidence, candidates: others.slice(0, 3), notes: h.notes, strategy: 'heuristic' };
  if (l && !h) return { value: l.value, confidence: l.confidence, evidence: l.evidence, candidates: others.slice(0, 3), notes: l.notes, strategy: 'llm' };
  const hv = h as FieldResult & { value: string; evidence: Evidence };
  const lv = l as LlmFieldResult & { value: string; evidence: LlmEvidence };
  const [winner, loser] = hv.confidence >= lv.confidence ? [hv, lv] : [lv, hv];
  const strategyOf = (field: typeof hv | typeof lv): 'heuristic' | 'llm' => (field === hv ? 'heuristic' : 'llm');
  if (valuesEqual(column.type, hv.value, lv.value, { ...options, enumValues: column.enumValues })) {
    return {
      value: winner.value,
      confidence: round(winner.confidence + (1 - winner.confidence) * loser.confidence * AGREEMENT_GAIN),
      evidence: winner.evidence,
      candidates: others.filter((c) => !valuesEqual(column.type, c.value, winner.value, options)).slice(0, 3),
      notes: winner.notes,
      strategy: 'both',
    };
  }
  return {
    value: winner.value,
    confidence: round(winner.confidence * (1 - DISAGREEMENT_LOSS * loser.confidence)),
    evidence: winner.evidence,
    candidates: [{ value: loser.value, confidence: loser.confidence, evidence: loser.evidence }, ...others].slice(0, 3),
    notes: winner.notes,
    strategy: strategyOf(winner),
  };
}

/** Per column of `columns`: the combined field. Either side may be missing or partial. */
export function combineFieldResults(
  columns: readonly ColumnSpec[],
  heuristic: Readonly<Record<string, FieldResult>>,
  llm: Readonly<Record<string, LlmFieldResult>>,
  options: ParseOptions = {},
): Record<string, CombinedFieldResult> {
  const get = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);
  return Object.fromEntries(columns.map((column) => [column.name, combineOne(column, get(heuristic, column.name), get(llm, column.name), options)]));
}
