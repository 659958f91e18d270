// How well the words around a value (its label, the headings above it, its structured-data
// property) fit a column. Each context item has a weight for its proximity: the label on the
// same line counts fully, a section heading less, the page title little. A rival column's word
// that sits closer than the column's own word turns the match into a conflict.

import { type ColumnProfile, DEFAULT_PREFERENCE } from './column-profile';

export interface ContextItem {
  text: string;
  /** Proximity weight in (0, 1]: 1 = the value's own label. */
  weight: number;
}

export interface LabelFeatures {
  /** Share of the column's qualifiers (else of its name's words) present, weighted by proximity. */
  qual: number;
  /** Presence of a generic type word ("phone", "price"). */
  typePresence: number;
  /** Presence of description / instruction concepts. */
  extra: number;
  /** How much closer a rival or negative word is than the column's own words (0 = none). */
  conflict: number;
  /** Presence of the column's best qualifier. */
  ownBest: number;
  /** A sibling's word sits in the value's own label ("Dispatch (non-emergency)" for a sheriff's main line). */
  distraction: number;
  /** The label marks the default among siblings ("main office", "adult"). */
  preferred: number;
}

export type ConceptLookup = (text: string) => ReadonlySet<string>;

export function presenceMap(context: readonly ContextItem[], concepts: ConceptLookup): Map<string, number> {
  const presence = new Map<string, number>();
  for (const item of context) {
    if (!item.text || item.weight <= 0) continue;
    for (const id of concepts(item.text)) {
      if ((presence.get(id) ?? 0) < item.weight) presence.set(id, item.weight);
    }
  }
  return presence;
}

export function labelFeatures(profile: ColumnProfile, presence: ReadonlyMap<string, number>): LabelFeatures {
  const get = (id: string): number => presence.get(id) ?? 0;
  // With qualifiers ("sheriff" in sheriff_phone) only they count: every phone is a phone, the
  // question is whose. Without them, the name's words themselves (the "phone" of `phone`).
  let weighted = 0;
  let total = 0;
  if (profile.qualifierWeights.size > 0) {
    for (const [id, weight] of profile.qualifierWeights) {
      weighted += weight * get(id);
      total += weight;
    }
  } else {
    for (const [id, weight] of profile.nameConcepts) {
      weighted += weight * get(id);
      total += weight;
    }
  }
  const qual = total > 0 ? weighted / total : 0;

  let typePresence = 0;
  for (const id of profile.typeConcepts) typePresence = Math.max(typePresence, get(id));

  let extraSum = 0;
  for (const id of profile.extra) extraSum += get(id);
  const extra = Math.min(1, extraSum / 2);

  let ownBest = 0;
  for (const [id, weight] of profile.qualifierWeights) ownBest = Math.max(ownBest, get(id) * weight);
  for (const id of profile.extra) ownBest = Math.max(ownBest, get(id) * 0.8);
  if (profile.qualifiers.size === 0) ownBest = Math.max(ownBest, typePresence);

  let rival = 0;
  for (const [id, weight] of profile.rivals) rival = Math.max(rival, get(id) * weight);
  let negative = 0;
  for (const [id, weight] of profile.negatives) negative = Math.max(negative, get(id) * weight);

  let distraction = 0;
  for (const [id, weight] of profile.rivals) {
    const at = get(id);
    if (at >= 0.85) distraction = Math.max(distraction, at * weight);
  }
  let preferred = 0;
  for (const id of DEFAULT_PREFERENCE) if (!profile.rivals.has(id) || profile.rivals.get(id) === 0) preferred = Math.max(preferred, get(id));

  // A rival beats us only by standing closer. A negative outranks the type word for phones
  // ("Fax:" is not a phone label) but must also outrank the column's own words for the rest
  // ("Save with a 10-class pack for $200" is still the pack's price).
  const negativeBasis = profile.type === 'phone' ? typePresence : Math.max(typePresence, ownBest);
  // The value's own label naming something else ("Shipping:", "4 interest-free payments of")
  // decides, whatever the section heading says.
  // Even next to the column's own words it still qualifies them: "Filing fee before 07/01/2026"
  // is the old filing fee, "Sheriff fax" the sheriff's fax.
  let labelNegative = 0;
  for (const [id, weight] of profile.negatives) {
    if (get(id) < 0.95) continue;
    labelNegative = Math.max(labelNegative, negativeBasis < 0.95 ? weight : weight >= 0.8 ? 0.7 * weight : 0);
  }
  const conflict = Math.max(0, rival - ownBest) + Math.max(0, negative - negativeBasis, labelNegative);
  return { qual, typePresence, extra, conflict, ownBest, distraction, preferred };
}
