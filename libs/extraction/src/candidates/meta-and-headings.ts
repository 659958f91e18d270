// Page-level evidence: OpenGraph / product / Twitter / description meta tags and the canonical
// link, and the page's own naming — <title> parts, <h1>, og:site_name — for name/title columns.

import type { ColumnType } from '@fieldwork/values';
import { type Element, isTag } from 'domhandler';
import { attr, textOf } from '../dom/dom-utils';
import type { ContextItem } from '../match/label-score';
import type { Candidate, SourceContext } from './candidate';

const META_KINDS: Record<string, ColumnType> = {
  'og:url': 'url', 'og:image': 'url', 'og:phone_number': 'phone', 'og:fax_number': 'phone', 'og:email': 'email',
  'business:contact_data:phone_number': 'phone', 'business:contact_data:email': 'email',
  'business:contact_data:website': 'url', 'twitter:image': 'url',
};
const IGNORED_META = /^(viewport|robots|googlebot|theme-color|referrer|format-detection|msapplication|apple-|google-site-verification|csrf|generator|charset|x-ua|fb:app_id|twitter:card|twitter:site|twitter:creator|og:type|og:locale|og:image:|keywords)/i;

function label(key: string): string {
  return key.replace(/^(og|twitter|product|business|article|place|fb):/i, '').replace(/[:_.]+/g, ' ');
}

export function metaCandidates(context: SourceContext): Candidate[] {
  const out: Candidate[] = [];
  const metas = new Map<string, { content: string; el: (typeof context.page.elements.meta)[number] }>();
  for (const meta of context.page.elements.meta.slice(0, 500)) {
    const key = (attr(meta, 'property') ?? attr(meta, 'name') ?? attr(meta, 'itemprop') ?? '').trim().toLowerCase();
    const content = attr(meta, 'content');
    if (!key || content === undefined || !content.trim() || metas.has(key)) continue;
    metas.set(key, { content: content.trim().slice(0, 2000), el: meta });
  }
  const push = (key: string, raw: string, items: ContextItem[], kind?: ColumnType): void => {
    const meta = metas.get(key);
    out.push({
      source: 'meta',
      raw,
      kind,
      context: items,
      el: meta?.el ?? null,
      snippet: `<meta ${key}="${raw.slice(0, 150)}">`,
      flags: {},
      location: `meta:${key}`,
      order: out.length,
    });
  };
  for (const [key, { content }] of metas) {
    if (IGNORED_META.test(key)) continue;
    if (/^(product|og):price:currency$/.test(key)) {
      push(key, content, [{ text: 'price currency', weight: 1 }]);
      continue;
    }
    if (/^(product|og):price:amount$/.test(key) || /^product:sale_price:amount$/.test(key)) {
      const currency = metas.get(key.replace('amount', 'currency'))?.content ?? '';
      push(key, `${content} ${currency}`.trim(), [{ text: key.includes('sale') ? 'sale price' : 'price', weight: 1 }], 'money');
      continue;
    }
    const twitterLabel = /^twitter:data(\d)$/.exec(key);
    if (twitterLabel) {
      const text = metas.get(`twitter:label${twitterLabel[1]}`)?.content;
      if (text) push(key, content, [{ text, weight: 1 }]);
      continue;
    }
    if (/^twitter:label\d$/.test(key)) continue;
    const items: ContextItem[] = [{ text: label(key), weight: 1 }];
    if (context.page.title) items.push({ text: context.page.title, weight: 0.25 });
    push(key, content, items, META_KINDS[key]);
    if (key === 'og:site_name' || key === 'application-name') out[out.length - 1].flags.nameScope = 'site';
    if (key === 'og:title' || key === 'twitter:title') out[out.length - 1].flags.nameScope = 'page';
  }
  for (const link of context.page.elements.linkTags) {
    const rel = (attr(link, 'rel') ?? '').toLowerCase();
    const href = attr(link, 'href');
    if (rel === 'canonical' && href) push('canonical', href, [{ text: 'canonical url', weight: 0.6 }], 'url');
  }
  return out;
}

const TITLE_SEPARATORS = /\s+[|–—·:»•~]\s+|\s+-\s+/;
const GENERIC_TITLE = /^(home|homepage|home page|welcome|official site|official website|index|main|contact|contact us|about|about us)$/i;

export function headingCandidates(context: SourceContext): Candidate[] {
  const { page } = context;
  const out: Candidate[] = [];
  const title = page.title.trim();
  if (title) {
    // "Product — Color | Store": split at the strongest separator present only.
    let parts = title.split(/\s+\|\s+/);
    if (parts.length === 1) parts = title.split(TITLE_SEPARATORS);
    parts = parts.map((p) => p.trim()).filter((p) => p && !GENERIC_TITLE.test(p));
    const variants = new Set([title, ...parts]);
    [...variants].forEach((raw, i) => {
      const isLastPart = parts.length > 1 && raw === parts[parts.length - 1];
      const isFirstPart = parts.length > 1 && raw === parts[0];
      out.push({
        source: 'heading',
        raw: raw.replace(/^welcome to\s+/i, ''),
        context: [{ text: isLastPart ? 'site name title' : 'page title', weight: 0.7 }],
        el: null,
        snippet: `<title>${title.slice(0, 150)}</title>`,
        flags: { nameScope: isLastPart ? 'site' : isFirstPart || parts.length <= 1 ? 'page' : undefined },
        location: `title:${i}`,
        order: i,
      });
    });
  }
  // The logo / brand text names the site; "Tamarack County, Montana" also offers "Tamarack County".
  page.elements.logos.forEach((logo, i) => {
    const image = findImage(logo);
    const text = textOf(logo, 150) || (image ? attr(image, 'alt') ?? '' : '');
    const cleaned = text.replace(/\s+logo$/i, '').trim();
    if (!cleaned || cleaned.length > 120) return;
    const variants = new Set([cleaned, cleaned.split(/,\s+|\s+[|–—·-]\s+/)[0]]);
    [...variants].forEach((raw, k) => {
      out.push({
        source: 'heading',
        raw,
        context: [{ text: 'site name', weight: 0.8 }],
        el: logo,
        snippet: `logo: ${cleaned}`,
        flags: { nameScope: 'site' },
        location: `logo:${i}:${k}`,
        order: i,
      });
    });
  });
  const h1 = page.lines.filter((line) => line.headingLevel === 1).slice(0, 3);
  h1.forEach((line) => {
    const raw = line.text.replace(/^welcome to\s+/i, '').replace(/\[[^\]]*\]\s*/g, '').trim();
    if (!raw || raw.length > 150) return;
    out.push({
      source: 'heading',
      raw,
      context: [{ text: 'heading title', weight: 0.75 }, ...(line.headings.length > 1 ? [{ text: line.headings[1].text, weight: 0.4 }] : [])],
      el: line.block,
      snippet: `<h1>${line.text.slice(0, 150)}</h1>`,
      flags: { zone: line.zone, nameScope: 'page' },
      location: `L${line.index}`,
      order: line.index,
    });
  });
  return out;
}

function findImage(el: Element): Element | undefined {
  if (el.name === 'img') return el;
  const stack = [...el.children];
  for (let i = 0; stack.length && i < 50; i++) {
    const node = stack.shift()!;
    if (!isTag(node)) continue;
    if (node.name === 'img') return node;
    stack.push(...node.children);
  }
  return undefined;
}
