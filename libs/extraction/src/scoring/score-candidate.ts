// Scores one candidate for one column: can it be parsed as the column's type, how reliable is
// its source, how well do the words around it fit the column, and what does the page say about
// it (struck-through price, "from" price, fax label …). Higher is better; the scale is what the
// confidence calibration maps to probabilities.

import { type ColumnType, parseValue, type ParsedValue } from '@fieldwork/values';
import type { Candidate } from '../candidates/candidate';
import type { ColumnProfile } from '../match/column-profile';
import { type ConceptLookup, labelFeatures, type LabelFeatures, presenceMap } from '../match/label-score';
import { endsWithPlace, looksLikePerson } from '../match/person-name';
import { DISCOUNT_BEFORE, NOW_BEFORE, OLD_PRICE_BEFORE } from '../match/price-cues';
import type { EvidenceSource, FieldNote } from '../types';

export const SOURCE_PRIOR: Readonly<Record<EvidenceSource, number>> = {
  'json-ld': 1.0,
  microdata: 0.95,
  rdfa: 0.9,
  meta: 0.6,
  'tel-link': 0.8,
  'mailto-link': 0.8,
  link: 0.6,
  'label-value': 0.7,
  table: 0.8,
  'definition-list': 0.8,
  'form-field': 0.5,
  heading: 0.4,
  pattern: 0.45,
  fingerprint: 1.0,
  absence: 0,
  // Recipe values never compete as candidates (apply-recipe decides them); listed for completeness.
  recipe: 1.0,
};

export interface ScoredCandidate {
  candidate: Candidate;
  /** Canonical value. */
  value: string;
  parsed: ParsedValue;
  score: number;
  label: LabelFeatures;
  notes: FieldNote[];
}

const TYPED_KINDS = new Set<ColumnType>(['phone', 'email', 'money', 'date', 'url', 'number']);

function kindFits(kind: ColumnType | undefined, type: ColumnType): boolean {
  if (!kind || kind === type) return true;
  if (kind === 'boolean' || kind === 'enum') return type === 'enum' || type === 'boolean';
  return false;
}

const PHONE_LIKE = /^\s*\+?[\d\s().\-/]{7,}\d\s*(?:(?:ext\.?|x)\s*\d+)?\s*$/i;
const EMAIL_LIKE = /^\S+@\S+\.\S+$/;
const URL_LIKE = /^(https?:\/\/|www\.)\S+$/i;
const MONEY_LIKE = /^[$€£¥₹]\s?\d[\d.,]*$|^\d[\d.,]*\s?[$€£¥₹]$|^[A-Z]{3}\s\d[\d.,]*$|^\d[\d.,]*\s[A-Z]{3}$/;

/**
 * Free text (a label-value pair, a table cell) is only a typed value if it reads like one:
 * "(512) 555-0111" is not a price of 512, and a text column never wants a bare phone number.
 */
function plausibleFreeText(type: ColumnType, raw: string): boolean {
  const text = raw.trim();
  const digits = text.match(/\d/g)?.length ?? 0;
  switch (type) {
    case 'money':
    case 'number':
      return !(PHONE_LIKE.test(text) && digits >= 7) && !/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/.test(text);
    case 'text':
      return !((PHONE_LIKE.test(text) && digits >= 7) || EMAIL_LIKE.test(text) || URL_LIKE.test(text) || MONEY_LIKE.test(text));
    default:
      return true;
  }
}

/** A bare amount ("25", "25.00 per class"), not a text that merely contains a number ("Only 3 left", "MOS-6815"). */
function isBareAmount(raw: string): boolean {
  const text = raw.trim().replace(/\s*(?:per|\/|a|an|each)\s*\p{L}+\.?$/u, '').replace(/[.,;:]$/, '');
  return text.length <= 20 && /^[-~]?\s*\d[\d.,\s']*$/.test(text);
}

// The same raw text reaches a column from several sources (pattern, label-value, table): parse once.
const parseCache = new WeakMap<ColumnProfile, Map<string, ReturnType<typeof parseValue>>>();

function cachedParse(profile: ColumnProfile, raw: string, pageUrl: string): ReturnType<typeof parseValue> {
  let cache = parseCache.get(profile);
  if (!cache) {
    cache = new Map();
    parseCache.set(profile, cache);
  }
  const key = profile.type === 'url' ? `${pageUrl}\u0000${raw}` : raw;
  let parsed = cache.get(key);
  if (!parsed) {
    parsed = parseValue(profile.type, raw, { ...profile.parseOptions, baseUrl: pageUrl });
    if (cache.size < 20_000) cache.set(key, parsed);
  }
  return parsed;
}

// Which concepts stand how close to a candidate does not depend on the column: compute once.
const presenceCache = new WeakMap<Candidate, Map<string, number>>();

function presenceOf(candidate: Candidate, concepts: ConceptLookup): Map<string, number> {
  let presence = presenceCache.get(candidate);
  if (!presence) {
    presence = presenceMap(candidate.context, concepts);
    presenceCache.set(candidate, presence);
  }
  return presence;
}

export function scoreCandidate(
  profile: ColumnProfile,
  candidate: Candidate,
  concepts: ConceptLookup,
  pageUrl: string,
  pageRegion?: string,
): ScoredCandidate | null {
  const type = profile.type;
  if (!kindFits(candidate.kind, type)) return null;
  if (candidate.flags.alias && type !== 'enum') return null;
  if (candidate.source === 'fingerprint' && type === 'text' && !profile.wantsTechnology) return null;
  if (type === 'text' && candidate.kind && TYPED_KINDS.has(candidate.kind)) return null;
  if (type === 'text' && (candidate.raw.length > 400 || !/[\p{L}\p{N}]/u.test(candidate.raw))) return null;

  if (!candidate.kind && !plausibleFreeText(type, candidate.raw)) return null;
  let parsed = cachedParse(profile, candidate.raw, pageUrl);
  // A national number that is not valid in the default region may be valid where the page says it is.
  if (type === 'phone' && pageRegion && pageRegion !== profile.parseOptions.defaultRegion && (!parsed.ok || (parsed.type === 'phone' && !parsed.valid))) {
    const local = parseValue('phone', candidate.raw, { ...profile.parseOptions, defaultRegion: pageRegion });
    if (local.ok && local.valid) parsed = local;
  }
  if (!parsed.ok) return null;
  if (parsed.type === 'money' && parsed.currencyAssumed && !candidate.kind && !isBareAmount(candidate.raw)) return null;

  const label = labelFeatures(profile, presenceOf(candidate, concepts));
  const notes: FieldNote[] = [];
  let adjust = 0;
  const flags = candidate.flags;

  switch (parsed.type) {
    case 'money': {
      if (flags.struck) {
        adjust -= 2.5;
        notes.push('struck-price');
      }
      // The words right before the amount, whichever source found it ("…the filing fee was $80").
      const near = candidate.context.find((item) => item.weight === 1 && item.text.length > 2)?.text ?? '';
      if (!flags.struck && OLD_PRICE_BEFORE.test(near)) {
        adjust -= 2.5;
        notes.push('struck-price');
      }
      if (!flags.discount && DISCOUNT_BEFORE.test(near)) adjust -= 1.5;
      if (flags.sale || NOW_BEFORE.test(near)) adjust += 0.3;
      if (flags.discount) adjust -= 1.5;
      if (parsed.isFrom || flags.fromPrice) {
        adjust += profile.wantsFromPrice ? 0.3 : -0.4;
        notes.push('from-price');
      }
      if (flags.highPrice) adjust -= 0.8;
      if (parsed.isRange) {
        adjust -= 0.1;
        notes.push('range-first');
      }
      if (parsed.currencyAssumed) {
        if (candidate.source !== 'json-ld' && candidate.source !== 'microdata' && candidate.source !== 'rdfa') adjust -= 0.15;
        notes.push('currency-assumed');
      }
      break;
    }
    case 'phone':
      if (!parsed.valid) {
        adjust -= 0.4;
        notes.push('possible-phone');
      }
      break;
    case 'date':
      if (parsed.ambiguousOrder) {
        adjust -= 0.1;
        notes.push('ambiguous-date-order');
      }
      break;
    case 'enum':
      if (parsed.match === 'exact' || parsed.match === 'normalized') adjust += 0.3;
      break;
    case 'text': {
      const length = parsed.canonical.length;
      if (profile.wantsPerson) adjust += looksLikePerson(parsed.canonical) ? 0.4 : -0.6;
      else if (profile.nameScope) {
        const named = concepts(parsed.canonical);
        // "Elkhorn County" for county_name: a name that says what kind of thing it names …
        if ([...named].some((id) => profile.valueWords.has(id))) adjust += 0.4;
        // … and not a sibling's ("Elkhorn County Sheriff's Office" when sheriff_* are other columns).
        if ([...named].some((id) => (profile.rivals.get(id) ?? 0) >= 0.5)) adjust -= 0.4;
      }
      if (length > 250) adjust -= 0.8;
      else if (length > 120) adjust -= 0.3;
      if (flags.joined) adjust += profile.nameConcepts.has('address') || profile.extra.has('address') ? 0.2 : -0.1;
      if (profile.nameScope && flags.nameScope) adjust += profile.nameScope === flags.nameScope ? 0.4 : -0.4;
      if (flags.nestedName && profile.nameConcepts.has('name') && !profile.wantsPerson) adjust -= 0.6;
      if (profile.nameScope && endsWithPlace(parsed.canonical)) adjust -= 0.3;
      break;
    }
    default:
      break;
  }
  if (flags.entityRank) adjust += 0.25 * flags.entityRank;
  if (flags.zone && flags.zone !== 'main' && label.qual < 0.3) adjust -= flags.zone === 'aside' ? 0.2 : 0.05;

  let prior = SOURCE_PRIOR[candidate.source];
  if (candidate.source === 'fingerprint') prior *= flags.strength ?? 0.5;

  const score =
    prior +
    2.0 * label.qual +
    0.5 * label.typePresence +
    0.5 * label.extra +
    0.3 * label.preferred -
    1.6 * label.conflict -
    0.8 * label.distraction +
    adjust;
  return { candidate, value: parsed.canonical, parsed, score, label, notes };
}
