// Labels given by page structure rather than by text: a table cell's row label and column
// header (so "$10" under "Child" in the "Drop-in" row is the child drop-in price) and a <dd>'s
// <dt>. Every line inside such a cell inherits these labels, whichever source reads it.

import { type Element, isTag } from 'domhandler';
import { textOf } from '../dom/dom-utils';
import type { Line, PageModel } from '../dom/page-model';
import type { ContextItem } from '../match/label-score';

export interface CellInfo {
  /** Labels for lines inside the cell, nearest first. */
  labels: ContextItem[];
  /** The cell element and its line range. */
  cell: Element;
  lines: [number, number];
  source: 'table' | 'definition-list';
  /** The row label / term text, for snippets. */
  label: string;
}

const MAX_TABLES = 300;
const MAX_ROWS = 400;

function childElements(el: Element, names: ReadonlySet<string>): Element[] {
  return el.children.filter((child): child is Element => isTag(child) && names.has(child.name));
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (!isTag(child)) continue;
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') rows.push(...childElements(child, new Set(['tr'])));
    if (rows.length >= MAX_ROWS) break;
  }
  return rows;
}

const CELL = new Set(['td', 'th']);

function looksLikeLabel(text: string): boolean {
  if (!text || text.length > 80) return false;
  const digits = text.match(/\d/g)?.length ?? 0;
  return /\p{L}{2}/u.test(text) && digits <= text.length * 0.3 && !/[$€£¥₹]\s?\d/.test(text);
}

export function analyzeStructure(page: PageModel): Map<number, CellInfo> {
  const byLine = new Map<number, CellInfo>();
  const assign = (cell: Element, info: Omit<CellInfo, 'cell' | 'lines'>): void => {
    const range = page.blockLines.get(cell);
    if (!range || range[0] === range[1]) return;
    const full: CellInfo = { ...info, cell, lines: range };
    for (let i = range[0]; i < range[1]; i++) if (!byLine.has(i)) byLine.set(i, full);
  };

  for (const table of page.elements.tables.slice(0, MAX_TABLES)) {
    const rows = rowsOf(table);
    if (rows.length === 0) continue;
    const captionEl = table.children.find((c): c is Element => isTag(c) && c.name === 'caption');
    const caption = captionEl ? textOf(captionEl, 200) : '';
    const grid = rows.map((row) => childElements(row, CELL));
    const first = grid[0];
    const headerRow =
      first.length > 1 &&
      (first.every((c) => c.name === 'th') || (rows[0].parent && isTag(rows[0].parent) && rows[0].parent.name === 'thead'));
    const headers = headerRow ? first.map((c) => textOf(c, 120)) : [];
    grid.forEach((cells, r) => {
      if (headerRow && r === 0) return;
      const firstText = cells.length ? textOf(cells[0], 120) : '';
      const rowLabel = cells.length > 1 && (cells[0].name === 'th' || looksLikeLabel(firstText)) ? firstText : '';
      let column = 0;
      cells.forEach((cell, c) => {
        const span = Number(cell.attribs.colspan) || 1;
        const header = headers[column] ?? '';
        column += span;
        if (rowLabel && c === 0) return;
        const labels: ContextItem[] = [];
        if (rowLabel) labels.push({ text: rowLabel, weight: 1 });
        if (header) labels.push({ text: header, weight: rowLabel ? 0.9 : 1 });
        if (caption) labels.push({ text: caption, weight: 0.7 });
        if (labels.length) assign(cell, { labels, source: 'table', label: [rowLabel, header].filter(Boolean).join(' / ') });
      });
    });
  }

  for (const list of page.elements.definitionLists.slice(0, MAX_TABLES)) {
    let terms: string[] = [];
    let lastWasTerm = false;
    const visit = (el: Element): void => {
      for (const child of el.children) {
        if (!isTag(child)) continue;
        if (child.name === 'div') {
          visit(child);
        } else if (child.name === 'dt') {
          const text = textOf(child, 120);
          terms = lastWasTerm ? [...terms, text] : [text];
          lastWasTerm = true;
        } else if (child.name === 'dd') {
          lastWasTerm = false;
          const labels = terms.map((text, i) => ({ text, weight: i === terms.length - 1 ? 1 : 0.8 }));
          if (labels.length) assign(child, { labels, source: 'definition-list', label: terms.join(' / ') });
        }
      }
    };
    visit(list);
  }
  return byLine;
}

/** Text of a line range without struck-through runs ("<s>$30</s> $25" reads "$25"). */
export function currentText(lines: readonly Line[], from: number, to: number): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (!line) break;
    parts.push(textWithoutStruck(line, 0, line.text.length));
  }
  return parts.filter(Boolean).join(' ').trim();
}

export function textWithoutStruck(line: Line, start: number, end: number): string {
  if (!line.runs.some((run) => run.struck && run.end > start && run.start < end)) return line.text.slice(start, end).trim();
  let text = '';
  let cursor = start;
  for (const run of line.runs) {
    if (run.end <= start || run.start >= end) continue;
    if (run.struck) {
      text += line.text.slice(cursor, Math.max(cursor, run.start));
      cursor = Math.min(end, run.end);
    }
  }
  text += line.text.slice(cursor, end);
  return text.replace(/\s+/g, ' ').trim();
}
