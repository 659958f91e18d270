import type { FieldResult } from '@fieldwork/extraction';
import type { LlmFieldResult } from '../types';
import { combineFieldResults } from './combine-results';

const url = 'https://a.example/';
const heuristic = (value: string | null, confidence: number): FieldResult => ({
  value,
  confidence,
  evidence: value === null ? null : { source: 'tel-link', snippet: `tel ${value}`, pageUrl: url },
  candidates: [],
  notes: [],
});
const llm = (value: string | null, confidence: number): LlmFieldResult => ({
  value,
  confidence,
  evidence: value === null ? null : { source: 'llm', snippet: `quote ${value}`, pageUrl: url, quoteVerified: true },
  candidates: [],
  notes: [],
  modelConfidence: confidence,
  rawValue: value,
  issues: [],
});
const columns = [{ name: 'phone', type: 'phone' as const }];

describe('combineFieldResults', () => {
  it('raises confidence when both strategies agree (type-aware)', () => {
    const combined = combineFieldResults(columns, { phone: heuristic('+16155550190', 0.8) }, { phone: llm('+1 615 555 0190', 0.6) });
    expect(combined.phone).toMatchObject({ value: '+16155550190', confidence: 0.86, strategy: 'both', evidence: { source: 'tel-link' } });
  });

  it('lowers the winner’s confidence when they disagree and keeps the other value as a candidate', () => {
    const combined = combineFieldResults(columns, { phone: heuristic('+16155550190', 0.5) }, { phone: llm('+16155550111', 0.7) });
    expect(combined.phone).toMatchObject({ value: '+16155550111', confidence: 0.595, strategy: 'llm' });
    expect(combined.phone.candidates[0]).toMatchObject({ value: '+16155550190', confidence: 0.5 });
  });

  it('takes whichever side has a value', () => {
    expect(combineFieldResults(columns, { phone: heuristic(null, 0) }, { phone: llm('+16155550111', 0.7) }).phone).toMatchObject({ value: '+16155550111', strategy: 'llm' });
    expect(combineFieldResults(columns, { phone: heuristic('+16155550190', 0.4) }, {}).phone).toMatchObject({ value: '+16155550190', strategy: 'heuristic' });
    expect(combineFieldResults(columns, {}, {}).phone).toEqual({ value: null, confidence: 0, evidence: null, candidates: [], notes: [], strategy: null });
  });
});
