// Links as evidence: `tel:` and `mailto:` links are phones and emails whatever their text says;
// ordinary links are candidates for URL columns ("Order online", "Menu (PDF)"), labelled by their
// text, aria-label and the words of their path.

import { type Element, isTag } from 'domhandler';
import { attr, textOf } from '../dom/dom-utils';
import type { Line, PageModel } from '../dom/page-model';
import type { ContextItem } from '../match/label-score';
import type { Candidate, SourceContext } from './candidate';
import { snippetAround } from './candidate';

/** The line an element sits on: its recorded span, else the first line of its nearest block. */
export function lineOf(page: PageModel, el: Element): { line: Line; start: number; end: number } | null {
  const span = page.spans.get(el);
  if (span) {
    const line = page.lines[span.line];
    if (line) {
      const end = span.endLine === span.line ? span.end : line.text.length;
      return { line, start: Math.min(span.start, line.text.length), end: Math.max(Math.min(end, line.text.length), span.start) };
    }
  }
  let current = el.parent;
  for (let i = 0; current && isTag(current) && i < 30; i++) {
    const range = page.blockLines.get(current);
    if (range && range[0] < range[1]) {
      const line = page.lines[range[0]];
      return line ? { line, start: 0, end: 0 } : null;
    }
    current = current.parent;
  }
  return null;
}

function labelsOf(anchor: Element): ContextItem[] {
  const items: ContextItem[] = [];
  const aria = attr(anchor, 'aria-label') ?? attr(anchor, 'title');
  if (aria) items.push({ text: aria, weight: 0.95 });
  for (const child of anchor.children) {
    if (isTag(child) && child.name === 'img' && child.attribs.alt) items.push({ text: child.attribs.alt, weight: 0.8 });
  }
  return items;
}

export function contactLinkCandidates(context: SourceContext): Candidate[] {
  const { page, scan, wantedTypes } = context;
  const out: Candidate[] = [];
  page.elements.anchors.forEach((anchor, i) => {
    const href = (attr(anchor, 'href') ?? '').trim();
    const isTel = /^(tel|callto):/i.test(href);
    const isMail = /^mailto:/i.test(href);
    if (!(isTel && wantedTypes.has('phone')) && !(isMail && wantedTypes.has('email'))) return;
    const where = lineOf(page, anchor);
    const text = textOf(anchor, 200);
    const items = labelsOf(anchor);
    // "Call the Sheriff" as link text labels the number; a number as link text does not.
    if (/\p{L}{2}/u.test(text.replace(/@\S+/g, ''))) items.push({ text, weight: 0.95 });
    if (where) items.push(...scan.context(where.line, where.start, where.end));
    out.push({
      source: isTel ? 'tel-link' : 'mailto-link',
      raw: href,
      kind: isTel ? 'phone' : 'email',
      context: items,
      el: anchor,
      snippet: where ? snippetAround(where.line.text, where.start, where.end) : `${text} <${href}>`.trim(),
      flags: { zone: where?.line.zone },
      location: where ? `L${where.line.index}` : `A${i}`,
      order: where?.line.index ?? i,
    });
  });
  return out;
}

function pathWords(href: string): string {
  const path = href.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  return path.replace(/\.(html?|php|aspx?)$/i, '').replace(/[/_.-]+/g, ' ').trim();
}

export function linkCandidates(context: SourceContext): Candidate[] {
  const { page, scan, wantedTypes } = context;
  if (!wantedTypes.has('url')) return [];
  const out: Candidate[] = [];
  page.elements.anchors.slice(0, 3000).forEach((anchor, i) => {
    const href = (attr(anchor, 'href') ?? '').trim();
    if (!href || href.startsWith('#') || /^(javascript|mailto|tel|callto|sms|data):/i.test(href)) return;
    const where = lineOf(page, anchor);
    const text = textOf(anchor, 200);
    const items: ContextItem[] = [];
    if (text) items.push({ text, weight: 1 });
    items.push(...labelsOf(anchor));
    const words = pathWords(href);
    if (words) items.push({ text: words, weight: 0.5 });
    if (where) items.push(...scan.context(where.line, where.start, where.end).map((item) => ({ ...item, weight: item.weight * 0.85 })));
    out.push({
      source: 'link',
      raw: href,
      kind: 'url',
      context: items,
      el: anchor,
      snippet: `${text || '(no text)'} → ${href}`.slice(0, 200),
      flags: { zone: where?.line.zone },
      location: `H${i}`,
      order: where?.line.index ?? i,
    });
  });
  page.elements.iframes.slice(0, 50).forEach((frame, i) => {
    const src = attr(frame, 'src') ?? attr(frame, 'data-src');
    if (!src || !/^(https?:)?\/\//i.test(src)) return;
    const items: ContextItem[] = [];
    const title = attr(frame, 'title') ?? attr(frame, 'aria-label');
    if (title) items.push({ text: title, weight: 0.95 });
    items.push({ text: pathWords(src), weight: 0.5 });
    out.push({
      source: 'link', raw: src, kind: 'url', context: items, el: frame, snippet: `iframe ${title ?? ''} → ${src}`.slice(0, 200),
      flags: {}, location: `I${i}`, order: i,
    });
  });
  return out;
}
