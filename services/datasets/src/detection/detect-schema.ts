// Reads the first rows of an upload to propose its schema: each column's type, which column
// holds the sites' addresses, and which columns look like known answers (ground truth) for the
// campaign's output columns. Everything here is a proposal the user can change.
import { conceptsOf, detectColumnType, headerMatchScore } from '@fieldwork/values';
import { normalizeTargetUrl } from '@fieldwork/url-safety';
import { isDatasetColumnType, type ColumnSpec, type GroundTruthSuggestionSpec, type SchemaSpec } from '../domain/dataset-schema';

export interface OutputColumnInfo {
  name: string;
  type?: string;
  description?: string;
}

/** The campaign's output columns are compared with this threshold; 1 means "same meaning". */
export const SUGGESTION_THRESHOLD = 0.5;

function samplesOf(rows: readonly string[][], index: number): string[] {
  return rows.map((row) => (row[index] ?? '').trim()).filter((value) => value !== '');
}

/** Share of a column's values that read as a web address (scheme-less e-mails do not count). */
export function urlShare(values: readonly string[]): number {
  if (values.length === 0) return 0;
  const urls = values.filter((value) => {
    const normalized = normalizeTargetUrl(value);
    return normalized.ok || normalized.code === 'unsupported_scheme';
  }).length;
  return urls / values.length;
}

function urlHeaderHint(name: string): boolean {
  const concepts = conceptsOf(name);
  return concepts.has('url') && !['facebook', 'instagram', 'twitter', 'linkedin', 'youtube', 'email'].some((social) => concepts.has(social));
}

/**
 * The URL column: a URL-like header whose values are mostly addresses; failing that, the column
 * whose values most clearly are; failing that, a URL-like header anyway (its bad values will be
 * reported row by row). Null when nothing qualifies.
 */
export function detectUrlColumn(names: readonly string[], rows: readonly string[][]): string | null {
  const scored = names.map((name, index) => ({ name, index, hint: urlHeaderHint(name), share: urlShare(samplesOf(rows, index)) }));
  const byShare = (a: (typeof scored)[number], b: (typeof scored)[number]) => b.share - a.share || a.index - b.index;
  const hinted = scored.filter((column) => column.hint && column.share >= 0.5).sort(byShare);
  if (hinted.length > 0) return hinted[0].name;
  const byContent = scored.filter((column) => column.share >= 0.8).sort(byShare);
  if (byContent.length > 0) return byContent[0].name;
  const headerOnly = scored.filter((column) => column.hint).sort((a, b) => b.share - a.share || a.index - b.index);
  return headerOnly[0]?.name ?? null;
}

export function detectSchema(names: readonly string[], originals: readonly string[], rows: readonly string[][]): SchemaSpec {
  const urlColumn = detectUrlColumn(names, rows);
  const columns = names.map((name, index): ColumnSpec => {
    const detection = detectColumnType(originals[index] ?? name, samplesOf(rows, index));
    let type = isDatasetColumnType(detection.type) ? detection.type : 'text';
    if (name === urlColumn) type = 'url';
    const column: ColumnSpec = { index, name, type, detectedType: type, detectedConfidence: detection.confidence };
    if (originals[index] !== undefined && originals[index] !== name) column.originalName = originals[index];
    return column;
  });
  return { columns, urlColumn, revision: 1 };
}

/**
 * Columns whose names match the campaign's output columns (case, spaces, underscores, simple
 * synonyms and words like "expected"/"gt" ignored). Each output column is suggested at most
 * once, for its best-matching column; the URL column is never suggested.
 */
export function suggestGroundTruth(schema: SchemaSpec, outputs: readonly OutputColumnInfo[]): GroundTruthSuggestionSpec[] {
  const pairs: GroundTruthSuggestionSpec[] = [];
  for (const column of schema.columns) {
    if (column.name === schema.urlColumn) continue;
    for (const output of outputs) {
      const header = column.originalName ?? column.name;
      const score = Math.max(headerMatchScore(header, output.name), headerMatchScore(column.name, output.name));
      if (score < SUGGESTION_THRESHOLD) continue;
      const sameType = output.type && output.type === column.type;
      const reason =
        score === 1
          ? `"${header}" has the same meaning as the output column "${output.name}"`
          : `"${header}" resembles the output column "${output.name}"`;
      pairs.push({
        column: column.name,
        outputColumn: output.name,
        score: Math.round(score * 1000) / 1000,
        reason: sameType ? `${reason}, and both hold ${output.type} values` : reason,
      });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.column.localeCompare(b.column));
  const usedColumns = new Set<string>();
  const usedOutputs = new Set<string>();
  const chosen: GroundTruthSuggestionSpec[] = [];
  for (const pair of pairs) {
    if (usedColumns.has(pair.column) || usedOutputs.has(pair.outputColumn)) continue;
    usedColumns.add(pair.column);
    usedOutputs.add(pair.outputColumn);
    chosen.push(pair);
  }
  return chosen.sort((a, b) => schema.columns.findIndex((c) => c.name === a.column) - schema.columns.findIndex((c) => c.name === b.column));
}
