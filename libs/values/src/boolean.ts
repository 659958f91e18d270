// Booleans: yes/no, true/false, and stock wording ("In stock" → true, "Sold out" → false).
// Pre-order, back-order and "coming soon" mean "not in stock now" and read as false.
// schema.org availability URLs ("https://schema.org/InStock") are understood too.

import { failure, type BooleanValue, type ParseFailure, quote } from './parse-result';
import { collapseWhitespace, foldDiacritics } from './text';

const TRUE_PHRASES = [
  'yes', 'true', 'in stock', 'instock', 'available', 'available now', 'in store only', 'online only', 'in stores',
  'limited availability', 'limited stock', 'low stock', 'few left', 'almost gone', 'ships today', 'ready to ship',
  'ships in', 'add to cart', 'add to bag', 'buy now', 'offered', 'accepted', 'supported', 'si', 'oui', 'ja',
  'available for purchase', 'in stock now', 'selling fast',
];
const FALSE_PHRASES = [
  'no', 'false', 'out of stock', 'outofstock', 'sold out', 'soldout', 'unavailable', 'not available',
  'no longer available', 'currently unavailable', 'temporarily unavailable', 'temporarily out of stock',
  'discontinued', 'pre order', 'preorder', 'pre sale', 'presale', 'back order', 'backorder', 'backordered',
  'on backorder', 'coming soon', 'not offered', 'not in stock', 'not accepted', 'not supported', 'nein', 'non',
  'notify me when available', 'email when available', 'waitlist', 'join waitlist', 'out of season',
];
// Too short or too common to mean anything inside a longer sentence.
const WHOLE_ONLY_TRUE = ['y', 't', '1', 'on', 'open', 'x', '✓', '✔', '☑', '✅'];
const WHOLE_ONLY_FALSE = ['n', 'f', '0', 'off', 'closed', 'none', '✗', '✘', '✕', '☐', '×', '❌'];

function normalize(raw: string): string {
  let text = raw.trim();
  const schemaOrg = /schema\.org\/([A-Za-z]+)/i.exec(text);
  if (schemaOrg) text = schemaOrg[1];
  text = text.replace(/([a-z])([A-Z])/g, '$1 $2');
  return collapseWhitespace(foldDiacritics(text).toLowerCase().replace(/[-_]/g, ' ').replace(/[^\p{L}\p{N}\s✓✔☑✅✗✘✕☐×❌]/gu, ' '));
}

// Longest phrases first so "not available" is found before "available".
const SEARCH: readonly { phrase: string; value: boolean; pattern: RegExp }[] = [
  ...TRUE_PHRASES.map((phrase) => ({ phrase, value: true })),
  ...FALSE_PHRASES.map((phrase) => ({ phrase, value: false })),
]
  .sort((a, b) => b.phrase.length - a.phrase.length)
  .map((entry) => ({ ...entry, pattern: new RegExp(`(^|\\s)${entry.phrase}(\\s|$)`) }));

export function parseBoolean(raw: string): BooleanValue | ParseFailure {
  const text = normalize(raw.slice(0, 500));
  if (!text) return failure('boolean', 'empty value');
  const build = (value: boolean, phrase: string): BooleanValue => ({
    ok: true, type: 'boolean', canonical: value ? 'true' : 'false', value, phrase,
  });
  if (WHOLE_ONLY_TRUE.includes(text)) return build(true, text);
  if (WHOLE_ONLY_FALSE.includes(text)) return build(false, text);
  // "Only 5 left", "0 in stock": a count says more than the words around it.
  const count = /(?:^|\s)(?:only (\d+) left|(\d+) (?:left )?in stock|(\d+) available)(?:\s|$)/.exec(text);
  if (count) return build(Number(count[1] ?? count[2] ?? count[3]) > 0, count[0].trim());
  let found: { index: number; phrase: string; value: boolean } | undefined;
  for (const entry of SEARCH) {
    const match = entry.pattern.exec(text);
    if (!match) continue;
    const index = match.index + match[1].length;
    // Earliest phrase wins; at the same place the longer one (already first in SEARCH) stays.
    if (!found || index < found.index) {
      found = { index, phrase: entry.phrase, value: entry.value };
    }
  }
  if (found) return build(found.value, found.phrase);
  return failure('boolean', `${quote(raw)} is not yes/no, true/false or an availability phrase`);
}
