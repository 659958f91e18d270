// JSON-LD blocks: parsed defensively (comment wrappers, trailing commas and raw newlines are
// forgiven; anything else malformed is skipped, never thrown), @graph flattened.

import { rawTextOf } from '../dom/dom-utils';
import type { Candidate, SourceContext } from './candidate';
import { structuredCandidates } from './structured-data';

const MAX_SCRIPT_CHARS = 1_000_000;

export function parseJsonLd(text: string): unknown[] {
  const cleaned = text
    .trim()
    .replace(/^<!--|-->$/g, '')
    .replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, '')
    .trim();
  if (!cleaned) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(cleaned);
  } catch {
    try {
      parsed = JSON.parse(cleaned.replace(/,\s*([}\]])/g, '$1').replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return [];
    }
  }
  const roots: unknown[] = [];
  const add = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.slice(0, 200).forEach(add);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (Array.isArray(record['@graph'])) {
      const { '@graph': graph, '@context': _context, ...rest } = record;
      if (Object.keys(rest).length > 0) roots.push(rest);
      (graph as unknown[]).slice(0, 200).forEach(add);
      return;
    }
    roots.push(record);
  };
  add(parsed);
  return roots;
}

export function jsonLdCandidates(context: SourceContext): Candidate[] {
  const out: Candidate[] = [];
  context.page.elements.jsonLd.slice(0, 50).forEach((script, index) => {
    const roots = parseJsonLd(rawTextOf(script, MAX_SCRIPT_CHARS));
    out.push(...structuredCandidates(roots, { source: 'json-ld', locationPrefix: `J${index}`, rootElement: script }));
  });
  return out;
}
