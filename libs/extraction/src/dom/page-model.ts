// Parses a page once and walks it once into what every candidate source needs: visible text
// as lines (one per block / <br>), each with its inline runs (struck? sale? label?), the
// headings in force, the page zone; plus the elements sources look at (JSON-LD, meta, links,
// tables, forms, microdata …). Caps keep hostile pages (huge, deeply nested) cheap.

import { type AnyNode, type Document, type Element, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { conceptsOf } from '@fieldwork/values';
import { textOf } from './dom-utils';
import { iconWord, isHeadingish, isHidden, isLabelFormatted, isSaleMarked, isStruck, type Zone, zoneOf } from './visibility';

export const LIMITS = {
  /** Bytes of HTML parsed; the rest is ignored (and reported as truncated). */
  htmlChars: 3_000_000,
  /** Characters of visible text turned into lines. */
  textChars: 400_000,
  lines: 30_000,
  lineChars: 3_000,
  /** Elements nested deeper than this are not read. */
  depth: 300,
  /** The HTML is cut where nesting gets deeper than this (parser cost guard). */
  parseDepth: 1500,
};

export interface Run {
  start: number;
  end: number;
  /** Innermost element around the text (null for text directly in a block). */
  el: Element | null;
  struck: boolean;
  sale: boolean;
  label: boolean;
  /** Text made up from an icon or an empty element's aria-label, not written on the page. */
  virtual: boolean;
  /** Enclosing link, if any. */
  link: Element | null;
  /** aria-label / title of the nearest inline ancestor that has one. */
  attrLabel: string | null;
}

export interface HeadingRef {
  text: string;
  /** 1–6 for h1–h6, 7 for bold or title-styled lines acting as headings. */
  level: number;
  line: number;
}

export interface Line {
  index: number;
  text: string;
  runs: Run[];
  block: Element | null;
  /** Headings in force, innermost first. */
  headings: readonly HeadingRef[];
  zone: Zone;
  /** Level when the line is itself a heading. */
  headingLevel?: number;
  /** Every run is label-formatted (bold, <label>, …). */
  allLabel: boolean;
}

export interface ElementSpan {
  line: number;
  start: number;
  endLine: number;
  end: number;
}

export interface PageElements {
  jsonLd: Element[];
  meta: Element[];
  linkTags: Element[];
  scripts: Element[];
  iframes: Element[];
  anchors: Element[];
  images: Element[];
  forms: Element[];
  inputs: Element[];
  labels: Element[];
  tables: Element[];
  definitionLists: Element[];
  addresses: Element[];
  itemscopes: Element[];
  rdfaTyped: Element[];
  timeElements: Element[];
  /** Site logo / brand elements (their text or image alt names the site). */
  logos: Element[];
}

export interface PageModel {
  url: string;
  /** Region from `<html lang="en-AU">` or og:locale, when the page declares one. */
  langRegion?: string;
  document: Document;
  title: string;
  lines: Line[];
  elements: PageElements;
  /** Line range [start, end) covered by each block element. */
  blockLines: Map<Element, [number, number]>;
  /** Where inline elements of interest (links, labels, spans with aria-label) sit in the lines. */
  spans: Map<Element, ElementSpan>;
  textChars: number;
  truncated: boolean;
  /** Concepts of a piece of text, memoised per page (labels and headings repeat a lot). */
  concepts(text: string): ReadonlySet<string>;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'td',
  'th', 'tr', 'ul', 'legend', 'menu', 'output', 'frameset', 'noframes', 'search',
]);
const SKIP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'select', 'textarea', 'math', 'video', 'audio', 'picture', 'map']);
const LOGO = /(^|[\s_-])(logo|brand|site-title|site-name|sitename|navbar-brand|site-logo|wordmark)([\s_-]|$)/i;
const SPAN_TAGS = new Set(['a', 'label', 'span', 'strong', 'b', 'em', 'i', 'time', 'data', 'button', 'abbr', 'small', 'bdi', 'font', 'u', 'mark', 'cite', 'code']);

interface InlineState {
  struck: boolean;
  sale: boolean;
  label: boolean;
  link: Element | null;
  attrLabel: string | null;
  zone: Zone;
  hidden: boolean;
  inHead: boolean;
}

const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;

/**
 * Cuts the HTML where elements nest deeper than the parser can handle cheaply: htmlparser2 does
 * work proportional to the open-element stack on every closing tag, so 20 000 nested <div>s cost
 * seconds. Only tag-heavy documents are scanned.
 */
function capNesting(html: string): { html: string; capped: boolean } {
  let tags = 0;
  for (let at = html.indexOf('<'); at !== -1 && tags <= 8000; at = html.indexOf('<', at + 1)) tags += 1;
  if (tags <= 8000) return { html, capped: false };
  let depth = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2].toLowerCase();
    if (m[3] || VOID_TAGS.has(name)) continue;
    depth += m[1] ? -1 : 1;
    if (depth < 0) depth = 0;
    if (depth > LIMITS.parseDepth) return { html: html.slice(0, m.index), capped: true };
  }
  return { html, capped: false };
}

// Labels and headings repeat across pages of a site and across sites of a platform; the concepts
// of a text never change, so one bounded cache serves every page.
const conceptCache = new Map<string, ReadonlySet<string>>();

function cachedConcepts(text: string): ReadonlySet<string> {
  let found = conceptCache.get(text);
  if (!found) {
    found = conceptsOf(text);
    if (conceptCache.size >= 50_000) conceptCache.clear();
    conceptCache.set(text, found);
  }
  return found;
}

export function buildPageModel(html: string, url: string): PageModel {
  const sized = html.length > LIMITS.htmlChars;
  const nested = capNesting(sized ? html.slice(0, LIMITS.htmlChars) : html);
  const truncated = sized || nested.capped;
  const document = parseDocument(nested.html, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
  const walker = new Walker();
  walker.walk(document);

  return {
    url,
    langRegion: walker.langRegion,
    document,
    title: walker.title,
    lines: walker.lines,
    elements: walker.elements,
    blockLines: walker.blockLines,
    spans: walker.spans,
    textChars: walker.textChars,
    truncated: truncated || walker.textCapped,
    concepts: cachedConcepts,
  };
}

class Walker {
  readonly lines: Line[] = [];
  readonly blockLines = new Map<Element, [number, number]>();
  readonly spans = new Map<Element, ElementSpan>();
  readonly elements: PageElements = {
    jsonLd: [], meta: [], linkTags: [], scripts: [], iframes: [], anchors: [], images: [], forms: [], inputs: [],
    labels: [], tables: [], definitionLists: [], addresses: [], itemscopes: [], rdfaTyped: [], timeElements: [], logos: [],
  };
  title = '';
  langRegion: string | undefined;
  textChars = 0;
  textCapped = false;

  private buffer = '';
  private runs: Run[] = [];
  private pendingSpace = false;
  private blockStack: Element[] = [];
  private headingStack: (HeadingRef & { scope: Element | null })[] = [];
  private headingSnapshot: readonly HeadingRef[] = [];
  private lineZone: Zone = 'main';
  private headingDepth = 0;
  private headingLevel = 0;
  private headingLineStart = 0;

  walk(document: Document): void {
    const state: InlineState = {
      struck: false, sale: false, label: false, link: null, attrLabel: null, zone: 'main', hidden: false, inHead: false,
    };
    for (const child of document.children) this.visit(child, state, 0);
    this.flush();
  }

  private visit(node: AnyNode, state: InlineState, depth: number): void {
    if (depth > LIMITS.depth) return;
    if (isText(node)) {
      if (!state.hidden && !state.inHead) this.appendText(node.data, state, node.parent && isTag(node.parent) ? node.parent : null);
      return;
    }
    if (!isTag(node)) return;
    const el = node;
    const name = el.name;
    this.collect(el, state);
    if (name === 'head') {
      const headState = { ...state, inHead: true };
      for (const child of el.children) this.visit(child, headState, depth + 1);
      return;
    }
    if (name === 'title') {
      if (!this.title) this.title = textOf(el, 500);
      return;
    }
    if (SKIP_CONTENT.has(name)) return;
    if (state.inHead) {
      for (const child of el.children) this.visit(child, state, depth + 1);
      return;
    }

    const hidden = state.hidden || isHidden(el);
    if (hidden && !state.hidden) {
      // Icons are aria-hidden yet say what follows ("fa-phone"): keep that as a word.
      const word = el.children.length === 0 ? iconWord(el) : null;
      if (word) this.appendVirtual(word, state);
      for (const child of el.children) this.visit(child, { ...state, hidden: true }, depth + 1);
      return;
    }
    if (hidden) {
      for (const child of el.children) this.visit(child, state, depth + 1);
      return;
    }

    if (name === 'br') {
      this.flush();
      return;
    }
    if (name === 'hr') {
      this.flush();
      return;
    }
    if (name === 'img' || name === 'input') return;

    const isBlock = BLOCK.has(name);
    const headingLevel = /^h[1-6]$/.test(name)
      ? Number(name[1])
      : el.attribs.role === 'heading'
        ? Math.min(6, Math.max(1, Number(el.attribs['aria-level']) || 2))
        : 0;
    if (isBlock || headingLevel) this.flush();

    const zone = zoneOf(el) ?? state.zone;
    const childState: InlineState = {
      struck: state.struck || isStruck(el),
      sale: state.sale || isSaleMarked(el),
      label: isBlock ? isLabelFormatted(el) : state.label || isLabelFormatted(el),
      link: name === 'a' ? el : state.link,
      attrLabel: isBlock ? null : (el.attribs['aria-label'] ?? el.attribs.title ?? state.attrLabel),
      zone,
      hidden: false,
      inHead: false,
    };

    if (el.children.length === 0 && !isBlock) {
      const label = el.attribs['aria-label'] ?? el.attribs.title ?? iconWord(el);
      if (label) this.appendVirtual(label, state);
      return;
    }

    if (isBlock) {
      this.blockStack.push(el);
      this.lineZone = zone;
    } else if ((name === 'a' || name === 'button') && this.buffer && !this.buffer.endsWith(' ')) {
      // Adjacent links render apart (CSS margins); "HomeMenuContact" would glue their words.
      this.pendingSpace = true;
    }
    if (headingLevel && this.headingDepth === 0) {
      this.headingLevel = headingLevel;
      this.headingLineStart = this.lines.length;
    }
    if (headingLevel) this.headingDepth += 1;
    const firstLine = this.lines.length;
    const spanStart = SPAN_TAGS.has(name) ? { line: this.lines.length, start: this.currentOffset() } : null;

    for (const child of el.children) this.visit(child, childState, depth + 1);

    if (spanStart && (name === 'a' || name === 'label' || el.attribs['aria-label'] || el.attribs.itemprop || el.attribs.property)) {
      this.spans.set(el, { line: spanStart.line, start: spanStart.start, endLine: this.lines.length, end: this.buffer.length });
    }
    if (headingLevel) {
      // Flush first so the heading's own text is a line marked as heading.
      this.flush();
      this.headingDepth -= 1;
      if (this.headingDepth === 0) this.finishHeading(el);
    }
    if (isBlock) {
      this.flush();
      this.blockStack.pop();
      this.blockLines.set(el, [firstLine, this.lines.length]);
      this.lineZone = state.zone;
    }
    this.popScopes(el);
  }

  private collect(el: Element, state: InlineState): void {
    const e = this.elements;
    const a = el.attribs;
    switch (el.name) {
      case 'html': {
        const region = /^[a-z]{2,3}[-_]([a-z]{2})\b/i.exec(a.lang ?? a['xml:lang'] ?? '');
        if (region) this.langRegion = region[1].toUpperCase();
        break;
      }
      case 'script':
        if ((a.type ?? '').toLowerCase().includes('ld+json')) e.jsonLd.push(el);
        else e.scripts.push(el);
        break;
      case 'meta': {
        e.meta.push(el);
        const locale = (a.property ?? a.name ?? '').toLowerCase() === 'og:locale' ? /^[a-z]{2}_([a-z]{2})$/i.exec(a.content ?? '') : null;
        if (locale && !this.langRegion) this.langRegion = locale[1].toUpperCase();
        break;
      }
      case 'link':
        e.linkTags.push(el);
        break;
      case 'iframe':
        e.iframes.push(el);
        break;
      case 'a':
        if (!state.hidden) e.anchors.push(el);
        break;
      case 'img':
        e.images.push(el);
        break;
      case 'form':
        e.forms.push(el);
        break;
      case 'input':
      case 'select':
      case 'textarea':
        e.inputs.push(el);
        break;
      case 'label':
        e.labels.push(el);
        break;
      case 'table':
        if (!state.hidden) e.tables.push(el);
        break;
      case 'dl':
        if (!state.hidden) e.definitionLists.push(el);
        break;
      case 'address':
        if (!state.hidden) e.addresses.push(el);
        break;
      case 'time':
        if (!state.hidden) e.timeElements.push(el);
        break;
      default:
        break;
    }
    if ('itemscope' in a) e.itemscopes.push(el);
    if (!state.hidden && e.logos.length < 5 && LOGO.test(`${a.class ?? ''} ${a.id ?? ''}`)) e.logos.push(el);
    if (a.typeof !== undefined) e.rdfaTyped.push(el);
  }

  private currentOffset(): number {
    return this.buffer.length + (this.pendingSpace && this.buffer ? 1 : 0);
  }

  private appendText(data: string, state: InlineState, parent: Element | null): void {
    if (this.textCapped) return;
    if (!/\S/.test(data)) {
      if (data.length) this.pendingSpace = true;
      return;
    }
    const leading = /^\s/.test(data);
    const trailing = /\s$/.test(data);
    const text = data.replace(/\s+/g, ' ').trim();
    if ((leading || this.pendingSpace) && this.buffer) this.buffer += ' ';
    const start = this.buffer.length;
    this.buffer += text;
    this.pendingSpace = trailing;
    this.textChars += text.length;
    if (this.textChars > LIMITS.textChars) this.textCapped = true;
    this.runs.push({
      start,
      end: this.buffer.length,
      el: parent && !BLOCK.has(parent.name) ? parent : null,
      struck: state.struck,
      sale: state.sale,
      label: state.label,
      virtual: false,
      link: state.link,
      attrLabel: state.attrLabel,
    });
    if (this.buffer.length > LIMITS.lineChars) this.flush();
  }

  private appendVirtual(word: string, state: InlineState): void {
    const text = word.replace(/\s+/g, ' ').trim().slice(0, 60);
    if (!text) return;
    if (this.buffer) this.buffer += ' ';
    const start = this.buffer.length;
    this.buffer += `[${text}]`;
    this.pendingSpace = true;
    this.runs.push({
      start, end: this.buffer.length, el: null, struck: false, sale: false, label: true, virtual: true,
      link: state.link, attrLabel: null,
    });
  }

  private flush(): void {
    const text = this.buffer.trimEnd();
    if (text && !this.textCappedLines()) {
      const runs = this.runs;
      const realRuns = runs.filter((run) => !run.virtual);
      this.lines.push({
        index: this.lines.length,
        text,
        runs,
        block: this.blockStack[this.blockStack.length - 1] ?? null,
        headings: this.headingSnapshot,
        zone: this.lineZone,
        headingLevel: this.headingDepth > 0 ? this.headingLevel : undefined,
        allLabel: realRuns.length > 0 && realRuns.every((run) => run.label),
      });
      this.maybePseudoHeading(this.lines[this.lines.length - 1]);
    }
    this.buffer = '';
    this.runs = [];
    this.pendingSpace = false;
  }

  private textCappedLines(): boolean {
    return this.lines.length >= LIMITS.lines;
  }

  private finishHeading(el: Element): void {
    const text = this.lines
      .slice(this.headingLineStart)
      .map((line) => line.text)
      .join(' ')
      .slice(0, 300);
    if (!text) return;
    this.pushHeading({ text, level: this.headingLevel, line: this.headingLineStart }, headingScope(el));
  }

  /** Short bold lines ("Sheriff's Office") and title-styled blocks head what follows in their container. */
  private maybePseudoHeading(line: Line): void {
    if (line.headingLevel !== undefined || line.text.length > 70 || line.text.endsWith(':')) return;
    const block = line.block;
    if (!block || block.name === 'td' || block.name === 'th' || block.name === 'dt' || block.name === 'dd') return;
    if (!/\p{L}{2}/u.test(line.text) || (line.text.match(/\d/g)?.length ?? 0) > 4) return;
    const styled = line.allLabel || isHeadingish(block);
    if (!styled) return;
    const scope = block.parent && isTag(block.parent) ? block.parent : null;
    this.pushHeading({ text: line.text, level: 7, line: line.index }, scope);
  }

  private pushHeading(ref: HeadingRef, scope: Element | null): void {
    this.headingStack = this.headingStack.filter((h) => h.level < ref.level);
    this.headingStack.push({ ...ref, scope });
    this.snapshot();
  }

  private popScopes(el: Element): void {
    if (this.headingStack.some((h) => h.scope === el)) {
      this.headingStack = this.headingStack.filter((h) => h.scope !== el);
      this.snapshot();
    }
  }

  private snapshot(): void {
    this.headingSnapshot = this.headingStack.map(({ text, level, line }) => ({ text, level, line })).reverse();
  }
}

/**
 * The container a heading titles: climb while the heading is wrapped alone
 * (`<div class="title"><h2>…</h2></div>`), then take the parent.
 */
function headingScope(heading: Element): Element | null {
  let current: Element = heading;
  for (let i = 0; i < 4; i++) {
    const parent = current.parent;
    if (!parent || !isTag(parent) || parent.name === 'body' || parent.name === 'main') break;
    const meaningful = parent.children.filter((child) => (isTag(child) ? true : isText(child) && child.data.trim() !== ''));
    if (meaningful.length !== 1) break;
    current = parent;
  }
  const parent = current.parent;
  return parent && isTag(parent) ? parent : null;
}
