// How an element presents its text: hidden, struck through (an old price), highlighted as the
// current/sale price, formatted as a label, or part of the header/footer/nav of the page.

import type { Element } from 'domhandler';

export type Zone = 'main' | 'header' | 'nav' | 'footer' | 'aside';

const HIDDEN_STYLE = /(display\s*:\s*none|visibility\s*:\s*hidden)/i;
const STRUCK_CLASS =
  /(^|[\s_-])(was|old|original|compare|compare-at|compareat|strike|striked|strikethrough|line-through|crossed|msrp|rrp|price-old|old-price|was-price|price-was|oldprice|wasprice|list-price|before-price|price-before)($|[\s_-])/i;
const SALE_CLASS =
  /(^|[\s_-])(sale|special|now|current|final|promo|discounted|offer|new)[-_]?price($|[\s_-])|(^|[\s_-])price[-_]?(sale|now|current|special|final|new|actual)($|[\s_-])|(^|[\s])(sale-price|special-price|price-sale|now-price|sale)($|[\s])/i;
const LABEL_CLASS = /(^|[\s_-])(label|key|term|caption|field-name|field-label|prop|property-name|attr-name|spec-name)($|[\s_-])/i;
const HEADINGISH_CLASS = /(^|[\s_-])(title|heading|header|headline|name|subtitle|card-title|section-title)($|[\s_-])/i;

export function isHidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a) return true;
  if (a.style && HIDDEN_STYLE.test(a.style)) return true;
  if (a['aria-hidden'] === 'true') return true;
  const classes = a.class;
  if (classes && /(^|\s)(hidden|is-hidden|d-none|hide|invisible)(\s|$)/.test(classes) && !/(^|\s)d-\w+-(block|flex|inline|table|grid)/.test(classes)) {
    return true;
  }
  return false;
}

export function isStruck(el: Element): boolean {
  if (el.name === 's' || el.name === 'strike' || el.name === 'del') return true;
  const style = el.attribs.style;
  if (style && /line-through/i.test(style)) return true;
  const classes = el.attribs.class;
  return Boolean(classes && STRUCK_CLASS.test(classes));
}

export function isSaleMarked(el: Element): boolean {
  if (el.name === 'ins') return true;
  const classes = el.attribs.class;
  return Boolean(classes && SALE_CLASS.test(classes));
}

export function isLabelFormatted(el: Element): boolean {
  if (el.name === 'strong' || el.name === 'b' || el.name === 'label' || el.name === 'th' || el.name === 'dt') return true;
  const classes = el.attribs.class;
  return Boolean(classes && LABEL_CLASS.test(classes));
}

export function isHeadingish(el: Element): boolean {
  const classes = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  return HEADINGISH_CLASS.test(classes);
}

export function zoneOf(el: Element): Zone | null {
  switch (el.name) {
    case 'header':
      return 'header';
    case 'nav':
      return 'nav';
    case 'footer':
      return 'footer';
    case 'aside':
      return 'aside';
    case 'main':
      return 'main';
    default:
      break;
  }
  const role = el.attribs.role;
  if (role === 'banner') return 'header';
  if (role === 'navigation') return 'nav';
  if (role === 'contentinfo') return 'footer';
  if (role === 'complementary') return 'aside';
  if (role === 'main') return 'main';
  const words = `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`.toLowerCase();
  if (/(^|\s)(site-footer|footer|page-footer|global-footer)(\s|$)/.test(words)) return 'footer';
  if (/(^|\s)(site-header|header|page-header|masthead|global-header)(\s|$)/.test(words)) return 'header';
  if (/(^|\s)(navbar|site-nav|main-nav|nav|menu|navigation|topnav)(\s|$)/.test(words)) return 'nav';
  return null;
}

/** Icon markup (`<i class="fa fa-phone">`) says what the next value is; read it as a word. */
export function iconWord(el: Element): string | null {
  const classes = el.attribs.class;
  if (!classes) return null;
  const match = /(?:^|[\s_-])(phone|telephone|mobile|fax|envelope|email|mail|map-marker|map-pin|location|marker|clock|globe|link|calendar)(?:$|[\s_-]|-alt|-o)/i.exec(classes);
  if (!match) return null;
  const word = match[1].toLowerCase();
  const mapped: Record<string, string> = {
    envelope: 'email', mail: 'email', 'map-marker': 'address', 'map-pin': 'address', location: 'address',
    marker: 'address', clock: 'hours', globe: 'website', link: 'website', calendar: 'date', mobile: 'phone',
    telephone: 'phone',
  };
  return mapped[word] ?? word;
}
