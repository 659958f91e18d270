// Public shapes of the extraction engine: what a caller asks for (columns) and what it gets back
// (per-field value, confidence and the evidence behind it).

import type { ColumnType } from '@fieldwork/values';

export interface ColumnSpec {
  /** Output column name, e.g. `sheriff_phone`. Its words are the strongest matching signal. */
  name: string;
  type: ColumnType;
  /** Natural-language description; its words help matching (weaker than the name). */
  description?: string;
  /** Reported in `missingRequired` when not found. */
  required?: boolean;
  /** Allowed values of an `enum` column. */
  enumValues?: readonly string[];
}

/** Where a value came from, most to least structured. */
export type EvidenceSource =
  | 'json-ld'
  | 'microdata'
  | 'rdfa'
  | 'meta'
  | 'tel-link'
  | 'mailto-link'
  | 'link'
  | 'label-value'
  | 'table'
  | 'definition-list'
  | 'form-field'
  | 'heading'
  | 'pattern'
  | 'fingerprint'
  | 'absence'
  /** A knowledge-base recipe's rule (`config` strategy); `path` is `<recipe id>@<version>`. */
  | 'recipe';

export interface Evidence {
  source: EvidenceSource;
  /** CSS selector of the element holding the value, when it is in the DOM. */
  selector?: string;
  /** Path inside structured data (`@graph[1].department[0].telephone`). */
  path?: string;
  /** The text around the value, as seen on the page (≤ 200 characters). */
  snippet: string;
  pageUrl: string;
}

export interface FieldCandidate {
  /** Canonical value (see @fieldwork/values). */
  value: string;
  /** Probability that this value is the right one. */
  confidence: number;
  evidence: Evidence;
}

/** Notes on how a value was read that a reviewer may want to know. */
export type FieldNote =
  | 'from-price'
  | 'range-first'
  | 'currency-assumed'
  | 'struck-price'
  | 'ambiguous-date-order'
  | 'possible-phone'
  | 'multiple-values';

export interface FieldResult {
  value: string | null;
  /** Probability that `value` is right, in [0, 1]; 0 when nothing was found. */
  confidence: number;
  evidence: Evidence | null;
  /** Best alternatives with other values, best first (at most 3). */
  candidates: FieldCandidate[];
  notes: FieldNote[];
}

export interface ExtractInput {
  html: string;
  /** Address of the page; resolves relative links and is recorded in evidence. */
  url: string;
  columns: readonly ColumnSpec[];
  /** The campaign's instruction text; sentences naming a column add to its vocabulary. */
  instructionText?: string;
  /** ISO 3166 region for national phone numbers and locale defaults (default `US`). */
  defaultRegion?: string;
  /** ISO 4217 currency for amounts written without one (default `USD`). */
  defaultCurrency?: string;
  /** BCP 47 locale hint for ambiguous numbers and dates. */
  locale?: string;
  /** Below this confidence a field is reported as null (its candidates are still listed). Default 0.15. */
  minConfidence?: number;
}

export interface ExtractionStats {
  candidates: number;
  textChars: number;
  /** The page was larger than the engine reads; the tail was ignored. */
  truncated: boolean;
}

export interface ExtractionResult {
  pageUrl: string;
  fields: Record<string, FieldResult>;
  /** Required columns without a value. */
  missingRequired: string[];
  stats: ExtractionStats;
}
