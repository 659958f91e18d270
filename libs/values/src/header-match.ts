// Header matching for the datasets service: which uploaded column holds the ground truth for
// an output column? "Sheriff Phone #", "gt_sheriff_phone" and "expected sheriff telephone" all
// match the column "sheriff_phone".

import { conceptsOf, WEAK_WORDS } from './synonyms';

const NOISE = new Set([
  'w:gt', 'w:truth', 'w:ground', 'w:expected', 'w:actual', 'w:correct', 'w:true', 'w:known', 'w:verified',
  'w:target', 'w:reference', 'w:ref', 'w:answer', 'w:gold', 'w:label', 'w:manual', 'w:col', 'w:field',
  'w:validated', 'w:confirmed',
]);

function identity(name: string): Set<string> {
  // "Price (USD)": parenthesised notes are units or remarks, not identity.
  const withoutNotes = name.replace(/[([{][^)\]}]*[)\]}]/g, ' ');
  const concepts = conceptsOf(withoutNotes.trim() ? withoutNotes : name);
  const core = [...concepts].filter((id) => !NOISE.has(id) && !WEAK_WORDS.has(id));
  // A header made only of weak words ("Number", "Main") is still itself.
  return new Set(core.length ? core : [...concepts].filter((id) => !NOISE.has(id)));
}

/** Similarity in [0, 1] of a header and a column name by shared concepts (Jaccard). */
export function headerMatchScore(header: string, columnName: string): number {
  const a = identity(header);
  const b = identity(columnName);
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const id of a) if (b.has(id)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** True when header and column name mean the same thing (same concepts, ignoring noise words). */
export function headerMatches(header: string, columnName: string): boolean {
  return headerMatchScore(header, columnName) === 1;
}
