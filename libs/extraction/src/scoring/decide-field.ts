// From scored candidates to one field: candidates with the same canonical value pool together
// (one vote per place on the page), the best group wins, and its confidence comes from the
// calibrated logistic model over the winner's score, its margin over the runner-up, how many
// places agree, and how well its label matched.

import { cssPath } from '../dom/dom-utils';
import type { ColumnProfile } from '../match/column-profile';
import type { Evidence, FieldCandidate, FieldNote, FieldResult } from '../types';
import { type LogisticModel, predict } from './calibration';
import { CONFIDENCE_MODEL } from './confidence-model';
import type { ScoredCandidate } from './score-candidate';

export interface ValueGroup {
  value: string;
  best: ScoredCandidate;
  /** Other places on the page supporting the same value. */
  support: number;
  score: number;
}

/** Why a field got its confidence, for calibration fitting and for users asking "why". */
export interface FieldExplanation {
  score: number;
  margin: number;
  support: number;
  qual: number;
  conflict: number;
  features: number[];
  /** Every value considered (best first) with its features, for calibration fitting. */
  values: { value: string; features: number[] }[];
}

export const FEATURE_NAMES = ['score', 'margin', 'support', 'qual', 'conflict', 'structured'] as const;

export function groupByValue(scored: readonly ScoredCandidate[]): ValueGroup[] {
  const byValue = new Map<string, Map<string, ScoredCandidate>>();
  for (const item of scored) {
    const places = byValue.get(item.value) ?? new Map<string, ScoredCandidate>();
    const existing = places.get(item.candidate.location);
    if (!existing || existing.score < item.score) places.set(item.candidate.location, item);
    byValue.set(item.value, places);
  }
  const groups: ValueGroup[] = [];
  for (const [value, places] of byValue) {
    const list = [...places.values()].sort((a, b) => b.score - a.score || a.candidate.order - b.candidate.order);
    const best = list[0];
    const support = Math.min(3, list.slice(1).filter((item) => item.score >= best.score - 1.5 && item.score > 0.5).length);
    groups.push({ value, best, support, score: best.score + 0.3 * support });
  }
  return groups.sort((a, b) => b.score - a.score || a.best.candidate.order - b.best.candidate.order);
}

export function featuresOf(group: ValueGroup, runnerUpScore: number | undefined): number[] {
  const margin = runnerUpScore === undefined ? Math.max(0, group.score) : group.score - runnerUpScore;
  const structured = ['json-ld', 'microdata', 'rdfa'].includes(group.best.candidate.source) ? 1 : 0;
  return [group.score, Math.max(-3, Math.min(3, margin)), group.support, group.best.label.qual, group.best.label.conflict, structured];
}

export function evidenceOf(item: ScoredCandidate, pageUrl: string): Evidence {
  const { candidate } = item;
  const evidence: Evidence = { source: candidate.source, snippet: candidate.snippet, pageUrl };
  if (candidate.el) evidence.selector = cssPath(candidate.el);
  if (candidate.path) evidence.path = candidate.path;
  return evidence;
}

export interface DecideOptions {
  pageUrl: string;
  minConfidence: number;
  model?: LogisticModel;
  explain?: boolean;
}

export function decideField(
  profile: ColumnProfile,
  scored: readonly ScoredCandidate[],
  options: DecideOptions,
): FieldResult & { explanation?: FieldExplanation; groups: ValueGroup[] } {
  const model = options.model ?? CONFIDENCE_MODEL;
  const groups = groupByValue(scored);
  if (groups.length === 0) {
    return { value: null, confidence: 0, evidence: null, candidates: [], notes: [], groups };
  }
  const [top, second] = groups;
  const topFeatures = featuresOf(top, second?.score);
  const confidence = round(predict(model, topFeatures));
  const alternatives: FieldCandidate[] = groups.slice(1, 4).map((group) => ({
    value: group.value,
    confidence: round(predict(model, featuresOf(group, top.score))),
    evidence: evidenceOf(group.best, options.pageUrl),
  }));
  const notes: FieldNote[] = [...top.best.notes];
  if (second && second.score > top.score - 0.5 && profile.type !== 'boolean') notes.push('multiple-values');
  const accepted = confidence >= options.minConfidence;
  const result: FieldResult & { explanation?: FieldExplanation; groups: ValueGroup[] } = {
    value: accepted ? top.value : null,
    confidence: accepted ? confidence : 0,
    evidence: accepted ? evidenceOf(top.best, options.pageUrl) : null,
    candidates: accepted
      ? alternatives
      : [{ value: top.value, confidence, evidence: evidenceOf(top.best, options.pageUrl) }, ...alternatives].slice(0, 3),
    notes: accepted ? [...new Set(notes)] : [],
    groups,
  };
  if (options.explain) {
    result.explanation = {
      score: top.score,
      margin: topFeatures[1],
      support: top.support,
      qual: top.best.label.qual,
      conflict: top.best.label.conflict,
      features: topFeatures,
      values: groups.slice(0, 8).map((group, i) => ({ value: group.value, features: i === 0 ? topFeatures : featuresOf(group, top.score) })),
    };
  }
  return result;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
