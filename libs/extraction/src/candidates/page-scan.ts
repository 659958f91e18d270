// Per-page shared state for the line-based sources: typed value spans per line, structural
// labels per line, and the context builder that combines them. Built once per page.

import type { ParseOptions } from '@fieldwork/values';
import type { Line, PageModel } from '../dom/page-model';
import type { ContextItem } from '../match/label-score';
import { lineContext } from './line-context';
import { LineScanner, type ValueSpan } from './line-values';
import { analyzeStructure, type CellInfo } from './structure';

export class PageScan {
  readonly scanner: LineScanner;
  readonly cells: Map<number, CellInfo>;

  constructor(readonly page: PageModel, options: ParseOptions) {
    this.scanner = new LineScanner(options);
    this.cells = analyzeStructure(page);
  }

  spans(line: Line): ValueSpan[] {
    return this.scanner.spans(line);
  }

  /** Context of the text [start, end) of a line: structural labels first, then the line's own. */
  context(line: Line, start: number, end: number): ContextItem[] {
    const cell = this.cells.get(line.index);
    const items = lineContext(this.page, line, start, end, {
      spans: this.spans(line),
      spansOf: (other) => this.spans(other),
      skipPreviousLines: cell !== undefined,
    });
    return cell ? [...cell.labels, ...items] : items;
  }

  /** The most specific element for a text position (inline run element, else the block). */
  elementAt(line: Line, start: number, end: number): Line['block'] {
    for (const run of line.runs) if (run.el && run.start <= start && run.end >= end) return run.el;
    return line.block;
  }

  /** True when every real run overlapping [start, end) is struck through. */
  struckAt(line: Line, start: number, end: number): boolean {
    const runs = line.runs.filter((run) => !run.virtual && run.end > start && run.start < end);
    return runs.length > 0 && runs.every((run) => run.struck);
  }

  saleAt(line: Line, start: number, end: number): boolean {
    return line.runs.some((run) => !run.virtual && run.end > start && run.start < end && run.sale);
  }
}
