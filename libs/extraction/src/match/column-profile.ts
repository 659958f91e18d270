// What each output column is looking for, as concepts: the words of its name (strongest), of its
// description and of instruction sentences that mention it (weaker), the words that mean "this
// is the wrong one" (fax for a phone, "was" for a price), and the qualifiers of sibling columns
// ("coroner" is a rival for "sheriff_phone"). Label matching scores evidence against this.

import { type ColumnType, conceptsOf, findConcepts, type ParseOptions, tokenize, WEAK_WORDS } from '@fieldwork/values';
import type { ColumnSpec } from '../types';

export interface ColumnProfile {
  spec: ColumnSpec;
  type: ColumnType;
  /** Concepts of the column name with their weight in the label score. */
  nameConcepts: ReadonlyMap<string, number>;
  /** Concepts that distinguish this column from others of its type. */
  qualifiers: ReadonlySet<string>;
  /** Weight of each qualifier: 1 from the name, 0.8 when the name has none and the description supplies them. */
  qualifierWeights: ReadonlyMap<string, number>;
  /** Generic words for the type ("phone", "price"); they confirm but do not distinguish. */
  typeConcepts: ReadonlySet<string>;
  /** Concepts from the description and instruction text. */
  extra: ReadonlySet<string>;
  /** Concepts that point away from this column, with how strongly. */
  negatives: ReadonlyMap<string, number>;
  /** Qualifiers of sibling columns and of the column's family, with how strongly they compete. */
  rivals: ReadonlyMap<string, number>;
  /** The column asks which technology/vendor a site uses ("POS system"). */
  wantsTechnology: boolean;
  /** The column asks for a starting ("from") price. */
  wantsFromPrice: boolean;
  /** A text column naming a role ("sheriff_name"): it wants a person's name, not the office's. */
  wantsPerson: boolean;
  /** Words of the column that a good value may itself contain ("County" in county_name). */
  valueWords: ReadonlySet<string>;
  /** A name column for the page's subject (a product) or for the site's owner (a venue). */
  nameScope?: 'site' | 'page';
  parseOptions: ParseOptions;
}

const TYPE_CONCEPTS: Readonly<Record<ColumnType, readonly string[]>> = {
  phone: ['phone', 'contact', 'number', 'toll_free'],
  email: ['email', 'contact'],
  money: ['price', 'sale', 'from_price'],
  url: ['url'],
  date: ['date'],
  number: ['number', 'quantity'],
  boolean: ['availability'],
  text: [],
  enum: [],
};

const NEGATIVES: Readonly<Partial<Record<ColumnType, Readonly<Record<string, number>>>>> = {
  phone: { fax: 1, emergency: 0.6, headquarters: 0.3, 'w:tty': 0.8, 'w:tdd': 0.8, 'w:pager': 0.8 },
  money: {
    was: 1, discount: 0.9, tax: 0.8, shipping: 0.8, deposit: 0.7, 'w:save': 0.8, 'w:high': 0.3, installment: 0.9,
    proposed: 0.9, related: 0.6,
  },
  text: { seller: 0.7, model_number: 0.8, barcode: 0.8, related: 0.6 },
  boolean: { related: 0.6 },
  email: { 'w:press': 0.3, 'w:media': 0.3, 'w:career': 0.4, 'w:privacy': 0.5, 'w:abuse': 0.5 },
  url: { facebook: 0.6, instagram: 0.6, twitter: 0.6, linkedin: 0.6, youtube: 0.6, 'w:privacy': 0.6, 'w:term': 0.6, 'w:login': 0.6, 'w:cart': 0.5 },
  date: { effective_date: 0.8, published: 0.8, last_updated: 0.8, start_date: 0.6, end_date: 0.8, proposed: 0.9 },
};

// Members of one family compete: a price for a drop-in is not the monthly membership's price,
// the sheriff's dispatch line is not the sheriff's office number. The weight says how strongly
// a member's word in a label argues against a column that does not ask for it.
const PRODUCTS: Readonly<Record<string, number>> = {
  drop_in: 1, class_pack: 1, membership: 1, monthly: 1, annual: 1, weekly: 1, deposit: 1, 'w:intro': 0.8, 'w:trial': 0.6,
  'w:rental': 0.8, 'w:private': 0.6, 'w:group': 0.4,
};
const AUDIENCES: Readonly<Record<string, number>> = { child: 0.7, senior: 0.7, student: 0.7, infant: 0.7, family: 0.6, adult: 0 };
const FAMILIES: readonly Readonly<Record<string, number>>[] = [
  PRODUCTS,
  AUDIENCES,
  {
    sheriff: 1, coroner: 1, jail: 0.8, emergency: 0.7, non_emergency: 0.7, headquarters: 0.6, 'w:deputy': 0.8,
    'w:undersheriff': 0.8, 'w:chief': 0.5, 'w:assistant': 0.6, 'w:clerk': 0.8, 'w:switchboard': 0.5,
  },
  { effective_date: 1, published: 1, last_updated: 1, start_date: 1, end_date: 1 },
];
/** A price for an audience ("child_price") is the standard ticket's unless it says otherwise. */
const PRODUCTS_FOR_AUDIENCE: Readonly<Record<string, number>> = { annual: 0.5, membership: 0.5, monthly: 0.5, class_pack: 0.4, weekly: 0.4, 'w:rental': 0.5, 'w:private': 0.3 };

/** Words that mark the default among siblings: the main line, the standard (adult) price. */
export const DEFAULT_PREFERENCE: ReadonlySet<string> = new Set([
  'w:main', 'w:primary', 'w:general', 'w:administration', 'w:reception', 'w:front', 'w:standard', 'adult',
]);

/** Entities a page is usually about (its <h1>), versus entities that own a site (its logo). */
const PAGE_ENTITIES = new Set(['w:product', 'w:item', 'w:event', 'w:article', 'w:post', 'w:listing', 'w:course', 'w:job', 'w:recipe', 'w:book', 'w:episode', 'w:movie', 'w:film', 'w:tour', 'w:program', 'w:document', 'document', 'regulation', 'w:title', 'w:headline', 'w:page']);
const SITE_ENTITIES = new Set(['w:venue', 'w:restaurant', 'w:business', 'w:company', 'w:gym', 'w:studio', 'w:store', 'w:shop', 'w:county', 'w:organization', 'w:org', 'department', 'w:attraction', 'w:hotel', 'w:school', 'w:clinic', 'w:practice', 'w:salon', 'w:bar', 'w:cafe', 'w:brewery', 'w:winery', 'w:museum', 'w:park', 'w:club', 'w:center', 'w:centre', 'w:firm', 'w:site', 'w:website', 'w:brand', 'brand', 'w:city', 'w:town', 'w:church', 'w:library', 'w:hospital', 'w:facility', 'w:place', 'w:property', 'w:bakery']);

/** Column words naming a person's role: such a column wants a person's name. */
export const ROLES: ReadonlySet<string> = new Set([
  'sheriff', 'coroner', 'w:director', 'w:manager', 'w:owner', 'w:chef', 'w:president', 'w:ceo', 'w:mayor', 'w:clerk',
  'w:judge', 'w:commissioner', 'w:chief', 'w:principal', 'w:founder', 'w:instructor', 'w:coach', 'w:treasurer',
  'w:assessor', 'w:auditor', 'w:recorder', 'w:attorney', 'w:administrator', 'w:superintendent', 'w:person',
  'w:contact', 'w:officer', 'w:examiner', 'w:executive', 'w:head', 'w:leader', 'w:pastor', 'w:doctor',
  'w:physician', 'w:dentist', 'w:agent', 'w:broker', 'w:author', 'w:artist', 'w:trainer', 'w:teacher',
]);

const TECHNOLOGY_WORDS = new Set([
  'pos', 'w:platform', 'w:system', 'w:software', 'w:technology', 'w:provider', 'w:vendor', 'w:cms', 'w:builder',
  'w:processor', 'w:tool', 'w:powered', 'w:stack', 'w:tech', 'w:engine', 'w:ecommerce', 'w:scheduling',
  'w:booking', 'reservation', 'order_online',
]);

/** Description words that describe every column ("the value shown on the page"). */
const GENERIC_DESCRIPTION = new Set(['w:shown', 'w:show', 'w:page', 'w:listed', 'w:given', 'w:used', 'w:use', 'w:exact', 'w:full', 'w:official', 'w:written', 'w:displayed', 'w:found', 'w:website', 'w:site', 'w:one', 'w:their', 'w:its', 'w:this', 'w:format', 'w:e', 'w:g', 'w:eg', 'w:like', 'w:such', 'w:usually', 'w:typically', 'w:often', 'date', 'number', 'name', 'price']);

const NEGATION = /\b(not|no|never|excluding|exclude|except|rather than|instead of|ignore|avoid|other than|don't|do not|isn't|but not)\b/i;

/** Splits a description into what it asks for and what it rules out ("…, not the fax"). */
function readDescription(text: string): { wanted: Set<string>; unwanted: Set<string> } {
  const wanted = new Set<string>();
  const unwanted = new Set<string>();
  for (const clause of text.split(/[.;,()\n]|\bbut\b/i)) {
    const negation = NEGATION.exec(clause);
    const positive = negation ? clause.slice(0, negation.index) : clause;
    for (const id of conceptsOf(positive)) wanted.add(id);
    if (negation) for (const id of conceptsOf(clause.slice(negation.index + negation[0].length))) unwanted.add(id);
  }
  return { wanted, unwanted };
}

/** Instruction sentences that mention the column by name or by all of its qualifier words. */
function instructionSentencesFor(name: string, qualifiers: ReadonlySet<string>, instruction: string): string[] {
  const nameTokens = tokenize(name).join(' ');
  const sentences = instruction.split(/(?<=[.!?;])\s+|\n+/).slice(0, 200);
  return sentences.filter((sentence) => {
    if (sentence.includes(name) || tokenize(sentence).join(' ').includes(nameTokens)) return true;
    if (qualifiers.size === 0) return false;
    const concepts = conceptsOf(sentence);
    return [...qualifiers].every((q) => concepts.has(q));
  });
}

export function buildProfiles(
  columns: readonly ColumnSpec[],
  instructionText: string | undefined,
  parseOptions: ParseOptions,
): ColumnProfile[] {
  const base = columns.map((spec) => {
    const hits = findConcepts(tokenize(spec.name));
    const typeConcepts = new Set(TYPE_CONCEPTS[spec.type]);
    // "sheriff_name": "name" only says the value is a name; "sheriff" says whose.
    if (spec.type === 'text' && hits.some((hit) => hit.id === 'name')) typeConcepts.add('name');
    const nameConcepts = new Map<string, number>();
    const qualifiers = new Set<string>();
    for (const { id } of hits) {
      const weight = typeConcepts.has(id) ? 0.5 : WEAK_WORDS.has(id) ? 0.2 : 1;
      nameConcepts.set(id, Math.max(nameConcepts.get(id) ?? 0, weight));
      if (weight === 1) qualifiers.add(id);
    }
    return { spec, nameConcepts, qualifiers, typeConcepts };
  });

  return base.map(({ spec, nameConcepts, qualifiers, typeConcepts }, index) => {
    const extra = new Set<string>();
    const negatives = new Map<string, number>(Object.entries(NEGATIVES[spec.type] ?? {}));
    if (spec.description) {
      const { wanted, unwanted } = readDescription(spec.description);
      for (const id of wanted) if (!nameConcepts.has(id) && !WEAK_WORDS.has(id)) extra.add(id);
      for (const id of unwanted) negatives.set(id, 1);
    }
    if (instructionText) {
      for (const sentence of instructionSentencesFor(spec.name, qualifiers, instructionText)) {
        const { wanted, unwanted } = readDescription(sentence);
        for (const id of wanted) if (!nameConcepts.has(id) && !WEAK_WORDS.has(id)) extra.add(id);
        for (const id of unwanted) if (!nameConcepts.has(id)) negatives.set(id, Math.max(negatives.get(id) ?? 0, 0.8));
      }
    }
    const own = new Set([...nameConcepts.keys(), ...extra]);
    for (const id of own) negatives.delete(id);
    // "contact" described as "the billing department number": the description says whose.
    const qualifierWeights = new Map<string, number>([...qualifiers].map((id) => [id, 1]));
    if (qualifiers.size === 0) {
      for (const id of extra) if (!typeConcepts.has(id) && !WEAK_WORDS.has(id) && !GENERIC_DESCRIPTION.has(id)) qualifierWeights.set(id, 0.8);
    }
    const allQualifiers: ReadonlySet<string> = new Set(qualifierWeights.keys());

    const rivals = new Map<string, number>();
    base.forEach((other, otherIndex) => {
      if (otherIndex === index || other.spec.type !== spec.type) return;
      for (const id of other.qualifiers) if (!own.has(id)) rivals.set(id, 1);
    });
    const families = [...FAMILIES];
    if ([...own].some((id) => id in AUDIENCES) && ![...own].some((id) => id in PRODUCTS)) families.push(PRODUCTS_FOR_AUDIENCE);
    for (const family of families) {
      if (family !== PRODUCTS_FOR_AUDIENCE && ![...own].some((id) => id in family)) continue;
      for (const [id, weight] of Object.entries(family)) {
        if (!own.has(id)) rivals.set(id, Math.max(rivals.get(id) ?? 0, weight));
      }
    }
    // A family rival that is also a negative is already handled as a negative.
    for (const id of negatives.keys()) rivals.delete(id);
    const wantsPerson = spec.type === 'text' && nameConcepts.has('name') && [...nameConcepts.keys()].some((id) => ROLES.has(id));
    const valueWords = new Set([...nameConcepts.keys()].filter((id) => id !== 'name' && id !== 'number'));
    const ids = [...nameConcepts.keys()];
    const nameScope =
      spec.type !== 'text' || !nameConcepts.has('name') || wantsPerson
        ? undefined
        : ids.some((id) => PAGE_ENTITIES.has(id))
          ? ('page' as const)
          : ids.some((id) => SITE_ENTITIES.has(id))
            ? ('site' as const)
            : undefined;

    const allOwn = [...own];
    const wantsTechnology =
      allOwn.some((id) => TECHNOLOGY_WORDS.has(id)) && (spec.type === 'enum' || spec.type === 'text');
    return {
      spec,
      type: spec.type,
      nameConcepts,
      qualifiers: allQualifiers,
      qualifierWeights,
      typeConcepts,
      extra,
      negatives,
      rivals,
      wantsTechnology,
      wantsFromPrice: own.has('from_price'),
      wantsPerson,
      valueWords,
      nameScope,
      parseOptions: { ...parseOptions, enumValues: spec.enumValues },
    };
  });
}
