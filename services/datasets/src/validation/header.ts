// Turns the header record into unique, non-empty column names, reporting what it had to fix:
// "Name, name, " becomes "Name, name_2, column_3" with one issue per repaired header.
import type { IssueDraft } from './issues';

export interface HeaderColumns {
  names: string[];
  /** As written in the file (trimmed, BOM removed). */
  originals: string[];
  issues: IssueDraft[];
}

export function columnsFromHeader(cells: readonly string[]): HeaderColumns {
  const originals = cells.map((cell) => cell.replace(/^\uFEFF/, '').replace(/\s+/g, ' ').trim());
  const taken = new Set<string>();
  const names: string[] = [];
  const issues: IssueDraft[] = [];
  originals.forEach((original, index) => {
    let base = original;
    if (!base) {
      base = `column_${index + 1}`;
      issues.push({ row: null, column: base, code: 'empty_header', message: `column ${index + 1} has no header; it is called "${base}"`, source: 'content' });
    }
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base}_${n}`;
    if (name !== base) {
      issues.push({
        row: null,
        column: name,
        code: 'duplicate_header',
        message: `the header "${base}" appears more than once; column ${index + 1} is called "${name}"`,
        source: 'content',
      });
    }
    taken.add(name.toLowerCase());
    names.push(name);
  });
  return { names, originals, issues };
}
