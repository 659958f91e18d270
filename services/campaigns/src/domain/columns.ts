// Output columns: what a campaign extracts from each site. The rules here are the campaign's
// invariants (safe, unique names; enum values only and always for enums; bounded sizes), shared
// by creation, updates and templates.
import { ValidationError, type FieldIssue } from '@fieldwork/contracts';

export const COLUMN_TYPES = ['text', 'number', 'money', 'url', 'email', 'phone', 'date', 'boolean', 'enum'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface OutputColumn {
  name: string;
  type: ColumnType;
  description: string;
  required: boolean;
  /** Allowed values; non-empty exactly when type is "enum". */
  enumValues: string[];
}

/** What a caller may send: description, required and enumValues are optional. */
export interface OutputColumnInput {
  name: string;
  type: string;
  description?: string;
  required?: boolean;
  enumValues?: string[];
}

export const LIMITS = {
  name: 200,
  purpose: 2_000,
  description: 10_000,
  columns: 100,
  columnName: 63,
  columnDescription: 2_000,
  enumValues: 200,
  enumValue: 200,
  tags: 20,
  tag: 50,
  promptText: 50_000,
  changeDescription: 2_000,
  reason: 500,
} as const;

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

export function isColumnType(value: string): value is ColumnType {
  return (COLUMN_TYPES as readonly string[]).includes(value);
}

/** Checks and normalises a column list; collects every problem rather than stopping at the first. */
export function checkColumns(input: readonly OutputColumnInput[], path = 'columns'): { columns: OutputColumn[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (input.length === 0) issues.push({ path, message: 'add at least one output column' });
  if (input.length > LIMITS.columns) issues.push({ path, message: `at most ${LIMITS.columns} columns (got ${input.length})` });
  const seen = new Map<string, number>();
  const columns = input.map((column, index): OutputColumn => {
    const at = `${path}/${index}`;
    const name = column.name.trim();
    if (!IDENTIFIER.test(name) || name.length > LIMITS.columnName) {
      issues.push({
        path: `${at}/name`,
        message: `"${column.name}" is not a safe identifier: use lower-case letters, digits and underscores, starting with a letter, at most ${LIMITS.columnName} characters (e.g. "adult_price")`,
      });
    }
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push({ path: `${at}/name`, message: `must be unique; "${name}" is already column ${first}` });
    } else {
      seen.set(name, index);
    }
    if (!isColumnType(column.type)) {
      issues.push({ path: `${at}/type`, message: `unknown type "${column.type}"; use one of ${COLUMN_TYPES.join(', ')}` });
    }
    const description = (column.description ?? '').trim();
    if (description.length > LIMITS.columnDescription) {
      issues.push({ path: `${at}/description`, message: `at most ${LIMITS.columnDescription} characters` });
    }
    const enumValues = (column.enumValues ?? []).map((value) => value.trim());
    if (column.type === 'enum') {
      issues.push(...checkEnumValues(enumValues, `${at}/enumValues`));
    } else if (enumValues.length > 0) {
      issues.push({ path: `${at}/enumValues`, message: `only enum columns have allowed values; "${name}" is of type ${column.type}` });
    }
    return {
      name,
      type: column.type as ColumnType,
      description,
      required: column.required ?? false,
      enumValues: column.type === 'enum' ? enumValues : [],
    };
  });
  return { columns, issues };
}

function checkEnumValues(values: string[], path: string): FieldIssue[] {
  if (values.length === 0) return [{ path, message: 'an enum column needs its allowed values, e.g. ["Toast", "Square", "Other"]' }];
  const issues: FieldIssue[] = [];
  if (values.length > LIMITS.enumValues) issues.push({ path, message: `at most ${LIMITS.enumValues} values` });
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (value.length === 0 || value.length > LIMITS.enumValue) {
      issues.push({ path: `${path}/${index}`, message: `must be 1 to ${LIMITS.enumValue} characters` });
    }
    const key = value.toLowerCase();
    if (seen.has(key)) issues.push({ path: `${path}/${index}`, message: `"${value}" is listed twice` });
    seen.add(key);
  });
  return issues;
}

/** Trims, drops empties and duplicates (case-insensitively, keeping the first spelling). */
export function checkTags(input: readonly string[], path = 'tags'): { tags: string[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const tags: string[] = [];
  const seen = new Set<string>();
  input.forEach((raw, index) => {
    const tag = raw.trim();
    if (tag.length === 0) return;
    if (tag.length > LIMITS.tag) issues.push({ path: `${path}/${index}`, message: `at most ${LIMITS.tag} characters` });
    if (seen.has(tag.toLowerCase())) return;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  });
  if (tags.length > LIMITS.tags) issues.push({ path, message: `at most ${LIMITS.tags} tags (got ${tags.length})` });
  return { tags, issues };
}

/** A bounded free-text field; `required` refuses blank text. */
export function checkText(value: string, path: string, max: number, required = false): { text: string; issues: FieldIssue[] } {
  const text = value.trim();
  const issues: FieldIssue[] = [];
  if (required && text.length === 0) issues.push({ path, message: 'is required and must not be blank' });
  if (text.length > max) issues.push({ path, message: `at most ${max} characters (got ${text.length})` });
  return { text, issues };
}

export function throwIfAny(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}

export function sameColumns(a: readonly OutputColumn[], b: readonly OutputColumn[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
