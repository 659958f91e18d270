// The model-free extraction entry point: parse the page once, collect candidates from every
// source, score them per column, decide each field with a calibrated confidence.

import type { ColumnType, ParseOptions } from '@fieldwork/values';
import type { Candidate, CandidateSource, SourceContext } from './candidates/candidate';
import { fingerprintCandidates } from './candidates/fingerprints';
import { jsonLdCandidates } from './candidates/json-ld';
import { labelValueCandidates } from './candidates/label-value';
import { contactLinkCandidates, linkCandidates } from './candidates/links';
import { headingCandidates, metaCandidates } from './candidates/meta-and-headings';
import { microdataCandidates, rdfaCandidates } from './candidates/microdata';
import { PageScan } from './candidates/page-scan';
import { textPatternCandidates } from './candidates/text-patterns';
import { buildPageModel, type PageModel } from './dom/page-model';
import { buildProfiles } from './match/column-profile';
import type { LogisticModel } from './scoring/calibration';
import { decideField, type FieldExplanation } from './scoring/decide-field';
import { scoreCandidate, type ScoredCandidate } from './scoring/score-candidate';
import type { ColumnSpec, ExtractInput, ExtractionResult, FieldResult } from './types';

const SOURCES: readonly CandidateSource[] = [
  jsonLdCandidates,
  microdataCandidates,
  rdfaCandidates,
  metaCandidates,
  contactLinkCandidates,
  linkCandidates,
  labelValueCandidates,
  headingCandidates,
  textPatternCandidates,
  fingerprintCandidates,
];

/** Thrown for inputs a caller must fix (no columns, duplicate names): never for page content. */
export class ExtractionInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ExtractionInputError';
  }
}

function validateColumns(columns: readonly ColumnSpec[]): void {
  if (columns.length === 0) throw new ExtractionInputError('at least one column is needed to extract anything', 'columns');
  const seen = new Set<string>();
  for (const column of columns) {
    if (!column.name || !column.name.trim()) throw new ExtractionInputError('every column needs a name', 'columns[].name');
    if (seen.has(column.name)) throw new ExtractionInputError(`column "${column.name}" is listed twice`, 'columns[].name');
    seen.add(column.name);
    if (column.type === 'enum' && column.enumValues !== undefined && column.enumValues.length === 0) {
      throw new ExtractionInputError(`enum column "${column.name}" has an empty list of allowed values`, `columns.${column.name}.enumValues`);
    }
  }
}

export interface DetailedExtraction extends ExtractionResult {
  explanations: Record<string, FieldExplanation | undefined>;
  /** All scored candidates per column (for debugging and tests). */
  scored: Record<string, ScoredCandidate[]>;
}

export interface ExtractOptions {
  /** Use another confidence model (calibration experiments). */
  model?: LogisticModel;
  explain?: boolean;
}

/** Extracts every column from one page. Never throws on page content; see ExtractionInputError. */
export function extract(input: ExtractInput): ExtractionResult {
  const { explanations: _explanations, scored: _scored, ...result } = extractDetailed(input);
  return result;
}

export function extractDetailed(input: ExtractInput, options: ExtractOptions = {}): DetailedExtraction {
  validateColumns(input.columns);
  const page = buildPageModel(input.html ?? '', input.url);
  return extractFromPage(page, input, options);
}

export function extractFromPage(page: PageModel, input: ExtractInput, options: ExtractOptions = {}): DetailedExtraction {
  const parseOptions: ParseOptions = {
    defaultRegion: input.defaultRegion ?? 'US',
    defaultCurrency: input.defaultCurrency ?? 'USD',
    locale: input.locale,
    baseUrl: input.url,
  };
  const profiles = buildProfiles(input.columns, input.instructionText, parseOptions);
  const wantedTypes = new Set<ColumnType>(profiles.map((p) => p.type));
  const context: SourceContext = { page, scan: new PageScan(page, parseOptions), profiles, wantedTypes, parseOptions };

  const candidates: Candidate[] = [];
  for (const source of SOURCES) candidates.push(...source(context));

  const fields: Record<string, FieldResult> = {};
  const explanations: Record<string, FieldExplanation | undefined> = {};
  const scoredByColumn: Record<string, ScoredCandidate[]> = {};
  const concepts = (text: string): ReadonlySet<string> => page.concepts(text);
  for (const profile of profiles) {
    const scored: ScoredCandidate[] = [];
    for (const candidate of candidates) {
      const item = scoreCandidate(profile, candidate, concepts, page.url, page.langRegion);
      if (item) scored.push(item);
    }
    const decision = decideField(profile, scored, {
      pageUrl: page.url,
      minConfidence: input.minConfidence ?? 0.15,
      model: options.model,
      explain: options.explain,
    });
    const { explanation, groups: _groups, ...field } = decision;
    fields[profile.spec.name] = field;
    explanations[profile.spec.name] = explanation;
    if (options.explain) scoredByColumn[profile.spec.name] = scored.sort((a, b) => b.score - a.score);
  }
  return {
    pageUrl: page.url,
    fields,
    missingRequired: input.columns.filter((c) => c.required && fields[c.name].value === null).map((c) => c.name),
    stats: { candidates: candidates.length, textChars: page.textChars, truncated: page.truncated },
    explanations,
    scored: scoredByColumn,
  };
}
