// One site, several pages: a field's value is the most confident one seen on any page. Pages
// that agree on a value raise its confidence a little (the same footer phone on every page is
// weaker evidence than two independent sources, so the boost is modest).

import { urlKey } from '@fieldwork/values';
import { extract } from './extract';
import type { ColumnSpec, ExtractInput, ExtractionResult, FieldCandidate, FieldResult } from './types';

export interface MergedExtraction {
  fields: Record<string, FieldResult>;
  missingRequired: string[];
  /** Pages merged, in the order given. */
  pageUrls: string[];
}

const AGREEMENT_BOOST = 0.3;

function mergeField(fields: readonly FieldResult[]): FieldResult {
  const byValue = new Map<string, { best: FieldCandidate; notes: FieldResult['notes']; others: number[] }>();
  for (const field of fields) {
    const options: { candidate: FieldCandidate; notes: FieldResult['notes'] }[] = [];
    if (field.value !== null && field.evidence) {
      options.push({ candidate: { value: field.value, confidence: field.confidence, evidence: field.evidence }, notes: field.notes });
    }
    for (const alt of field.candidates) options.push({ candidate: alt, notes: [] });
    for (const { candidate, notes } of options) {
      const entry = byValue.get(candidate.value);
      if (!entry) {
        byValue.set(candidate.value, { best: candidate, notes, others: [] });
      } else if (candidate.confidence > entry.best.confidence) {
        entry.others.push(entry.best.confidence);
        entry.best = candidate;
        entry.notes = notes;
      } else {
        entry.others.push(candidate.confidence);
      }
    }
  }
  const ranked = [...byValue.entries()]
    .map(([value, entry]) => {
      const agreeing = Math.max(0, ...entry.others);
      const confidence = entry.best.confidence + (1 - entry.best.confidence) * agreeing * AGREEMENT_BOOST;
      return { value, entry, confidence: Math.round(confidence * 1000) / 1000 };
    })
    .sort((a, b) => b.confidence - a.confidence);
  const winner = ranked.find((item) => fields.some((f) => f.value === item.value));
  if (!winner) {
    return { value: null, confidence: 0, evidence: null, candidates: ranked.slice(0, 3).map((r) => ({ ...r.entry.best, confidence: r.confidence })), notes: [] };
  }
  return {
    value: winner.value,
    confidence: winner.confidence,
    evidence: winner.entry.best.evidence,
    candidates: ranked
      .filter((r) => r !== winner)
      .slice(0, 3)
      .map((r) => ({ ...r.entry.best, confidence: r.confidence })),
    notes: winner.entry.notes,
  };
}

/** Keeps, per column, the best value over several pages of one site. */
export function mergeFieldResults(pages: readonly ExtractionResult[], columns?: readonly ColumnSpec[]): MergedExtraction {
  const names = columns?.map((c) => c.name) ?? [...new Set(pages.flatMap((p) => Object.keys(p.fields)))];
  const fields: Record<string, FieldResult> = {};
  for (const name of names) {
    const perPage = pages.map((p) => p.fields[name]).filter((f): f is FieldResult => f !== undefined);
    fields[name] = perPage.length ? mergeField(perPage) : { value: null, confidence: 0, evidence: null, candidates: [], notes: [] };
  }
  const required = columns ? columns.filter((c) => c.required).map((c) => c.name) : [...new Set(pages.flatMap((p) => p.missingRequired))];
  return {
    fields,
    missingRequired: required.filter((name) => fields[name]?.value === null),
    pageUrls: pages.map((p) => p.pageUrl),
  };
}

export type SessionConfig = Omit<ExtractInput, 'html' | 'url'>;

/**
 * Extraction over the pages of one site visited in turn: add each fetched page, ask what is
 * still missing (to decide where to navigate), read the merged result at any time.
 */
export class ExtractionSession {
  private readonly pages: ExtractionResult[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly config: SessionConfig) {}

  addPage(page: { html: string; url: string }): ExtractionResult {
    const result = extract({ ...this.config, html: page.html, url: page.url });
    this.pages.push(result);
    this.seen.add(urlKey(page.url) ?? page.url);
    return result;
  }

  get result(): MergedExtraction {
    return mergeFieldResults(this.pages, this.config.columns);
  }

  /** URL keys of pages already added (see `urlKey`), for link ranking. */
  get visited(): ReadonlySet<string> {
    return this.seen;
  }

  /** Columns not yet found with at least `minConfidence`. */
  missingColumns(minConfidence = 0.6): ColumnSpec[] {
    const merged = this.result;
    return this.config.columns.filter((c) => (merged.fields[c.name]?.confidence ?? 0) < minConfidence);
  }
}
