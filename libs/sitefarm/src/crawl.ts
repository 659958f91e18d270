// Walks one site's same-host links without a network (renderPage only): used by the farm's
// determinism and truth tests, and handy for checking what a site exposes. Besides href/src links
// it follows what the pages' scripts request: the JSON endpoints js-xhr blocks fetch (fetch() or
// XMLHttpRequest) and the first pages of an endless-scroll feed.
import { renderPage } from './render-page';
import type { PageResponse, Site } from './types';

const LINK = /\b(?:href|src)="(\/[^"#]*)"/g;
/** js-xhr blocks: `fetch("/api/…",…)` and `x.open('GET',"/api/…")` (see html/blocks.ts). */
const SCRIPT_REQUEST = /(?:\bfetch\(|\.open\('GET',)"(\/[^"]*)"/g;
/** The endless-scroll feed: `fetch('/api/feed?page='+page)` (see hostile/hostile-pages.ts). */
const PAGED_FEED = /\bfetch\('(\/[^'?]*)\?page='\+/g;

export interface CrawlOptions {
  /** Feed pages requested for an endless-scroll script (it would go on forever). Default 3. */
  feedPages?: number;
}

/** Same-host paths a page links to or that its scripts request, in document order. */
export function pageTargets(body: string, options: CrawlOptions = {}): string[] {
  const out: string[] = [];
  for (const match of body.matchAll(LINK)) out.push((match[1] as string).replace(/&amp;/g, '&'));
  for (const match of body.matchAll(SCRIPT_REQUEST)) out.push(match[1] as string);
  for (const match of body.matchAll(PAGED_FEED)) {
    for (let n = 1; n <= (options.feedPages ?? 3); n++) out.push(`${match[1] as string}?page=${n}`);
  }
  return out;
}

export function crawlSite(site: Site, maxPages = 40, options: CrawlOptions = {}): Map<string, PageResponse> {
  const pages = new Map<string, PageResponse>();
  const queue = [site.entryPath, '/'];
  while (queue.length > 0 && pages.size < maxPages) {
    const path = queue.shift() as string;
    if (pages.has(path)) continue;
    const page = renderPage(site, path);
    pages.set(path, page);
    if (typeof page.body !== 'string' || page.delivery.kind === 'pad') continue;
    if (!(page.headers['content-type'] ?? '').startsWith('text/html')) continue;
    for (const next of pageTargets(page.body, options)) {
      if (!pages.has(next) && !queue.includes(next)) queue.push(next);
    }
  }
  return pages;
}
