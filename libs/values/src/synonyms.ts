// Concepts: groups of words and phrases that mean the same thing in a column name, a table
// header or a label on a web page ("phone" = "tel" = "call us"). Header matching in the datasets
// service and label matching in the extraction engine both read text through this table.

import { STOPWORDS, tokenize } from './vocabulary';

/** Phrases per concept id, written naturally; they are tokenized like any other text. */
export const CONCEPT_PHRASES: Readonly<Record<string, readonly string[]>> = {
  phone: ['phone', 'telephone', 'tel', 'call', 'call us', 'phone number', 'ph', 'voice', 'main line', 'contact number',
    'mobile', 'cell', 'hotline', 'tel no', 'phone no', 'telefon', 'telefono', 'telephone number', 'give us a call'],
  fax: ['fax', 'facsimile', 'fax number', 'fax no', 'faxed', 'fax line', 'by fax'],
  currency: ['currency', 'currency code', 'price currency', 'iso currency'],
  email: ['email', 'e mail', 'mail', 'email address', 'e mail address', 'mail us', 'electronic mail'],
  price: ['price', 'cost', 'fee', 'rate', 'pricing', 'charge', 'amount', 'fare', 'tuition', 'how much', 'dues',
    'admission', 'ticket price', 'price range'],
  url: ['url', 'website', 'web site', 'site', 'link', 'homepage', 'home page', 'web', 'domain', 'web address', 'www',
    'webpage', 'web page'],
  name: ['name', 'title', 'business name', 'company name', 'organization name', 'official name', 'legal name'],
  job_title: ['job title', 'position', 'role', 'job'],
  address: ['address', 'location', 'street address', 'addr', 'physical address', 'mailing address', 'street',
    'visit us', 'find us', 'directions', 'office address'],
  city: ['city', 'town', 'locality', 'address locality', 'municipality'],
  region: ['state', 'province', 'region', 'address region'],
  postal_code: ['zip', 'zip code', 'postal code', 'postcode', 'zipcode', 'post code'],
  country: ['country', 'address country', 'nation'],
  sku: ['sku', 'item number', 'part number', 'product code', 'article number', 'product id', 'item code', 'catalog number',
    'part no', 'style number', 'item no', 'product number', 'item id', 'stock number', 'stock keeping unit', 'art no'],
  model_number: ['model number', 'model', 'mpn', 'manufacturer part number', 'model no', 'model name'],
  barcode: ['gtin', 'upc', 'ean', 'isbn', 'barcode', 'gtin 13', 'gtin 12', 'jan'],
  availability: ['availability', 'in stock', 'stock', 'available', 'inventory', 'stock status', 'availability status',
    'in stock status', 'sold out', 'out of stock'],
  effective_date: ['effective date', 'effective as of', 'effective', 'effective on', 'in effect', 'effective from',
    'take effect', 'takes effect', 'effective starting'],
  drop_in: ['drop in', 'dropin', 'single class', 'single visit', 'casual visit', 'casual class', 'walk in', 'day pass',
    'single session', '1 class', 'single entry', 'casual', 'drop in class', 'single drop in', 'per visit',
    'single ticket', 'one time visit', 'guest pass', '1 visit', 'trial class'],
  class_pack: ['class pack', 'class package', 'class card', 'punch card', 'bundle', 'multi class', 'pack', 'package',
    'class pass', 'visit pass', 'multi pass', 'class bundle', 'punch pass', 'multi visit', 'visit pack',
    'visit card', 'session pack', 'credits', 'credit pack', '3 class', '4 class', '5 class', '6 class', '8 class', '10 class',
    '12 class', '15 class', '20 class', '25 class', '30 class', '5 visit', '10 visit', '20 visit', '5 session', '10 session'],
  membership: ['membership', 'member', 'unlimited', 'subscription', 'plan', 'unlimited membership', 'autopay'],
  monthly: ['monthly', 'month', 'mo', 'a month', 'month to month', 'per month', 'every month', '1 month'],
  annual: ['annual', 'yearly', 'year', 'annually', 'yr', '12 month', 'per year', 'a year'],
  weekly: ['weekly', 'week', 'wk', 'per week'],
  adult: ['adult', 'grown up', 'age 18', '18 and over', 'general admission'],
  child: ['child', 'children', 'kid', 'youth', 'junior', 'minor', 'under 12', 'under 18', 'teen', 'age 3 12'],
  senior: ['senior', 'elder', 'older adult', '65 and over', 'over 65', 'pensioner', 'concession'],
  student: ['student', 'college student', 'university student'],
  infant: ['infant', 'baby', 'toddler', 'under 2', 'under 3'],
  family: ['family', 'household'],
  sheriff: ['sheriff', 'sheriff office', 'sheriff department', 'sheriff dept', 'sheriffs office', 'sheriff services'],
  coroner: ['coroner', 'medical examiner', 'coroner office', 'medical examiner office', 'coroners office'],
  jail: ['jail', 'detention', 'detention center', 'correction', 'correctional facility', 'inmate', 'county jail'],
  emergency: ['emergency', '911', 'emergencies'],
  non_emergency: ['non emergency', 'nonemergency', 'non emergencie', 'dispatch', 'non emergency line'],
  headquarters: ['headquarters', 'hq', 'head office', 'corporate', 'corporate office', 'head quarters',
    'corporate headquarters'],
  hours: ['hours', 'opening hours', 'business hours', 'open', 'hours of operation', 'open hours', 'opening times',
    'office hours', 'we are open', 'hour'],
  pos: ['pos', 'point of sale', 'pos system', 'ordering system', 'order system', 'payment system', 'payment processor',
    'ordering platform', 'point of sale system', 'pos provider', 'pos vendor'],
  order_online: ['order online', 'online order', 'online ordering', 'order', 'order now', 'takeout', 'pickup',
    'order ahead', 'order pickup', 'start order', 'order delivery'],
  menu: ['menu', 'food menu', 'our menu', 'view menu', 'see menu'],
  reservation: ['reservation', 'book a table', 'booking', 'book', 'reserve', 'book now', 'schedule'],
  rating: ['rating', 'star', 'star rating', 'score', 'average rating', 'rating value', 'rated'],
  review_count: ['review count', 'review', 'number of review', 'rating count', 'review total'],
  description: ['description', 'about', 'summary', 'overview', 'about us', 'bio', 'who we are'],
  last_updated: ['last updated', 'updated', 'modified', 'last modified', 'revised', 'last revised', 'date modified',
    'updated on', 'revision date', 'last reviewed'],
  published: ['published', 'date published', 'posted', 'publish date', 'release date', 'issued', 'issue date',
    'date issued', 'adopted', 'enacted'],
  start_date: ['start date', 'start', 'begin', 'event date', 'date of event', 'start time', 'open date'],
  end_date: ['end date', 'end', 'until', 'close date', 'expire', 'expiration', 'expiration date', 'expiry', 'deadline',
    'due date', 'valid until'],
  date: ['date', 'day'],
  contact: ['contact', 'contact us', 'get in touch', 'reach us', 'contact info', 'contact information'],
  department: ['department', 'dept', 'office', 'division', 'agency', 'bureau', 'service', 'board', 'commission',
    'authority', 'council', 'ministry', 'regulator'],
  document: ['document', 'pdf', 'form', 'download', 'file', 'doc', 'guide', 'handbook', 'brochure'],
  regulation: ['regulation', 'rule', 'code', 'ordinance', 'statute', 'law', 'policy', 'compliance', 'requirement',
    'standard', 'guideline', 'bylaw'],
  brand: ['brand', 'manufacturer', 'make', 'made by', 'vendor', 'designed by', 'manufactured by', 'brand name', 'by brand'],
  installment: ['interest free', 'payment of', 'installment', 'instalment', 'pay in 4', 'pay in 3', 'afterpay', 'klarna',
    'affirm', 'monthly payment', 'payments starting', 'split payment', 'per installment', 'or 4', 'or 3'],
  specifications: ['specification', 'specs', 'spec', 'technical details', 'product details', 'tech specs', 'full specifications'],
  proposed: ['proposed', 'if adopted', 'would take effect', 'draft', 'pending', 'tentative', 'under consideration',
    'proposal', 'would be'],
  related: ['you may also like', 'related', 'similar', 'recommended', 'customers also bought', 'more from',
    'also viewed', 'frequently bought together', 'recently viewed', 'you might also like', 'other products'],
  seller: ['sold by', 'sold and shipped by', 'shipped by', 'fulfilled by', 'seller', 'retailer', 'ships from'],
  cuisine: ['cuisine', 'food type', 'type of food', 'serves cuisine', 'food style'],
  capacity: ['capacity', 'max occupancy', 'seat', 'seating', 'occupancy'],
  founded: ['founded', 'established', 'since', 'year founded', 'est', 'founding date', 'founded in'],
  employees: ['employee', 'staff', 'team size', 'number of employee', 'headcount'],
  quantity: ['quantity', 'qty', 'count', 'number of'],
  sale: ['sale', 'now', 'sale price', 'our price', 'special', 'current price', 'deal', 'offer price', 'today',
    'now only', 'special price', 'promo', 'discounted price'],
  was: ['was', 'regular', 'regular price', 'original', 'original price', 'compare at', 'msrp', 'list price', 'before',
    'retail', 'retail price', 'reg', 'previously', 'rrp', 'old price', 'usual price', 'normally', 'compare', 'down from',
    'reduced from', 'marked down from', 'originally', 'strike price'],
  discount: ['save', 'discount', 'off', 'saving', 'you save', 'coupon'],
  tax: ['tax', 'vat', 'gst', 'hst', 'sales tax'],
  shipping: ['shipping', 'delivery fee', 'postage', 'handling', 'freight'],
  deposit: ['deposit', 'down payment', 'registration fee', 'initiation fee', 'joining fee', 'enrollment fee',
    'sign up fee', 'startup fee', 'activation fee'],
  from_price: ['from', 'starting at', 'starting from', 'as low as', 'start at', 'price from', 'prices from',
    'starting'],
  toll_free: ['toll free', 'tollfree', '800 number'],
  facebook: ['facebook', 'fb'],
  instagram: ['instagram', 'insta', 'ig'],
  twitter: ['twitter', 'x com'],
  linkedin: ['linkedin'],
  youtube: ['youtube'],
  number: ['number', 'no', 'num'],
};

/** Concept ids that only loosely qualify a column ("main phone", "business email"). */
export const WEAK_WORDS: ReadonlySet<string> = new Set([
  'w:main', 'w:primary', 'w:general', 'w:official', 'w:business', 'w:company', 'w:store', 'w:shop', 'w:venue',
  'w:current', 'w:public', 'w:info', 'w:information', 'w:detail', 'w:listed', 'w:local', 'w:direct', 'w:new',
  'w:site', 'w:page', 'number', 'w:standard', 'w:regular', 'w:full', 'w:total', 'w:base', 'w:basic', 'w:website',
  'w:restaurant', 'w:gym', 'w:studio', 'w:county', 'w:product', 'w:item', 'w:attraction', 'w:organization',
  'w:org', 'w:event', 'w:place', 'w:facility', 'w:property', 'w:hotel', 'w:listing', 'w:business', 'w:firm', 'w:club',
  'w:center', 'w:centre', 'w:museum', 'w:park', 'w:school', 'w:clinic', 'w:practice', 'w:salon', 'w:bar', 'w:cafe',
  'w:bakery', 'w:brewery', 'w:winery', 'w:hospital', 'w:church', 'w:library', 'w:tour', 'w:course', 'w:program',
]);

interface Phrase {
  id: string;
  tokens: string[];
}

// First token → phrases starting with it, longest first, so "non emergency" beats "emergency".
const PHRASE_INDEX: ReadonlyMap<string, readonly Phrase[]> = (() => {
  const index = new Map<string, Phrase[]>();
  for (const [id, phrases] of Object.entries(CONCEPT_PHRASES)) {
    for (const phrase of phrases) {
      const tokens = tokenize(phrase);
      if (tokens.length === 0) continue;
      const list = index.get(tokens[0]) ?? [];
      list.push({ id, tokens });
      index.set(tokens[0], list);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return index;
})();

export interface ConceptHit {
  /** A concept id from {@link CONCEPT_PHRASES}, or `w:<token>` for a word outside the table. */
  id: string;
  /** Token range [start, end) in the tokenized text. */
  start: number;
  end: number;
}

/**
 * Reads tokens as concepts, longest phrase first. Words outside the table become `w:<word>`;
 * stopwords are dropped. Numbers are always reported as `w:<n>` too, so "10 class pack" and
 * "5 class pack" stay distinguishable although both are class packs.
 */
export function findConcepts(tokens: readonly string[]): ConceptHit[] {
  const hits: ConceptHit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    let matched: Phrase | undefined;
    for (const phrase of PHRASE_INDEX.get(token) ?? []) {
      if (phrase.tokens.every((t, k) => tokens[i + k] === t)) {
        matched = phrase;
        break;
      }
    }
    if (matched) {
      hits.push({ id: matched.id, start: i, end: i + matched.tokens.length });
      for (let k = i; k < i + matched.tokens.length; k++) {
        if (/^\d+$/.test(tokens[k])) hits.push({ id: `w:${tokens[k]}`, start: k, end: k + 1 });
      }
      i += matched.tokens.length;
      continue;
    }
    if (!STOPWORDS.has(token)) hits.push({ id: `w:${token}`, start: i, end: i + 1 });
    i += 1;
  }
  return hits;
}

/** The set of concept ids a piece of text mentions. */
export function conceptsOf(text: string): Set<string> {
  return new Set(findConcepts(tokenize(text)).map((hit) => hit.id));
}
