// Whitespace, case and punctuation normalisation shared by every parser and comparison.

const SPACE_LIKE = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

/** Trims and collapses every kind of whitespace (NBSP, thin spaces, newlines) to one space. */
export function collapseWhitespace(raw: string): string {
  return raw.replace(SPACE_LIKE, ' ').trim();
}

/** Removes diacritics (`é` → `e`) so comparisons survive encoding and typing differences. */
export function foldDiacritics(raw: string): string {
  return raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * The comparison key of free text: lowercased, diacritics folded, punctuation dropped,
 * whitespace collapsed. "St. Mary's  Church" and "st marys church" share a key.
 */
export function textKey(raw: string): string {
  return collapseWhitespace(
    foldDiacritics(raw)
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/['’`´]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' '),
  );
}

/** Unifies the dash family (en/em dash, minus sign, non-breaking hyphen) to `-`. */
export function unifyDashes(raw: string): string {
  return raw.replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-');
}
