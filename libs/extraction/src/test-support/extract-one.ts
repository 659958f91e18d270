// Test helper: extract columns from an HTML snippet and read back values and sources.

import { extract } from '../extract';
import type { ColumnSpec, ExtractInput, ExtractionResult } from '../types';

export const PAGE_URL = 'https://example.test/page';

export function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html lang="en-US"><head><title>Example</title>${head}</head><body>${body}</body></html>`;
}

export function run(html: string, columns: ColumnSpec[], extra: Partial<ExtractInput> = {}): ExtractionResult {
  return extract({ html, url: PAGE_URL, columns, ...extra });
}

/** Values by column name. */
export function values(html: string, columns: ColumnSpec[], extra: Partial<ExtractInput> = {}): Record<string, string | null> {
  const result = run(html, columns, extra);
  return Object.fromEntries(Object.entries(result.fields).map(([name, field]) => [name, field.value]));
}
