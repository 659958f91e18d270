// A candidate is one value-looking thing on the page with the words around it. Sources produce
// them once per page without knowing the columns' preferences; scoring decides per column.

import type { ColumnType, ParseOptions } from '@fieldwork/values';
import type { Element } from 'domhandler';
import type { PageModel } from '../dom/page-model';
import type { Zone } from '../dom/visibility';
import type { ColumnProfile } from '../match/column-profile';
import type { ContextItem } from '../match/label-score';
import type { PageScan } from './page-scan';
import type { EvidenceSource } from '../types';

export interface CandidateFlags {
  /** Shown struck through or marked as the old price. */
  struck?: boolean;
  /** Marked as the sale / current price. */
  sale?: boolean;
  /** A discount amount ("save $5", "$5 off"), not a price. */
  discount?: boolean;
  /** Structured data's lowPrice/"from" price. */
  fromPrice?: boolean;
  /** Structured data's highPrice. */
  highPrice?: boolean;
  /** Structured entity rank: +1 for the page's main kinds (Organization, Product …), -1 for WebPage/Breadcrumb. */
  entityRank?: number;
  /** Value assembled from several lines (a multi-line address). */
  joined?: boolean;
  /** Fingerprint strength in (0, 1]. */
  strength?: number;
  /** Another spelling of a fingerprinted technology, offered for enum matching only. */
  alias?: boolean;
  zone?: Zone;
  /** Names the whole site (logo, og:site_name) or this page's subject (h1, og:title). */
  nameScope?: 'site' | 'page';
  /** A name inside structured data that belongs to a sub-entity (an Offer, a ListItem). */
  nestedName?: boolean;
}

export interface Candidate {
  source: EvidenceSource;
  /** The value as written (or as assembled from structured data). */
  raw: string;
  /** What the source knows the value to be (a tel: link is a phone); undefined = free text. */
  kind?: ColumnType;
  context: ContextItem[];
  /** Element holding the value, for the evidence selector. */
  el?: Element | null;
  /** Path inside structured data. */
  path?: string;
  snippet: string;
  flags: CandidateFlags;
  /** Identity of the place on the page: one place supports a value once however many sources saw it. */
  location: string;
  /** Document order, for stable tie-breaking. */
  order: number;
}

export interface SourceContext {
  page: PageModel;
  scan: PageScan;
  profiles: readonly ColumnProfile[];
  /** Column types some column asks for. */
  wantedTypes: ReadonlySet<ColumnType>;
  parseOptions: ParseOptions;
}

export type CandidateSource = (context: SourceContext) => Candidate[];

/** Trims a snippet to at most `max` characters around [start, end). */
export function snippetAround(text: string, start: number, end: number, max = 160): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - (end - start));
  const from = Math.max(0, start - Math.floor(room * 0.6));
  const to = Math.min(text.length, from + max);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}
