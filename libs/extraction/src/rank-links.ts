// Where to go next on a site when fields are missing: same-site links ranked by how well their
// text and URL path match what the columns, descriptions and instructions ask for, plus the
// pages such data usually lives on (phones → contact, prices → pricing/rates/menu …).

import { type Element, isTag } from 'domhandler';
import { parse as parseDomain } from 'tldts';
import { conceptsOf, parseUrl, urlKey, WEAK_WORDS } from '@fieldwork/values';
import { attr, textOf } from './dom/dom-utils';
import { buildPageModel, type PageModel } from './dom/page-model';
import { ROLES } from './match/column-profile';
import type { ColumnSpec } from './types';

export interface RankLinksInput {
  html: string;
  url: string;
  columns: readonly ColumnSpec[];
  instructionText?: string;
  /** Pages already seen, as URLs or `urlKey`s; they are left out. */
  visited?: Iterable<string>;
  /** Most links returned (default 50). */
  limit?: number;
}

export interface RankedLink {
  url: string;
  text: string;
  /** In [0, 1): 0 = nothing in common with what is missing. */
  score: number;
}

/** Words of the pages where each kind of column usually lives. */
const PAGE_HINTS: Record<string, string> = {
  phone: 'contact contact us locations location find us visit directory about',
  email: 'contact contact us about team staff directory',
  address: 'contact locations location find us visit directions about',
  city: 'contact locations location find us visit directions about',
  money: 'pricing prices price rates fees fee schedule membership memberships plans tickets admission menu shop buy',
  date: 'regulations rules notices documents news updates announcements policies',
  url: 'resources links documents',
  person: 'staff directory team leadership departments officials about people',
  pos: 'order order online online ordering pickup delivery',
  posWeak: 'menu',
  product: 'specifications specs details product details technical',
  availability: 'shop product products store buy',
  sheriff: 'sheriff departments directory public safety',
  coroner: 'coroner medical examiner departments directory',
  fee: 'fees fee schedule rates regulations forms',
};

const EXCLUDED_PATH = /\.(jpe?g|png|gif|svg|webp|ico|bmp|css|js|mjs|json|xml|rss|atom|pdf|zip|gz|rar|7z|docx?|xlsx?|pptx?|csv|mp[34]|m4a|wav|mov|avi|woff2?|ttf|eot|dmg|exe|apk)$/i;
const LOW_VALUE =
  /\b(log ?in|sign ?in|sign ?up|register|cart|basket|checkout|account|my account|privacy|terms|cookies?|accessibility|careers|jobs|sitemap|rss|feed|print|share|subscribe|newsletter|unsubscribe|password|language|english|espa[nñ]ol|fran[cç]ais|deutsch|facebook|twitter|instagram|linkedin|youtube|tiktok|pinterest)\b/i;

function sameSite(a: URL, b: URL): boolean {
  const hostA = a.hostname.replace(/^www\./, '');
  const hostB = b.hostname.replace(/^www\./, '');
  if (hostA === hostB) return true;
  // Subdomains share a site only under a real public suffix (not localhost, not an IP).
  const pa = parseDomain(hostA);
  const pb = parseDomain(hostB);
  return Boolean(pa.isIcann && pb.isIcann && pa.domain && pa.domain === pb.domain);
}

function targetWeights(columns: readonly ColumnSpec[], instructionText: string | undefined): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (text: string, weight: number): void => {
    for (const id of conceptsOf(text)) {
      if ((id.startsWith('w:') && id.length <= 4) || id === 'name' || WEAK_WORDS.has(id)) continue;
      weights.set(id, Math.max(weights.get(id) ?? 0, weight));
    }
  };
  for (const column of columns) {
    const concepts = conceptsOf(column.name);
    // The name of a venue or product is on every page: its words say little about where to go.
    const entityName = column.type === 'text' && concepts.has('name');
    add(column.name, entityName ? 0.3 : 1.5);
    if (column.description) add(column.description, 1);
    const hints: string[] = [];
    if (column.type === 'phone' || column.type === 'email' || column.type === 'money' || column.type === 'date' || column.type === 'url') hints.push(PAGE_HINTS[column.type]);
    for (const key of ['address', 'city', 'pos', 'availability', 'sheriff', 'coroner'] as const) if (concepts.has(key)) hints.push(PAGE_HINTS[key]);
    if (concepts.has('price') && column.type === 'money') hints.push(PAGE_HINTS.fee);
    if (column.type === 'text' && concepts.has('name') && [...concepts].some((id) => ROLES.has(id))) hints.push(PAGE_HINTS.person);
    for (const hint of hints) add(hint, 0.7);
    if (concepts.has('pos')) add(PAGE_HINTS.posWeak, 0.3);
    if (concepts.has('sku') || concepts.has('brand') || concepts.has('model_number') || concepts.has('barcode')) add(PAGE_HINTS.product, 0.7);
  }
  if (instructionText) add(instructionText, 0.6);
  return weights;
}

function linkText(anchor: Element): string {
  const parts = [textOf(anchor, 200), attr(anchor, 'aria-label') ?? '', attr(anchor, 'title') ?? ''];
  for (const child of anchor.children) if (isTag(child) && child.name === 'img') parts.push(attr(child, 'alt') ?? '');
  return parts.filter(Boolean).join(' ').trim();
}

function inNavigation(anchor: Element): boolean {
  for (let current = anchor.parent, i = 0; current && isTag(current) && i < 12; i++, current = current.parent) {
    if (current.name === 'nav' || current.name === 'header' || current.attribs.role === 'navigation') return true;
  }
  return false;
}

export function rankLinks(input: RankLinksInput): RankedLink[] {
  const page = buildPageModel(input.html ?? '', input.url);
  return rankPageLinks(page, input);
}

export function rankPageLinks(page: PageModel, input: Omit<RankLinksInput, 'html'>): RankedLink[] {
  let base: URL;
  try {
    base = new URL(input.url);
  } catch {
    return [];
  }
  const visited = new Set<string>();
  for (const seen of input.visited ?? []) visited.add(urlKey(seen) ?? seen);
  const here = urlKey(input.url);
  if (here) visited.add(here);
  const weights = targetWeights(input.columns, input.instructionText);
  const best = new Map<string, RankedLink>();

  for (const anchor of page.elements.anchors.slice(0, 5000)) {
    const href = (attr(anchor, 'href') ?? '').trim();
    if (!href || href.startsWith('#') || /^(mailto|tel|callto|sms|javascript|data|blob|ftp|file):/i.test(href)) continue;
    if ('download' in anchor.attribs) continue;
    const parsed = parseUrl(href, { baseUrl: input.url });
    if (!parsed.ok) continue;
    const target = new URL(parsed.canonical);
    if (!sameSite(base, target) || EXCLUDED_PATH.test(target.pathname)) continue;
    const key = urlKey(parsed.canonical);
    if (!key || visited.has(key)) continue;

    const text = linkText(anchor);
    const pathWords = decodeURIComponent(target.pathname).replace(/[/_.\-+]+/g, ' ');
    const textConcepts = conceptsOf(text);
    const pathConcepts = conceptsOf(pathWords);
    let raw = 0;
    for (const [id, weight] of weights) {
      if (textConcepts.has(id)) raw += weight;
      else if (pathConcepts.has(id)) raw += weight * 0.8;
    }
    if (raw > 0 && inNavigation(anchor)) raw += 0.1;
    if (LOW_VALUE.test(`${text} ${pathWords}`)) raw *= 0.2;
    // Deep, dated or paginated paths are rarely where a site keeps its contact or prices.
    if (/\/(19|20)\d\d\/|[?&]page=|\/page\/\d+/.test(target.pathname + target.search)) raw *= 0.5;
    const score = Math.round((1 - Math.exp(-raw / 2)) * 1000) / 1000;
    const existing = best.get(key);
    if (!existing || existing.score < score) best.set(key, { url: parsed.canonical, text: text.slice(0, 120), score });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.url.length - b.url.length).slice(0, input.limit ?? 50);
}
