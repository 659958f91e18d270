// A dataset version's schema as the domain sees it (plain objects), the rules a schema must
// keep, and how a user's change (URL column, ground truth, types) applies to it. Pure.
import { ValidationError, type FieldIssue } from '@fieldwork/contracts';

export const COLUMN_TYPES = ['text', 'number', 'money', 'url', 'email', 'phone', 'date', 'boolean', 'enum'] as const;
export type DatasetColumnType = (typeof COLUMN_TYPES)[number];

export function isDatasetColumnType(value: unknown): value is DatasetColumnType {
  return typeof value === 'string' && (COLUMN_TYPES as readonly string[]).includes(value);
}

export interface ColumnSpec {
  index: number;
  /** Unique within the version. */
  name: string;
  /** The header as written in the file, when it differs from `name`. */
  originalName?: string;
  type: DatasetColumnType;
  detectedType: DatasetColumnType;
  detectedConfidence: number;
  /** Campaign output column this column holds known-correct answers for. */
  groundTruthFor?: string;
}

export interface SchemaSpec {
  columns: ColumnSpec[];
  urlColumn: string | null;
  revision: number;
}

export interface GroundTruthMapping {
  column: string;
  outputColumn: string;
}

export interface GroundTruthSuggestionSpec {
  column: string;
  outputColumn: string;
  score: number;
  reason: string;
}

/** What a user may change on a version's schema; omitted fields stay as they are. */
export interface SchemaChange {
  urlColumn?: string | null;
  /** Replaces every ground-truth mapping. */
  groundTruth?: GroundTruthMapping[];
  /** Column name → type. */
  types?: Record<string, string>;
}

export type SchemaChangeKind = 'url_column' | 'ground_truth' | 'types';

export function groundTruthOf(schema: SchemaSpec): GroundTruthMapping[] {
  return schema.columns
    .filter((column) => column.groundTruthFor)
    .map((column) => ({ column: column.name, outputColumn: column.groundTruthFor as string }));
}

/** The invariants of any schema; returns every problem found (empty = fine). */
export function schemaProblems(schema: SchemaSpec, outputColumns?: readonly string[]): FieldIssue[] {
  const problems: FieldIssue[] = [];
  const names = new Set(schema.columns.map((column) => column.name));
  if (schema.urlColumn !== null && !names.has(schema.urlColumn)) {
    problems.push({ path: 'urlColumn', message: `there is no column "${schema.urlColumn}" (columns: ${[...names].join(', ')})` });
  }
  const targets = new Map<string, string>();
  for (const column of schema.columns) {
    if (!isDatasetColumnType(column.type)) {
      problems.push({ path: `types/${column.name}`, message: `"${column.type}" is not a column type (${COLUMN_TYPES.join(', ')})` });
    }
    const target = column.groundTruthFor;
    if (!target) continue;
    if (column.name === schema.urlColumn) {
      problems.push({ path: `groundTruth/${column.name}`, message: 'the URL column cannot also hold ground truth' });
    }
    const previous = targets.get(target);
    if (previous) {
      problems.push({ path: `groundTruth/${column.name}`, message: `output column "${target}" is already answered by column "${previous}"` });
    }
    targets.set(target, column.name);
    if (outputColumns && !outputColumns.includes(target)) {
      problems.push({
        path: `groundTruth/${column.name}`,
        message: `the campaign has no output column "${target}" (it has: ${outputColumns.join(', ') || 'none'})`,
      });
    }
  }
  return problems;
}

/** Applies a user's change; throws a ValidationError naming every bad field. */
export function applySchemaChange(
  current: SchemaSpec,
  change: SchemaChange,
  outputColumns: readonly string[],
): { schema: SchemaSpec; changed: SchemaChangeKind[] } {
  const problems: FieldIssue[] = [];
  const names = new Set(current.columns.map((column) => column.name));
  const changed = new Set<SchemaChangeKind>();
  let urlColumn = current.urlColumn;
  if (change.urlColumn !== undefined && change.urlColumn !== current.urlColumn) {
    urlColumn = change.urlColumn;
    changed.add('url_column');
  }
  let columns = current.columns.map((column) => ({ ...column }));
  if (change.types) {
    for (const [name, type] of Object.entries(change.types)) {
      if (!names.has(name)) {
        problems.push({ path: `types/${name}`, message: `there is no column "${name}"` });
        continue;
      }
      if (!isDatasetColumnType(type)) {
        problems.push({ path: `types/${name}`, message: `"${type}" is not a column type (${COLUMN_TYPES.join(', ')})` });
        continue;
      }
      columns = columns.map((column) => {
        if (column.name !== name || column.type === type) return column;
        changed.add('types');
        return { ...column, type };
      });
    }
  }
  if (change.groundTruth) {
    const wanted = new Map<string, string>();
    change.groundTruth.forEach((mapping, index) => {
      if (!names.has(mapping.column)) {
        problems.push({ path: `groundTruth/${index}/column`, message: `there is no column "${mapping.column}"` });
      } else if (wanted.has(mapping.column)) {
        problems.push({ path: `groundTruth/${index}/column`, message: `column "${mapping.column}" is mapped twice` });
      } else {
        wanted.set(mapping.column, mapping.outputColumn);
      }
    });
    const before = JSON.stringify(groundTruthOf(current));
    columns = columns.map((column) => {
      const target = wanted.get(column.name);
      const next = { ...column };
      if (target) next.groundTruthFor = target;
      else delete next.groundTruthFor;
      return next;
    });
    if (JSON.stringify(groundTruthOf({ ...current, columns })) !== before) changed.add('ground_truth');
  }
  const schema: SchemaSpec = { columns, urlColumn, revision: current.revision + (changed.size > 0 ? 1 : 0) };
  // Only new mappings are checked against today's campaign columns: an old mapping to a column
  // the campaign has since dropped must not block an unrelated change.
  if (problems.length === 0) problems.push(...schemaProblems(schema, change.groundTruth ? outputColumns : undefined));
  if (problems.length > 0) throw new ValidationError(problems);
  return { schema, changed: [...changed] };
}
