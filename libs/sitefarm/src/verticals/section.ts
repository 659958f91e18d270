// A block of labelled values (the truth values plus their distractors) rendered in the site's
// primary markup kind. Verticals build sections; this file decides only the markup.
import { cardsBlock, dlBlock, jsInlineBlock, jsXhrBlock, listBlock, microdataRows, proseBlock, tableBlock, xhrPayload, type ClientLayout, type Item } from '../html/blocks';
import { esc } from '../html/escape';
import type { PrimaryMarkup } from '../types';

export type VisibleStyle = 'table' | 'dl' | 'list' | 'cards' | 'prose';

export interface Section {
  id: string;
  heading: string;
  intro?: string;
  items: Item[];
  kind: PrimaryMarkup;
  /** How json-ld sites show the same values to humans. */
  visible: VisibleStyle;
  /** Same-host JSON endpoint for js-xhr sections. */
  apiPath: string;
  clientLayout: ClientLayout;
  loadingText: string;
  jsDelayMs: number;
  transport: 'fetch' | 'xhr';
  offerProp?: string;
  headers?: [string, string];
  proseLead?: string;
  /** Microdata sites wrap the section in this itemscope (e.g. a GovernmentOffice). */
  scope?: { type: string; name: string };
}

function visibleBlock(section: Section, style: VisibleStyle): string {
  switch (style) {
    case 'table':
      return tableBlock(section.items, { headers: section.headers });
    case 'dl':
      return dlBlock(section.items);
    case 'list':
      return listBlock(section.items);
    case 'cards':
      return cardsBlock(section.items);
    case 'prose':
      return proseBlock(section.items, section.proseLead);
    default: {
      const never: never = style;
      throw new Error(`unknown style ${String(never)}`);
    }
  }
}

export function sectionBody(section: Section): string {
  switch (section.kind) {
    case 'json-ld':
      return visibleBlock(section, section.visible);
    case 'microdata': {
      const rows = microdataRows(section.items, section.offerProp);
      if (!section.scope) return rows;
      return `<div itemscope itemtype="https://schema.org/${esc(section.scope.type)}"><meta itemprop="name" content="${esc(section.scope.name)}">${rows}</div>`;
    }
    case 'table':
      return tableBlock(section.items, { headers: section.headers });
    case 'dl':
      return dlBlock(section.items);
    case 'prose':
      return proseBlock(section.items, section.proseLead);
    case 'js-inline':
      return jsInlineBlock(`fw-${section.id}`, section.items, section.clientLayout, section.loadingText, section.jsDelayMs);
    case 'js-xhr':
      return jsXhrBlock(`fw-${section.id}`, section.apiPath, section.clientLayout, section.loadingText, section.transport);
    default:
      throw new Error(`section markup ${section.kind} is not a field-block kind`);
  }
}

export function renderSection(section: Section, headingLevel = 2): string {
  const intro = section.intro ? `<p class="intro">${esc(section.intro)}</p>` : '';
  return `<section id="${esc(section.id)}"><h${headingLevel}>${esc(section.heading)}</h${headingLevel}>${intro}${sectionBody(section)}</section>`;
}

/** The JSON the js-xhr endpoint of a section answers with. */
export function sectionPayload(section: Section): string {
  return xhrPayload(section.items, { section: section.id });
}

/** Which of the farm's field-block kinds can carry fields with this primary markup. */
export const FIELD_BLOCK_KINDS: readonly PrimaryMarkup[] = ['json-ld', 'microdata', 'table', 'dl', 'prose', 'js-inline', 'js-xhr'];
