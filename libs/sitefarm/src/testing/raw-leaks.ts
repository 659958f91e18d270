// Is a JavaScript-only truth value readable from raw HTML without running scripts? The farm's
// tests use this to check that js-inline / js-xhr values never leak into what a plain HTTP client
// gets: not in the visible text, not in attributes (title, meta description, alt, content=…),
// not in JSON-LD. Executable scripts are left out (the js-inline state is base64 there on purpose).
import { findAvailability } from '../canonical/availability';
import { htmlToText } from '../canonical/html-text';
import { type PhoneCountry } from '../canonical/phone';
import { normalizeText, valuePresent } from '../canonical/value-presence';
import { COLUMN_TYPES } from '../types';

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#39|amp|lt|gt|quot|nbsp|apos);/g, (_, name: string) => ENTITY[name] ?? ' ').replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

/** Everything a reader of the raw HTML sees without executing a script, as plain text lines. */
export function staticReadableText(html: string): string {
  const withoutScripts = html.replace(/<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script>/gi, ' ');
  const attributes = [...withoutScripts.matchAll(/\s[a-z-:]+="([^"]*)"/gi)].map((m) => decode(m[1] as string));
  const jsonLd = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/gi)].map((m) => (m[1] as string).replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  return [htmlToText(html), ...attributes, ...jsonLd].join('\n');
}

function containsWord(haystack: string, needle: string, caseSensitive: boolean): boolean {
  const h = normalizeText(caseSensitive ? haystack : haystack.toLowerCase());
  const n = normalizeText(caseSensitive ? needle : needle.toLowerCase());
  if (!n) return false;
  for (let at = h.indexOf(n); at >= 0; at = h.indexOf(n, at + 1)) {
    const before = h[at - 1];
    const after = h[at + n.length];
    const edge = (c: string | undefined) => c === undefined || !/[\p{L}\p{N}]/u.test(c);
    if (edge(before) && edge(after)) return true;
  }
  return false;
}

/**
 * True when `canonical` (the truth value of `column`) can be read from raw HTML: in the column
 * type's human formats (valuePresent over the static text, scripts' src/attributes included for
 * POS signals), as a plain-text word (text, enum, currency), and for availability any stock phrase.
 */
export function valueReadableInRawHtml(column: string, canonical: string, html: string, phoneCountry: PhoneCountry = 'US'): boolean {
  const text = staticReadableText(html);
  const type = COLUMN_TYPES[column];
  if (valuePresent(column, canonical, { text, html, phoneCountry })) return true;
  switch (type) {
    case 'text':
      return containsWord(text, canonical, false);
    case 'enum':
    case 'currency':
      return containsWord(text, canonical, true);
    case 'boolean':
      return findAvailability(text).length > 0;
    default:
      return false;
  }
}
