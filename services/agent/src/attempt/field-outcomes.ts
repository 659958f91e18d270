// Per-column results of either strategy (the engine's FieldResult, the model's, or both
// combined) in the shape an attempt reports.
import type { Evidence } from '@fieldwork/extraction';
import type { AnyEvidence } from '@fieldwork/llm';
import type { EvidenceRecord, FieldOutcome } from '../domain/attempt-result';

interface AnyField {
  value: string | null;
  confidence: number;
  evidence: AnyEvidence | null;
  candidates: readonly { value: string; confidence: number; evidence: AnyEvidence | null }[];
  notes: readonly string[];
}

export function evidenceRecord(evidence: AnyEvidence | Evidence | null | undefined): EvidenceRecord | null {
  if (!evidence) return null;
  const source = evidence.source === 'llm' ? ('quoteVerified' in evidence && evidence.quoteVerified ? 'llm-quote' : 'llm-unverified') : evidence.source;
  return {
    source,
    selector: evidence.selector || undefined,
    snippet: evidence.snippet ?? '',
    pageUrl: evidence.pageUrl,
    path: evidence.path || undefined,
  };
}

export function fieldOutcome(name: string, field: AnyField | undefined): FieldOutcome {
  if (!field) return { name, value: null, confidence: 0, evidence: null, notes: [], alternatives: [] };
  return {
    name,
    value: field.value,
    confidence: Math.round(Math.min(1, Math.max(0, field.confidence)) * 1000) / 1000,
    evidence: field.value === null ? null : evidenceRecord(field.evidence),
    notes: [...field.notes],
    alternatives: field.candidates.slice(0, 3).map((candidate) => ({
      value: candidate.value,
      confidence: Math.round(candidate.confidence * 1000) / 1000,
      evidence: evidenceRecord(candidate.evidence),
    })),
  };
}
