// schema.org entities (from JSON-LD, microdata or RDFa, all read into the same object shape)
// turned into candidates. A property's own name is its label; the entity's name, type, job title
// or contact type say whose property it is ("Sheriff's Office" › telephone), and the parent
// entities, a little weaker, say more (department of "Springfield County"). Offers get their
// currency, PostalAddress is assembled into one line, lowPrice is marked as a "from" price.

import type { ColumnType } from '@fieldwork/values';
import type { Element } from 'domhandler';
import type { ContextItem } from '../match/label-score';
import type { Candidate } from './candidate';

export type StructuredSource = 'json-ld' | 'microdata' | 'rdfa';

export interface StructuredWalkOptions {
  source: StructuredSource;
  /** Prefix of candidate locations, unique per root. */
  locationPrefix: string;
  /** Element that holds a property's value (microdata/RDFa), for selectors. */
  elementOf?: (node: object, prop: string) => Element | undefined;
  /** Element for the whole root (the JSON-LD <script>). */
  rootElement?: Element;
}

const LIMITS = { depth: 10, nodes: 4000, arrayItems: 200, stringChars: 2000 };

const MAIN_TYPE =
  /^(Organization|Corporation|LocalBusiness|GovernmentOrganization|Product|Event|Person|Place|Restaurant|ExerciseGym|HealthClub|SportsActivityLocation|Store|FoodEstablishment|TouristAttraction|Service|Course|Legislation|GovernmentService|Museum|CivicStructure|NGO|EducationalOrganization|MedicalOrganization|Hotel|LodgingBusiness|Brand)$|(Business|Organization|Store|Restaurant|Gym|Club|Office|Department|Center|Centre|Service|Agency|Clinic|Hotel|Attraction|Station|Studio|Shop|Cafe|Bar|Bakery)$/;
const LOW_TYPE =
  /^(WebPage|WebSite|BreadcrumbList|ListItem|ImageObject|SearchAction|ReadAction|SiteNavigationElement|WPHeader|WPFooter|WPSideBar|CollectionPage|ItemList|AboutPage|ContactPage|FAQPage|Question|Answer|EntryPoint|VideoObject|Review|Rating|Comment|BlogPosting|Article|NewsArticle|PropertyValueSpecification)$/;

const LABEL_PROPS = ['jobTitle', 'contactType', 'category', 'unitText', 'eligibleCustomerType', 'alternateName', 'serviceType', 'disambiguatingDescription', 'additionalType'];
const PRICE_PROPS: Record<string, 'from' | 'high' | 'plain'> = {
  price: 'plain', lowPrice: 'from', highPrice: 'high', minPrice: 'from', maxPrice: 'high',
};
const SKIP_PROPS = new Set(['@context', '@id', '@type', 'potentialAction', 'geo', 'hasMap', 'openingHoursSpecification', 'inLanguage', 'encodingFormat']);
const URL_PROPS = new Set(['url', 'sameAs', 'logo', 'image', 'menu', 'hasMenu', 'significantLink', 'mainEntityOfPage', 'contentUrl', 'downloadUrl', 'relatedLink', 'acceptsReservations', 'installUrl', 'thumbnailUrl']);
const KIND_OF_PROP: Record<string, ColumnType> = { telephone: 'phone', faxNumber: 'phone', email: 'email' };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': ' ' };

function cleanString(value: string): string {
  return value
    .slice(0, LIMITS.stringChars)
    .replace(/<[^>]{0,200}>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}

function typesOf(node: Record<string, unknown>): string[] {
  const raw = node['@type'] ?? node.type;
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/#:]/, '')).slice(0, 5);
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return cleanString(value);
  if (Array.isArray(value)) return value.map(firstString).find((v) => v);
  if (value && typeof value === 'object' && typeof (value as Record<string, unknown>).name === 'string') {
    return cleanString((value as Record<string, string>).name);
  }
  return undefined;
}

/** "https://schema.org/InStock" → "In Stock". */
function humanizeEnumeration(value: string): string {
  const match = /^https?:\/\/schema\.org\/([A-Za-z]+)$/.exec(value.trim());
  return match ? match[1].replace(/([a-z])([A-Z])/g, '$1 $2') : value;
}

function assembleAddress(node: Record<string, unknown>): string | undefined {
  const part = (key: string): string => {
    const value = node[key];
    return typeof value === 'string' || typeof value === 'number' ? cleanString(String(value)) : firstString(value) ?? '';
  };
  const street = part('streetAddress');
  const city = part('addressLocality');
  const regionZip = [part('addressRegion'), part('postalCode')].filter(Boolean).join(' ');
  const assembled = [street, city, regionZip].filter(Boolean).join(', ');
  return assembled || undefined;
}

export function structuredCandidates(roots: readonly unknown[], options: StructuredWalkOptions): Candidate[] {
  const out: Candidate[] = [];
  let visited = 0;

  const emit = (
    node: Record<string, unknown>,
    prop: string,
    raw: string,
    path: string,
    here: readonly ContextItem[],
    flags: Candidate['flags'],
    kind?: ColumnType,
    label = prop,
  ): void => {
    if (!raw) return;
    const types = typesOf(node);
    const name = firstString(node.name);
    out.push({
      source: options.source,
      raw,
      kind,
      // An entity's name says whose property this is — but not for the name itself.
      context: [{ text: label, weight: 1 }, ...here.filter((item) => item.text !== raw)],
      el: options.elementOf?.(node, prop) ?? options.rootElement ?? null,
      path,
      snippet: `${types[0] ?? 'Thing'}${name ? ` "${name.slice(0, 60)}"` : ''} › ${label}: ${raw}`.slice(0, 200),
      flags,
      location: `${options.locationPrefix}:${path}`,
      order: out.length,
    });
  };

  const visit = (node: Record<string, unknown>, path: string, inherited: readonly ContextItem[], depth: number): void => {
    if (depth > LIMITS.depth || ++visited > LIMITS.nodes) return;
    const types = typesOf(node);
    const own: ContextItem[] = [];
    const name = firstString(node.name);
    if (name && name.length <= 120) own.push({ text: name, weight: 0.85 });
    for (const prop of LABEL_PROPS) {
      const value = firstString(node[prop]);
      if (value && value.length <= 120) own.push({ text: value, weight: 0.85 });
    }
    if (types.length) own.push({ text: types.join(' '), weight: 0.7 });
    const description = firstString(node.description);
    if (description && description.length <= 100) own.push({ text: description, weight: 0.45 });
    const here = [...own, ...inherited];
    const entityRank = types.some((t) => LOW_TYPE.test(t)) ? -1 : types.some((t) => MAIN_TYPE.test(t)) && depth === 0 ? 1 : 0;
    const currency = firstString(node.priceCurrency) ?? firstString(node.currency);
    const isMoneyNode = types.some((t) => /MonetaryAmount|PriceSpecification/.test(t));

    for (const [prop, value] of Object.entries(node)) {
      if (SKIP_PROPS.has(prop) || prop.startsWith('@')) continue;
      const propPath = `${path}.${prop}`;
      const childInherited = [...here.map((item) => ({ ...item, weight: item.weight * 0.75 })), { text: prop, weight: 0.6 }];
      const values = Array.isArray(value) ? value.slice(0, LIMITS.arrayItems) : [value];
      values.forEach((item, i) => {
        const itemPath = Array.isArray(value) ? `${propPath}[${i}]` : propPath;
        if (item === null || item === undefined) return;
        if (typeof item === 'object') {
          const child = item as Record<string, unknown>;
          if (prop === 'address' || typesOf(child).includes('PostalAddress')) {
            const assembled = assembleAddress(child);
            if (assembled) emit(node, prop, assembled, itemPath, here, { entityRank }, undefined, 'address');
          }
          visit(child, itemPath, childInherited, depth + 1);
          return;
        }
        if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') return;
        let raw = typeof item === 'string' ? cleanString(item) : String(item);
        const priceRole = PRICE_PROPS[prop] ?? (isMoneyNode && prop === 'value' ? 'plain' : undefined);
        if (priceRole) {
          if (currency && !/[A-Z]{3}|[$€£¥₹]/.test(raw)) raw = `${raw} ${currency}`;
          emit(node, prop, raw, itemPath, here, { entityRank, fromPrice: priceRole === 'from', highPrice: priceRole === 'high' }, 'money');
          return;
        }
        if (prop === 'availability' || prop === 'itemCondition' || prop === 'eventStatus') raw = humanizeEnumeration(raw);
        const kind = KIND_OF_PROP[prop] ?? (URL_PROPS.has(prop) && /^(https?:)?\/\/|^\//.test(raw) ? 'url' : undefined);
        emit(node, prop, raw, itemPath, here, { entityRank, nestedName: prop === 'name' && depth > 0 }, kind);
      });
    }
  };

  roots.slice(0, 200).forEach((root, i) => {
    if (root && typeof root === 'object' && !Array.isArray(root)) visit(root as Record<string, unknown>, `[${i}]`, [], 0);
  });
  return out;
}
