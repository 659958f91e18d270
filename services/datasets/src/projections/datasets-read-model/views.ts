// The shapes the datasets service answers with over NATS (the gateway returns them as they are;
// documented in docs/datasets.md). A version view always explains ground truth in plain words,
// because users who never find it never measure accuracy.
import type { ActorRef } from '@fieldwork/contracts';
import type { DatasetColumnType, GroundTruthSuggestionSpec, SchemaSpec } from '../../domain/dataset-schema';
import type { SourceFileSpec, VersionStats } from '../../domain/version-facts';
import type { IssueCode, IssueSeverity } from '../../validation/issues';

export interface VersionSummaryView {
  version: number;
  createdAt: string;
  fileName: string;
  format: string;
  totalRows: number;
  validRows: number;
  schemaRevision: number;
}

export interface DatasetView {
  id: string;
  campaignId: string;
  name: string;
  description: string;
  status: 'active' | 'archived';
  latestVersion: number;
  createdAt: string;
  createdBy: ActorRef;
  updatedAt: string;
  archivedAt: string | null;
  versions: VersionSummaryView[];
}

export interface ColumnView {
  index: number;
  name: string;
  originalName?: string;
  type: DatasetColumnType;
  detectedType: DatasetColumnType;
  detectedConfidence: number;
  /** What the column is for in a run. */
  role: 'url' | 'ground_truth' | 'data';
  groundTruthFor: string | null;
}

export interface GroundTruthGuide {
  configured: boolean;
  /** What ground truth is for, in one sentence. */
  explanation: string;
  columns: { column: string; outputColumn: string; filledRows: number; percent: number }[];
  suggestions: GroundTruthSuggestionSpec[];
  /** The one thing to do next, with the exact request. */
  nextStep: string;
}

export interface IssueView {
  row: number | null;
  column: string | null;
  code: IssueCode;
  severity: IssueSeverity;
  message: string;
}

export interface VersionView {
  datasetId: string;
  campaignId: string;
  version: number;
  note: string;
  createdAt: string;
  createdBy: ActorRef;
  file: SourceFileSpec;
  schema: { revision: number; urlColumn: string | null; columns: ColumnView[] };
  stats: VersionStats;
  groundTruth: GroundTruthGuide;
  validation: {
    /** Issue counts by severity; page through them with datasets.validation. */
    errors: number;
    warnings: number;
    infos: number;
    /** Problems with the file as a whole (no row): shown up front. */
    fileIssues: IssueView[];
    summary: string;
  };
}

export interface IngestResultView {
  dataset: DatasetView;
  version: VersionView;
}

export interface RowView {
  rowId: number;
  /** Column name → cell text; cells beyond the header are in `extraCells`. */
  cells: Record<string, string>;
  extraCells?: string[];
  url: string | null;
  domain: string | null;
  status: 'valid' | 'invalid' | 'duplicate';
  /** Why the row is skipped by runs (null when valid). */
  reason: string | null;
}

export interface OffsetPage<T> {
  items: T[];
  offset: number;
  limit: number;
  total: number;
  /** Offset of the next page; null on the last page. */
  nextOffset: number | null;
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export function columnViews(schema: SchemaSpec): ColumnView[] {
  return schema.columns.map((column) => ({
    index: column.index,
    name: column.name,
    ...(column.originalName ? { originalName: column.originalName } : {}),
    type: column.type,
    detectedType: column.detectedType,
    detectedConfidence: column.detectedConfidence,
    role: column.name === schema.urlColumn ? 'url' : column.groundTruthFor ? 'ground_truth' : 'data',
    groundTruthFor: column.groundTruthFor ?? null,
  }));
}

export const GROUND_TRUTH_EXPLANATION =
  'Ground truth is the answers you already know. Mark the columns that hold known-correct answers and every run will report its accuracy against them.';

export function groundTruthGuide(datasetId: string, version: number, schema: SchemaSpec, stats: VersionStats, suggestions: GroundTruthSuggestionSpec[]): GroundTruthGuide {
  const configured = schema.columns.some((column) => column.groundTruthFor);
  const path = `PATCH /v1/datasets/${datasetId}/versions/${version}/schema`;
  const columns = stats.groundTruth.map(({ column, outputColumn, filledRows, percent }) => ({ column, outputColumn, filledRows, percent }));
  let nextStep: string;
  if (configured) {
    const covered = columns.map((c) => `${c.outputColumn} from "${c.column}" (${c.percent}% of valid rows have an answer)`).join('; ');
    nextStep = `Runs on this version will report accuracy for ${covered}. Change the mapping with ${path} {"groundTruth": [...]}.`;
  } else if (suggestions.length > 0) {
    const listed = suggestions.map((s) => `"${s.column}" → ${s.outputColumn}`).join(', ');
    nextStep = `These columns look like answers you already know: ${listed}. Accept them with ${path} {"acceptSuggestedGroundTruth": true}, or map columns yourself with {"groundTruth": [{"column": "...", "outputColumn": "..."}]}.`;
  } else {
    nextStep = `No column name matches the campaign's output columns. If some columns hold known-correct answers, map them with ${path} {"groundTruth": [{"column": "...", "outputColumn": "..."}]} and every run will report its accuracy.`;
  }
  return { configured, explanation: GROUND_TRUTH_EXPLANATION, columns, suggestions, nextStep };
}
