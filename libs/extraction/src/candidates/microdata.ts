// Microdata (itemscope/itemprop) and RDFa Lite (typeof/property) read into plain schema.org
// objects, so the structured-data walker treats them exactly like JSON-LD. Each property
// remembers its element for the evidence selector.

import { type AnyNode, type Element, isTag } from 'domhandler';
import { attr, textOf } from '../dom/dom-utils';
import type { Candidate, SourceContext } from './candidate';
import { structuredCandidates } from './structured-data';

type Item = Record<string, unknown>;

const MAX_ITEMS = 300;
const MAX_DESCENDANTS = 5000;

interface Dialect {
  /** Does this element start a nested item? */
  isScope(el: Element): boolean;
  /** Property names on the element (prefixes and vocabulary URLs stripped). */
  props(el: Element): string[];
  type(el: Element): string | undefined;
}

const MICRODATA: Dialect = {
  isScope: (el) => 'itemscope' in el.attribs,
  props: (el) => (attr(el, 'itemprop') ?? '').split(/\s+/).filter(Boolean),
  type: (el) => attr(el, 'itemtype'),
};

const RDFA: Dialect = {
  isScope: (el) => el.attribs.typeof !== undefined,
  props: (el) =>
    (attr(el, 'property') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((p) => p.replace(/^.*[/#:]/, ''))
      // OpenGraph meta tags use `property` too; they are read by the meta source.
      .filter((p) => !/^(og|fb|twitter|article|product|business|place)$/.test(p)),
  type: (el) => attr(el, 'typeof'),
};

function propertyValue(el: Element): string {
  const content = attr(el, 'content');
  if (content !== undefined) return content;
  switch (el.name) {
    case 'meta':
      return '';
    case 'img':
    case 'audio':
    case 'video':
    case 'source':
    case 'iframe':
    case 'embed':
    case 'track':
      return attr(el, 'src') ?? '';
    case 'a':
    case 'area':
    case 'link':
      return attr(el, 'href') ?? attr(el, 'resource') ?? '';
    case 'object':
      return attr(el, 'data') ?? '';
    case 'data':
    case 'meter':
      return attr(el, 'value') ?? textOf(el);
    case 'time':
      return attr(el, 'datetime') ?? textOf(el);
    default:
      return attr(el, 'resource') ?? textOf(el, 1000);
  }
}

function readItems(roots: readonly Element[], dialect: Dialect): { items: Item[]; elements: WeakMap<object, Map<string, Element>> } {
  const elements = new WeakMap<object, Map<string, Element>>();
  let budget = MAX_DESCENDANTS;

  const build = (scope: Element, depth: number): Item => {
    const item: Item = {};
    const type = dialect.type(scope);
    if (type) item['@type'] = type.split(/\s+/).map((t) => t.replace(/^.*[/#:]/, ''));
    const map = new Map<string, Element>();
    elements.set(item, map);
    const stack: AnyNode[] = [...scope.children].reverse();
    while (stack.length && budget-- > 0) {
      const node = stack.pop()!;
      if (!isTag(node)) continue;
      const props = dialect.props(node);
      const nested = dialect.isScope(node);
      if (props.length) {
        const value: unknown = nested && depth < 8 ? build(node, depth + 1) : propertyValue(node);
        for (const prop of props) {
          const existing = item[prop];
          item[prop] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
          if (!map.has(prop)) map.set(prop, node);
        }
      }
      if (nested) continue;
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
    return item;
  };

  const items = roots.slice(0, MAX_ITEMS).map((root) => build(root, 0));
  return { items, elements };
}

function candidatesFor(scopes: readonly Element[], dialect: Dialect, source: 'microdata' | 'rdfa'): Candidate[] {
  // Top-level items only: nested ones are read as their parent's property values.
  const roots = scopes.filter((el) => dialect.props(el).length === 0);
  if (roots.length === 0) return [];
  const { items, elements } = readItems(roots, dialect);
  return structuredCandidates(items, {
    source,
    locationPrefix: source === 'microdata' ? 'M' : 'R',
    elementOf: (node, prop) => elements.get(node)?.get(prop),
  });
}

export function microdataCandidates(context: SourceContext): Candidate[] {
  return candidatesFor(context.page.elements.itemscopes, MICRODATA, 'microdata');
}

export function rdfaCandidates(context: SourceContext): Candidate[] {
  return candidatesFor(context.page.elements.rdfaTyped, RDFA, 'rdfa');
}
