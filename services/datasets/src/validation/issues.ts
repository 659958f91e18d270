// The validation report's vocabulary: every problem found in an upload is one issue (row,
// column, code, severity, message). Errors exclude the row from runs; warnings keep it.
export const ISSUE_CODES = {
  // Row excluded from runs.
  empty_row: 'error',
  missing_url: 'error',
  invalid_url: 'error',
  unsupported_scheme: 'error',
  blocked_address: 'error',
  duplicate_url: 'error',
  duplicate_row: 'error',
  // Row kept.
  ragged_row: 'warning',
  formula_cell: 'warning',
  allowlisted_address: 'info',
  // About the whole file (no row).
  no_url_column: 'error',
  duplicate_header: 'warning',
  empty_header: 'warning',
  blank_lines_skipped: 'info',
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;
export type IssueSeverity = (typeof ISSUE_CODES)[IssueCode];

/** `url` issues depend on the chosen URL column and are recomputed when it changes. */
export type IssueSource = 'content' | 'url';

export interface IssueDraft {
  /** Data row (1 = first row under the header); null for the file as a whole. */
  row: number | null;
  column: string | null;
  code: IssueCode;
  message: string;
  source: IssueSource;
}

export function severityOf(code: IssueCode): IssueSeverity {
  return ISSUE_CODES[code];
}
