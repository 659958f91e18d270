// Per-row checks of an upload: empty rows, ragged rows, spreadsheet-formula cells, and the URL
// cell (missing, invalid, unsupported scheme, blocked address). Duplicates need every row and
// are found in the database afterwards. Nothing is dropped: every problem becomes an issue.
import { checkTargetUrl, describeRange, type AllowedTargets } from '@fieldwork/url-safety';
import type { IssueDraft } from './issues';

export type UrlProblem = 'missing_url' | 'invalid_url' | 'unsupported_scheme' | 'blocked_address';

export interface UrlVerdict {
  url: string | null;
  host: string | null;
  domain: string | null;
  problem: UrlProblem | null;
  allowlisted: boolean;
  issue?: IssueDraft;
}

export interface PreparedRow {
  row: number;
  cells: string[];
  empty: boolean;
  ragged: boolean;
  formulaCells: number;
  url: string | null;
  host: string | null;
  domain: string | null;
  urlProblem: UrlProblem | null;
  allowlisted: boolean;
}

export interface RowContext {
  columns: readonly string[];
  urlIndex: number | null;
  allowed: AllowedTargets;
}

/** `=SUM(A1)`, `+cmd`, `-2+3`, `@SUM`, tab or CR first: a spreadsheet may run it. Plain numbers are data. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d[\d,]*(\.\d+)?|\.\d+)([eE][+-]?\d+)?%?$/;

export function looksLikeFormula(cell: string): boolean {
  return FORMULA_START.test(cell) && cell !== '-' && cell !== '+' && !PLAIN_NUMBER.test(cell);
}

export function checkUrlCell(value: string, row: number, column: string, allowed: AllowedTargets): UrlVerdict {
  const verdict = checkTargetUrl(value, allowed);
  if (verdict.ok) {
    const base = { url: verdict.url, host: verdict.host, domain: verdict.domain, problem: null, allowlisted: verdict.allowlisted !== undefined };
    if (!verdict.allowlisted) return base;
    return {
      ...base,
      issue: {
        row,
        column,
        code: 'allowlisted_address',
        message: `${verdict.host} is ${describeRange(verdict.allowlisted)}, allowed by FIELDWORK_ALLOWED_TARGETS`,
        source: 'url',
      },
    };
  }
  return {
    url: verdict.url ?? null,
    host: verdict.host ?? null,
    domain: null,
    problem: verdict.code,
    allowlisted: false,
    issue: { row, column, code: verdict.code, message: verdict.message, source: 'url' },
  };
}

export function prepareRow(row: number, cells: string[], context: RowContext, extraFields?: readonly string[]): { prepared: PreparedRow; issues: IssueDraft[] } {
  const issues: IssueDraft[] = [];
  const width = context.columns.length;
  const empty = cells.every((cell) => cell.trim() === '');
  let ragged = false;
  if (!empty && (cells.length !== width || extraFields?.length)) {
    ragged = true;
    const message = extraFields?.length
      ? `the row has fields the header does not: ${extraFields.slice(0, 5).join(', ')}${extraFields.length > 5 ? '…' : ''} (kept)`
      : cells.length > width
        ? `the row has ${cells.length} cells, the header ${width}: the extra ${cells.length - width} are kept but belong to no column`
        : `the row has ${cells.length} cells, the header ${width}: the missing ones are read as empty`;
    issues.push({ row, column: null, code: 'ragged_row', message, source: 'content' });
  }
  let formulaCells = 0;
  cells.forEach((cell, index) => {
    if (!looksLikeFormula(cell)) return;
    formulaCells += 1;
    issues.push({
      row,
      column: context.columns[index] ?? `extra cell ${index + 1}`,
      code: 'formula_cell',
      message: 'starts like a spreadsheet formula (=, +, -, @, tab or CR); kept as text, neutralised in exports',
      source: 'content',
    });
  });
  let url: UrlVerdict = { url: null, host: null, domain: null, problem: null, allowlisted: false };
  if (empty) {
    issues.push({ row, column: null, code: 'empty_row', message: 'the row is empty', source: 'content' });
  } else if (context.urlIndex !== null) {
    url = checkUrlCell(cells[context.urlIndex] ?? '', row, context.columns[context.urlIndex], context.allowed);
    if (url.issue) issues.push(url.issue);
  } else {
    url = { ...url, problem: 'missing_url' };
  }
  return {
    prepared: {
      row,
      cells,
      empty,
      ragged,
      formulaCells,
      url: url.url,
      host: url.host,
      domain: url.domain,
      urlProblem: empty ? null : url.problem,
      allowlisted: url.allowlisted,
    },
    issues,
  };
}
