// Walks one site's same-host links without a network (renderPage only): used by the farm's
// determinism and truth tests, and handy for checking what a site exposes.
import { renderPage } from './render-page';
import type { PageResponse, Site } from './types';

const LINK = /\b(?:href|src)="(\/[^"#]*)"/g;

export function crawlSite(site: Site, maxPages = 40): Map<string, PageResponse> {
  const pages = new Map<string, PageResponse>();
  const queue = [site.entryPath, '/'];
  while (queue.length > 0 && pages.size < maxPages) {
    const path = queue.shift() as string;
    if (pages.has(path)) continue;
    const page = renderPage(site, path);
    pages.set(path, page);
    if (typeof page.body !== 'string' || page.delivery.kind === 'pad') continue;
    for (const match of page.body.matchAll(LINK)) {
      const next = (match[1] as string).replace(/&amp;/g, '&');
      if (!pages.has(next) && !queue.includes(next)) queue.push(next);
    }
  }
  return pages;
}
