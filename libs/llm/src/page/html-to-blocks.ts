// Reads HTML once (streaming, no DOM) into what a model should see: visible text as blocks —
// headings as `## …`, list items as `- …`, table rows as `a | b | c` — plus the title and
// description, JSON-LD flattened to `path: value` lines, tel:/mailto: links, and the hosts of
// scripts and embeds (technology hints for enum columns such as "which POS system").
// Scripts, styles, navigation menus, cookie banners and hidden elements are dropped.
// Caps keep hostile pages (huge, deeply nested, endless JSON-LD) cheap.

import { Parser } from 'htmlparser2';

export type BlockKind = 'heading' | 'text' | 'item' | 'row';

export interface PageBlock {
  kind: BlockKind;
  text: string;
  /** 1–6 for headings. */
  level?: number;
}

export interface PageLink {
  text: string;
  href: string;
}

export interface PageDocument {
  title: string;
  /** Meta description, OpenGraph title/description/site name, generator — as `name: value` lines. */
  metaLines: string[];
  blocks: PageBlock[];
  /** JSON-LD leaves as `Type.path.key: value`. */
  structuredData: string[];
  /** Every tel:/mailto: link, menus and footers included. */
  contactLinks: PageLink[];
  /** Hosts of external scripts, iframes and stylesheets. */
  embedHosts: string[];
  /** The HTML or its text exceeded the caps; the tail was not read. */
  truncated: boolean;
}

export interface HtmlToBlocksOptions {
  pageUrl?: string;
  /** Show every link target (for URL columns), not only tel:/mailto:. */
  allLinkHrefs?: boolean;
}

export const HTML_LIMITS = {
  htmlChars: 2_000_000,
  textChars: 300_000,
  lineChars: 1_000,
  structuredLines: 200,
  structuredValueChars: 300,
  jsonLdChars: 200_000,
  contactLinks: 40,
  embedHosts: 40,
  hrefChars: 200,
};

const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'title', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed', 'select', 'head', 'nav', 'datalist', 'audio', 'video',
]);
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'ul', 'option', 'legend',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'center', 'menu', 'hgroup',
]);
// Inline elements that never split a word: keep their text apart from their neighbours' ("HomeAbout").
const SPACED_INLINE = new Set(['a', 'button', 'label', 'img', 'input', 'textarea']);
// Struck-through text (old prices) is marked ~~like this~~, as models know it from Markdown.
const STRUCK = new Set(['s', 'strike', 'del']);
const BOILERPLATE = /(^|[\s_-])(cookie|cookies|consent|gdpr|cc-banner|skip-link|skip-to-content)([\s_-]|$)/i;
const HIDDEN_STYLE = /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i;
const META_NAMES = new Map([
  ['description', 'Description'],
  ['og:title', 'OpenGraph title'],
  ['og:description', 'OpenGraph description'],
  ['og:site_name', 'Site name'],
  ['generator', 'Generator'],
]);
const JSON_LD_SKIP_KEYS = new Set(['@context', '@id', 'image', 'logo', 'thumbnailUrl', 'potentialAction', 'sameAs']);

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

function hostOf(src: string, base: string | undefined): string | null {
  try {
    const url = new URL(src, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

function absoluteHref(href: string, base: string | undefined): string | null {
  const trimmed = href.trim();
  if (!trimmed || trimmed.startsWith('#') || /^javascript:/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed, base);
    if (!['http:', 'https:', 'tel:', 'mailto:'].includes(url.protocol)) return null;
    const text = url.protocol === 'tel:' || url.protocol === 'mailto:' ? trimmed.replace(/\s+/g, '') : url.toString();
    return text.length > HTML_LIMITS.hrefChars ? null : text;
  } catch {
    return null;
  }
}

/** JSON-LD as `Type.key.sub: value` lines; scalars only, images and URLs of the vocabulary left out. */
export function flattenJsonLd(json: string, out: string[]): void {
  let data: unknown;
  try {
    data = JSON.parse(json.slice(0, HTML_LIMITS.jsonLdChars));
  } catch {
    return;
  }
  const walk = (value: unknown, path: string, depth: number): void => {
    if (out.length >= HTML_LIMITS.structuredLines || depth > 12) return;
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 50)) walk(item, path, depth + 1);
      return;
    }
    if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const type = typeof record['@type'] === 'string' ? record['@type'] : Array.isArray(record['@type']) ? String(record['@type'][0]) : '';
      const here = path ? (type ? `${path}(${type})` : path) : type || 'Thing';
      for (const [key, child] of Object.entries(record)) {
        if (key === '@type' || key === '@graph' || JSON_LD_SKIP_KEYS.has(key)) continue;
        walk(child, `${here}.${key}`, depth + 1);
      }
      if (Array.isArray(record['@graph'])) walk(record['@graph'], path, depth + 1);
      return;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const text = collapse(String(value)).slice(0, HTML_LIMITS.structuredValueChars);
      if (text && !/schema\.org\//i.test(text)) out.push(`${path.slice(0, 120)}: ${text}`);
    }
  };
  walk(data, '', 0);
}

interface Frame {
  name: string;
  skips: boolean;
  /** Opened inside a dropped element (or dropped itself): closing it changes nothing visible. */
  inSkip: boolean;
}

export function htmlToBlocks(html: string, options: HtmlToBlocksOptions = {}): PageDocument {
  const base = options.pageUrl;
  const doc: PageDocument = { title: '', metaLines: [], blocks: [], structuredData: [], contactLinks: [], embedHosts: [], truncated: html.length > HTML_LIMITS.htmlChars };
  const stack: Frame[] = [];
  let skipDepth = 0;
  let inline: string[] = [];
  let textChars = 0;
  let heading = 0;
  let itemPending = false;
  let row: string[] | null = null;
  let cell: string[] | null = null;
  let title: string[] | null = null;
  let jsonLd: string[] | null = null;
  let contactText: { link: PageLink; parts: string[] } | null = null;
  const links: { href: string | null; shown: boolean; textStart: number }[] = [];
  const contactSeen = new Set<string>();
  const hostsSeen = new Set<string>();
  const metaSeen = new Set<string>();

  const emit = (kind: BlockKind, text: string, level?: number): void => {
    if (textChars >= HTML_LIMITS.textChars) {
      doc.truncated = true;
      return;
    }
    textChars += text.length;
    doc.blocks.push(level === undefined ? { kind, text } : { kind, text, level });
  };

  const flush = (): void => {
    const text = collapse(inline.join(''));
    inline = [];
    if (!text) return;
    if (cell) {
      cell.push(text);
      return;
    }
    if (heading) {
      emit('heading', text, heading);
      return;
    }
    if (itemPending) {
      itemPending = false;
      emit('item', text);
      return;
    }
    emit('text', text);
  };

  const addHost = (src: string | undefined): void => {
    if (!src || hostsSeen.size >= HTML_LIMITS.embedHosts) return;
    const host = hostOf(src, base);
    const own = base ? hostOf(base, undefined) : null;
    if (host && host !== own && !hostsSeen.has(host)) {
      hostsSeen.add(host);
      doc.embedHosts.push(host);
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        // Facts outside the visible text are read wherever they are.
        if (name === 'meta') {
          const key = (attribs.name ?? attribs.property ?? '').toLowerCase();
          const label = META_NAMES.get(key);
          const content = collapse(attribs.content ?? '').slice(0, 500);
          if (label && content && !metaSeen.has(key)) {
            metaSeen.add(key);
            doc.metaLines.push(`${label}: ${content}`);
          }
        }
        if (name === 'script') addHost(attribs.src);
        if (name === 'iframe') addHost(attribs.src);
        if (name === 'link' && /stylesheet|preconnect|dns-prefetch/i.test(attribs.rel ?? '')) addHost(attribs.href);
        if (name === 'a' && attribs.href && /^\s*(tel|mailto):/i.test(attribs.href) && doc.contactLinks.length < HTML_LIMITS.contactLinks) {
          const href = absoluteHref(attribs.href, base);
          if (href && !contactSeen.has(href.toLowerCase())) {
            contactSeen.add(href.toLowerCase());
            const link = { text: '', href };
            doc.contactLinks.push(link);
            contactText = { link, parts: [] };
          }
        }

        if (name === 'title' && !doc.title && (skipDepth === 0 || stack[stack.length - 1]?.name === 'head')) title = [];
        if (name === 'script' && /ld\+json/i.test(attribs.type ?? '')) jsonLd = [];

        const hidden =
          attribs.hidden !== undefined ||
          attribs['aria-hidden'] === 'true' ||
          HIDDEN_STYLE.test(attribs.style ?? '') ||
          (name === 'input' && attribs.type === 'hidden') ||
          attribs.role === 'navigation' ||
          BOILERPLATE.test(`${attribs.class ?? ''} ${attribs.id ?? ''} ${attribs['aria-label'] ?? ''}`);
        const skips = SKIP_TAGS.has(name) || hidden;
        if (skips) skipDepth += 1;
        stack.push({ name, skips, inSkip: skipDepth > 0 });
        if (skipDepth > 0) return;

        if (BLOCK_TAGS.has(name)) flush();
        else if (SPACED_INLINE.has(name)) inline.push(' ');
        else if (STRUCK.has(name)) inline.push('~~');
        if (/^h[1-6]$/.test(name)) heading = Number(name[1]);
        else if (name === 'li') itemPending = true;
        else if (name === 'tr') row = [];
        else if ((name === 'td' || name === 'th') && row) cell = [];
        else if (name === 'a') {
          const href = attribs.href ? absoluteHref(attribs.href, base) : null;
          const contact = href !== null && /^(tel|mailto):/i.test(href);
          links.push({ href, shown: contact || (options.allLinkHrefs === true && href !== null), textStart: inline.length });
        } else if (name === 'img' && links.length > 0 && attribs.alt) {
          inline.push(` ${collapse(attribs.alt).slice(0, 100)} `);
        } else if (name === 'input' && (attribs.type === 'submit' || attribs.type === 'button') && attribs.value) {
          inline.push(` ${collapse(attribs.value).slice(0, 100)} `);
        }
      },
      ontext(text) {
        if (title) title.push(text);
        if (contactText) contactText.parts.push(text);
        if (jsonLd) jsonLd.push(text);
        if (skipDepth > 0) return;
        inline.push(text);
      },
      onclosetag(name) {
        // Pop to the matching frame (htmlparser2 closes implied tags itself, but be defensive).
        let index = stack.length - 1;
        while (index >= 0 && stack[index].name !== name) index -= 1;
        if (index < 0) return;
        const closed = stack[index];
        while (stack.length > index) {
          const frame = stack.pop() as Frame;
          if (frame.skips) skipDepth -= 1;
        }
        if (name === 'title' && title) {
          doc.title = collapse(title.join('')).slice(0, 300);
          title = null;
        }
        if (name === 'script' && jsonLd) {
          flattenJsonLd(jsonLd.join(''), doc.structuredData);
          jsonLd = null;
        }
        if (name === 'a' && contactText) {
          contactText.link.text = collapse(contactText.parts.join('')).slice(0, 100);
          contactText = null;
        }
        if (closed.inSkip) return;
        if (SPACED_INLINE.has(name)) inline.push(' ');
        if (STRUCK.has(name)) inline.push('~~');
        if (name === 'a') {
          const link = links.pop();
          if (link?.shown && link.href) {
            const text = collapse(inline.slice(link.textStart).join(''));
            if (!text || collapse(text.toLowerCase()) !== link.href.toLowerCase()) inline.push(` <${link.href}>`);
          }
          return;
        }
        if (!BLOCK_TAGS.has(name)) return;
        if ((name === 'td' || name === 'th') && row && cell) {
          flush();
          row.push(cell.join(' '));
          cell = null;
          return;
        }
        flush();
        if (/^h[1-6]$/.test(name)) heading = 0;
        if (name === 'li') itemPending = false;
        if (name === 'tr' && row) {
          const cells = row.filter((c) => c !== '');
          if (cells.length) emit('row', cells.join(' | '));
          row = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html.length > HTML_LIMITS.htmlChars ? html.slice(0, HTML_LIMITS.htmlChars) : html);
  parser.end();
  flush();
  doc.blocks = doc.blocks.flatMap(splitLong);
  return doc;
}

/** Lines longer than the cap are split at sentence or word boundaries so budgeting can pick parts. */
function splitLong(block: PageBlock): PageBlock[] {
  if (block.text.length <= HTML_LIMITS.lineChars) return [block];
  const parts: PageBlock[] = [];
  let rest = block.text;
  while (rest.length > HTML_LIMITS.lineChars) {
    const window = rest.slice(0, HTML_LIMITS.lineChars);
    let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf(' | '));
    if (cut < HTML_LIMITS.lineChars / 2) cut = window.lastIndexOf(' ');
    // No boundary: a hard cut (a URL or a token soup).
    const end = cut < HTML_LIMITS.lineChars / 4 ? HTML_LIMITS.lineChars : cut + 1;
    parts.push({ ...block, text: rest.slice(0, end).trim() });
    rest = rest.slice(end).trim();
  }
  if (rest) parts.push({ ...block, text: rest });
  return parts;
}
