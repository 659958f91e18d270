// Turns labels, column names and headers into comparable word tokens: "Sheriff's Office Phone #",
// "sheriffOfficePhone" and "sheriff_office_phone_number" must all look alike to the matchers.

import { foldDiacritics } from './text';

const NUMBER_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8',
  nine: '9', ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15',
  sixteen: '16', seventeen: '17', eighteen: '18', nineteen: '19', twenty: '20', thirty: '30',
  forty: '40', fifty: '50',
};

/** Words that carry no meaning when matching labels to columns. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'of', 'for', 'and', 'or', 'to', 'in', 'on', 'at', 'by', 'with', 'our', 'your', 'u',
  'is', 'are', 'be', 'this', 'that', 'it', 'its', 'what', 'which', 'who', 'where', 'how', 'do',
  'doe', 'per', 'we', 'you', 'my', 'i', 'as', 'any', 'all', 'if', 'then', 'than', 'will', 'can',
  'please', 'find', 'extract', 'get', 'return', 'list', 'field', 'column', 'value', 'us',
]);

// Plural and possessive endings only; real stemmers over-merge ("rates"/"rated") for no gain here.
function stem(token: string): string {
  if (token.length <= 3 || /\d/.test(token)) return token;
  if (token.endsWith('ies') && token.length > 4) return `${token.slice(0, -3)}y`;
  if (token.endsWith('sses')) return token.slice(0, -2);
  if (token.endsWith('ches') || token.endsWith('shes') || token.endsWith('xes')) return token.slice(0, -2);
  if (token.endsWith('s') && !/(ss|us|is|os)$/.test(token)) return token.slice(0, -1);
  return token;
}

/**
 * Lowercase word tokens: camelCase and snake_case split, diacritics folded, possessives and
 * plurals removed, number words as digits, `#` read as "number", letters and digits separated
 * ("10class" → "10", "class").
 */
export function tokenize(text: string): string[] {
  const spaced = foldDiacritics(text.slice(0, 2000))
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/['’`´]s\b/g, '')
    .replace(/['’`´]/g, '')
    .replace(/#/g, ' number ')
    .replace(/&/g, ' and ')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2');
  const tokens: string[] = [];
  for (const word of spaced.split(/[^a-z0-9]+/)) {
    if (!word) continue;
    tokens.push(stem(NUMBER_WORDS[word] ?? word));
  }
  return tokens;
}

/** `normalizeHeader("Sheriff Phone #")` → `"sheriff phone number"`: readable, stable key for a header. */
export function normalizeHeader(name: string): string {
  return foldDiacritics(name)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/#/g, ' number ')
    .replace(/&/g, ' and ')
    .replace(/['’`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
