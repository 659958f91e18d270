// The page as the model reads it: cleaned text within a character budget. When the page is too
// long, the parts most likely to hold the columns are kept — sections whose words match the
// column names, descriptions, allowed values and the instruction text, or that contain values of
// the columns' types (phones, prices, emails, dates) — and shown in page order with `[…]` where
// something was left out, each under the headings it sits under so "sheriff" and "coroner"
// phones keep their context.

import { type ColumnType, conceptsOf, textKey } from '@fieldwork/values';
import { type PageBlock, type PageDocument, htmlToBlocks } from './html-to-blocks';

export interface PagePrepColumn {
  name: string;
  type: ColumnType;
  description?: string;
  enumValues?: readonly string[];
}

export interface PreparePageTextInput {
  /** Raw HTML (preferred: structure, JSON-LD and links are used) … */
  html?: string;
  /** … or text already extracted by the caller (lines starting with `#` are headings). */
  pageText?: string;
  pageUrl: string;
  columns: readonly PagePrepColumn[];
  instructionText?: string;
  /** Character budget of the result. Default {@link DEFAULT_PAGE_BUDGET_CHARS}. */
  maxChars?: number;
}

export interface PreparedPageText {
  text: string;
  /** Characters of cleaned text before budgeting. */
  totalChars: number;
  /** Something was left out (budget or input caps). */
  truncated: boolean;
  /** Body sections left out by the budget. */
  omittedSections: number;
}

/** About 6,000 tokens: room for the page and the reply in an 8K-context local model. */
export const DEFAULT_PAGE_BUDGET_CHARS = 24_000;
const MIN_BUDGET = 500;
// Small enough that a relevant passage does not drag much irrelevant text along.
const CHUNK_CHARS = 700;
const OMITTED = '[…]';

interface Chunk {
  index: number;
  /** Headings in force from outer sections, rendered (`## Contact`), outermost first; excludes the chunk's own heading. */
  context: string[];
  lines: string[];
  chars: number;
  score: number;
}

function renderBlock(block: PageBlock): string {
  if (block.kind === 'heading') return `${'#'.repeat(Math.min(6, block.level ?? 2))} ${block.text}`;
  if (block.kind === 'item') return `- ${block.text}`;
  return block.text;
}

function blocksFromText(text: string): PageBlock[] {
  const blocks: PageBlock[] = [];
  for (const raw of text.slice(0, 300_000).split(/\r?\n/)) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    blocks.push(heading ? { kind: 'heading', level: heading[1].length, text: heading[2] } : { kind: 'text', text: line });
  }
  return blocks;
}

function chunksOf(blocks: readonly PageBlock[]): Chunk[] {
  const chunks: Chunk[] = [];
  const headings: { level: number; line: string }[] = [];
  let current: Chunk | null = null;
  const start = (ownHeading: boolean): Chunk => {
    const context = (ownHeading ? headings.slice(0, -1) : headings).slice(-3).map((h) => h.line);
    const chunk: Chunk = { index: chunks.length, context, lines: [], chars: 0, score: 0 };
    chunks.push(chunk);
    return chunk;
  };
  for (const block of blocks) {
    const line = renderBlock(block);
    if (block.kind === 'heading') {
      const level = block.level ?? 2;
      while (headings.length && headings[headings.length - 1].level >= level) headings.pop();
      headings.push({ level, line });
      current = start(true);
    } else if (!current || current.chars + line.length > CHUNK_CHARS) {
      current = start(false);
    }
    current.lines.push(line);
    current.chars += line.length + 1;
  }
  return chunks;
}

const TYPE_PATTERNS: Partial<Record<ColumnType, RegExp>> = {
  phone: /tel:|\+?\d[\d\s().-]{7,}\d/i,
  email: /mailto:|[\w.+-]+@[\w-]+\.[\w.-]+/i,
  money: /[$€£¥₹]\s?\d|\d\s?(usd|eur|gbp|€|kr)\b|\bfree\b/i,
  date: /\b(19|20)\d{2}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b/i,
  url: /https?:\/\/|<https?:/i,
  number: /\d/,
};

/** Scores text by how much it is about the columns. */
export class RelevanceScorer {
  private readonly weights = new Map<string, number>();
  private readonly enumKeys: string[] = [];
  private readonly patterns: RegExp[] = [];

  constructor(columns: readonly PagePrepColumn[], instructionText = '') {
    const add = (text: string | undefined, weight: number): void => {
      if (!text) return;
      for (const concept of conceptsOf(text.slice(0, 4000))) this.weights.set(concept, Math.max(this.weights.get(concept) ?? 0, weight));
    };
    add(instructionText, 1);
    for (const column of columns) {
      add(column.description, 1.5);
      add(column.name, 3);
      for (const value of column.enumValues ?? []) {
        const key = textKey(value);
        if (key.length >= 3) this.enumKeys.push(key);
      }
      const pattern = TYPE_PATTERNS[column.type];
      if (pattern && !this.patterns.includes(pattern)) this.patterns.push(pattern);
    }
  }

  score(text: string): number {
    let score = 0;
    for (const concept of conceptsOf(text)) score += this.weights.get(concept) ?? 0;
    if (this.enumKeys.length) {
      const key = ` ${textKey(text)} `;
      for (const value of this.enumKeys) if (key.includes(` ${value} `)) score += 3;
    }
    for (const pattern of this.patterns) if (pattern.test(text)) score += 1.5;
    return score;
  }
}

function selectLines(lines: readonly string[], scorer: RelevanceScorer, budget: number): string[] {
  const total = lines.reduce((sum, l) => sum + l.length + 1, 0);
  if (total <= budget) return [...lines];
  const ranked = lines.map((line, index) => ({ line, index, score: scorer.score(line) })).sort((a, b) => b.score - a.score || a.index - b.index);
  const kept = new Set<number>();
  let used = 0;
  for (const item of ranked) {
    if (used + item.line.length + 1 > budget) continue;
    kept.add(item.index);
    used += item.line.length + 1;
  }
  return lines.filter((_, index) => kept.has(index));
}

function bodyWithinBudget(chunks: Chunk[], budget: number): { lines: string[]; omitted: number } {
  const ranked = [...chunks].sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen = new Map<number, string[]>();
  let used = 0;
  for (const chunk of ranked) {
    const contextChars = chunk.context.reduce((sum, l) => sum + l.length + 1, 0) + OMITTED.length + 1;
    const room = budget - used - contextChars;
    if (room <= 0) continue;
    if (chunk.chars <= room) {
      chosen.set(chunk.index, chunk.lines);
      used += chunk.chars + contextChars;
    } else if (room >= 200 && chunk.score > 0) {
      // A relevant section larger than what is left: its first lines (heading included).
      const lines: string[] = [];
      let size = 0;
      for (const line of chunk.lines) {
        if (size + line.length + 1 > room) break;
        lines.push(line);
        size += line.length + 1;
      }
      if (lines.length) {
        chosen.set(chunk.index, lines);
        used += size + contextChars;
      }
    }
  }
  const out: string[] = [];
  let previous = -1;
  for (const chunk of chunks) {
    const lines = chosen.get(chunk.index);
    if (!lines) continue;
    if (chunk.index !== previous + 1) {
      if (out[out.length - 1] !== OMITTED) out.push(OMITTED);
      out.push(...chunk.context);
    }
    out.push(...lines);
    if (lines.length < chunk.lines.length) out.push(OMITTED);
    previous = chunk.index;
  }
  if (previous !== chunks.length - 1 && chunks.length && out[out.length - 1] !== OMITTED) out.push(OMITTED);
  return { lines: out, omitted: chunks.length - chosen.size };
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length ? ['', title, ...lines] : [];
}

/** Cleans the page and fits it into the budget, keeping what matters for these columns. */
export function preparePageText(input: PreparePageTextInput): PreparedPageText {
  const budget = Math.max(MIN_BUDGET, Math.floor(input.maxChars ?? DEFAULT_PAGE_BUDGET_CHARS));
  const wantsLinks = input.columns.some((c) => c.type === 'url');
  const wantsEmbeds = input.columns.some((c) => c.type === 'enum');
  const doc: PageDocument = input.html !== undefined
    ? htmlToBlocks(input.html, { pageUrl: input.pageUrl, allLinkHrefs: wantsLinks })
    : { title: '', metaLines: [], blocks: blocksFromText(input.pageText ?? ''), structuredData: [], contactLinks: [], embedHosts: [], truncated: (input.pageText ?? '').length > 300_000 };
  const scorer = new RelevanceScorer(input.columns, input.instructionText);

  const header = [...(doc.title ? [`Title: ${doc.title}`] : []), ...doc.metaLines];
  const bodyLines = doc.blocks.map(renderBlock);
  const bodyText = bodyLines.join('\n').toLowerCase();
  const links = doc.contactLinks
    .filter((link) => !bodyText.includes(link.href.toLowerCase()))
    .map((link) => (link.text ? `${link.text} <${link.href}>` : `<${link.href}>`));
  const embeds = wantsEmbeds && doc.embedHosts.length ? [doc.embedHosts.join(', ')] : [];

  const assemble = (head: string[], body: string[], data: string[], contact: string[], hosts: string[]): string =>
    [
      ...head,
      ...(head.length ? [''] : []),
      ...body,
      ...section('Structured data on the page (JSON-LD):', data),
      ...section('Phone and email links on the page:', contact),
      ...section('Scripts and embedded content come from:', hosts),
    ]
      .join('\n')
      .trim();

  const full = assemble(header, bodyLines, doc.structuredData, links, embeds);
  if (full.length <= budget) {
    return { text: full, totalChars: full.length, truncated: doc.truncated, omittedSections: 0 };
  }

  // Too long: fixed shares for the small parts, the rest for the most relevant body sections.
  const headKept = selectLines(header, scorer, Math.min(800, Math.floor(budget * 0.1)));
  const linksKept = selectLines(links, scorer, Math.min(800, Math.floor(budget * 0.1)));
  const embedsKept = embeds.length && embeds[0].length > 600 ? [`${embeds[0].slice(0, 600)}…`] : embeds;
  const dataKept = selectLines(doc.structuredData, scorer, Math.floor(budget * 0.25));
  const fixed = assemble(headKept, [], dataKept, linksKept, embedsKept).length + 8;
  const chunks = chunksOf(doc.blocks);
  // A section's own text counts fully, the headings above it half: under "Sheriff's Office", the
  // passage naming the phone beats the passages after it.
  for (const chunk of chunks) chunk.score = scorer.score(chunk.lines.join('\n')) + 0.5 * scorer.score(chunk.context.join('\n'));
  const body = bodyWithinBudget(chunks, Math.max(0, budget - fixed));
  let text = assemble(headKept, body.lines, dataKept, linksKept, embedsKept);
  if (text.length > budget) text = `${text.slice(0, budget - OMITTED.length - 1).trimEnd()}\n${OMITTED}`;
  return { text, totalChars: full.length, truncated: true, omittedSections: body.omitted };
}
