// The built-in template library: ready-made campaigns for the jobs users actually run (seed
// 002: price comparison, fitness venue pricing, county contacts, restaurant POS identification,
// product catalogues, compliance fees). Column names are fixed: the site farm's ground-truth
// CSVs use exactly these. Descriptions matter — the agent reads them when extracting.
import { ValidationError } from '@fieldwork/contracts';
import type { CampaignDetailsInput } from './campaign.decider';
import type { OutputColumn } from './columns';

export interface CampaignTemplate {
  id: string;
  name: string;
  purpose: string;
  description: string;
  tags: string[];
  columns: OutputColumn[];
  instructions: { promptText: string; changeDescription: string };
}

const column = (
  name: string,
  type: OutputColumn['type'],
  description: string,
  required = false,
  enumValues: string[] = [],
): OutputColumn => ({ name, type, description, required, enumValues });

const STARTER = 'Starter instructions from the template';

export const TEMPLATES: readonly CampaignTemplate[] = [
  {
    id: 'competitor-price-comparison',
    name: 'Competitor price comparison',
    purpose: 'Compare what competitors charge for the same attractions and tickets',
    description:
      'For each attraction page (your own site or a reseller such as an online travel agency), record the standard adult and child ticket prices and their currency, so prices can be compared across sellers.',
    tags: ['pricing', 'competitive-intelligence'],
    columns: [
      column('attraction_name', 'text', 'Name of the attraction or tour as the page shows it (e.g. "Edge Observation Deck").', true),
      column(
        'adult_price',
        'money',
        'Price of one standard adult admission ticket for a regular day, before discounts or bundles. Amount only, in the currency of the page.',
      ),
      column(
        'child_price',
        'money',
        'Price of one child ticket (the youngest paying age band if several). Empty when the page has no child price.',
      ),
      column('currency', 'text', 'ISO 4217 code of the prices on the page, e.g. USD, EUR, GBP, SGD.'),
    ],
    instructions: {
      promptText: [
        'Open the attraction page and find the ticket prices for a standard visit.',
        '- adult_price: one standard adult ticket, not a family pack, combo, VIP or fast-track option. If several dates are shown, use the regular (non-peak) price.',
        '- child_price: one child ticket; if there are several child age bands, use the youngest paying band. Leave empty if children are not priced separately.',
        '- currency: the currency the prices are shown in, as an ISO code (convert "$" to USD only when the site is clearly US; otherwise read the code from the page).',
        'Record prices as numbers without currency symbols. Ignore struck-through "was" prices and per-group prices.',
      ].join('\n'),
      changeDescription: STARTER,
    },
  },
  {
    id: 'fitness-venue-pricing',
    name: 'Fitness venue pricing',
    purpose: 'Collect drop-in and class-pack prices of fitness studios and gyms',
    description:
      'For each fitness venue website (yoga, pilates, spin, boxing, CrossFit, gyms), find the price of a single drop-in class and of a class pack, with the phone number and city of the venue.',
    tags: ['pricing', 'fitness'],
    columns: [
      column('venue_name', 'text', 'Name of the studio or gym (e.g. "Sunrise Yoga Collective").', true),
      column(
        'drop_in_price',
        'money',
        'Price of a single drop-in class for a new or regular adult customer (not an intro offer or free trial).',
      ),
      column(
        'class_pack_price',
        'money',
        'Total price of the smallest multi-class pack (e.g. a 5- or 10-class card). The pack price, not the per-class price.',
      ),
      column('phone', 'phone', 'Main phone number of the venue, as listed on its site.'),
      column('city', 'text', 'City where the venue is located (from the address or contact page).'),
    ],
    instructions: {
      promptText: [
        'Find the venue\'s pricing page (often "Pricing", "Rates", "Memberships" or "Classes"; check the menu and footer).',
        '- drop_in_price: one single class for a regular adult. Ignore intro offers, first-class-free deals and student prices.',
        '- class_pack_price: the total price of the smallest pack of several classes (5, 10, ...). Not a monthly unlimited membership.',
        '- phone and city: from the contact page, footer or address block.',
        'If the venue lists prices only in a booking widget, read them from the widget. Leave a field empty rather than guessing.',
      ].join('\n'),
      changeDescription: STARTER,
    },
  },
  {
    id: 'county-sheriff-coroner-contacts',
    name: 'County sheriff and coroner contacts',
    purpose: 'Keep a directory of county sheriffs and coroners with their phone numbers',
    description:
      'For each county government website, find the current sheriff and coroner (or medical examiner) and the public phone number of each office.',
    tags: ['government', 'contacts'],
    columns: [
      column('county_name', 'text', 'Name of the county, e.g. "Lake County".', true),
      column('sheriff_name', 'text', 'Full name of the current elected sheriff (without the title "Sheriff").'),
      column('sheriff_phone', 'phone', "Main non-emergency phone number of the sheriff's office (never 911)."),
      column('coroner_name', 'text', 'Full name of the current coroner or medical examiner.'),
      column('coroner_phone', 'phone', "Main phone number of the coroner's or medical examiner's office."),
    ],
    instructions: {
      promptText: [
        "Start at the county's home page and open the departments or elected officials directory.",
        "- sheriff_name / sheriff_phone: from the Sheriff's Office page. Use the administrative (non-emergency) number, never 911 or a tip line.",
        '- coroner_name / coroner_phone: from the Coroner or Medical Examiner page; some counties combine it with the sheriff — then use the names and numbers given there.',
        'Names without titles ("Jane Doe", not "Sheriff Jane Doe"). Prefer the current office holder; ignore "former" or election pages.',
      ].join('\n'),
      changeDescription: STARTER,
    },
  },
  {
    id: 'restaurant-pos-identification',
    name: 'Restaurant POS system identification',
    purpose: 'Identify which point-of-sale system each restaurant uses',
    description:
      "For each restaurant website, determine the point-of-sale (POS) system behind its online ordering, gift cards or payments, from ordering links, embedded widgets and the site's technology fingerprints.",
    tags: ['restaurants', 'technology'],
    columns: [
      column('restaurant_name', 'text', 'Name of the restaurant as shown on its site.', true),
      column(
        'pos_system',
        'enum',
        'POS vendor powering online ordering or payments, judged from order links (e.g. toasttab.com, square.site, clover.com), widgets and scripts. "Other" when a POS is evident but not one of the listed vendors.',
        true,
        ['Toast', 'Square', 'Clover', 'Lightspeed', 'SpotOn', 'Revel', 'TouchBistro', 'Other'],
      ),
    ],
    instructions: {
      promptText: [
        'Determine the POS system from evidence on the site:',
        '- "Order online", "Gift cards" and "Reservations" links and where they lead (toasttab.com -> Toast, square.site / squareup.com -> Square, clover.com -> Clover, lightspeedhq -> Lightspeed, spoton.com -> SpotOn, revelsystems -> Revel, touchbistro -> TouchBistro).',
        '- Embedded ordering widgets, script and iframe sources, and meta tags.',
        'Answer with exactly one of the allowed values. Use "Other" only when a POS is clearly present but none of the listed ones; quote the evidence you used.',
      ].join('\n'),
      changeDescription: STARTER,
    },
  },
  {
    id: 'product-catalogue',
    name: 'Product catalogue data',
    purpose: 'Build a clean catalogue of products with prices and availability',
    description: 'For each product page, record the product name, brand, SKU, current price and whether it can be bought now.',
    tags: ['ecommerce', 'pricing'],
    columns: [
      column('product_name', 'text', 'Product title as shown on the page, without the brand prefix when the page repeats it.', true),
      column('price', 'money', 'Current selling price of one unit (the sale price when a sale is shown), without the currency symbol.'),
      column('sku', 'text', 'Stock keeping unit or product code shown on the page (SKU, item number, model number, MPN).'),
      column('availability', 'boolean', 'True when the product can be ordered now ("In stock", "Add to cart" enabled); false when out of stock or discontinued.'),
      column('brand', 'text', 'Brand or manufacturer of the product.'),
    ],
    instructions: {
      promptText: [
        'Read the product page (structured data such as JSON-LD "Product" is usually the most reliable source).',
        '- price: the price a customer pays now for one unit; prefer the sale price over a struck-through list price.',
        '- sku: the SKU / item number / model number printed on the page or in structured data.',
        '- availability: true if it can be added to the cart now, false if "out of stock", "sold out" or "discontinued".',
        '- brand: the manufacturer or brand, not the shop.',
      ].join('\n'),
      changeDescription: STARTER,
    },
  },
  {
    id: 'regulatory-compliance-fees',
    name: 'Regulatory filing fees',
    purpose: 'Track filing fees of regulatory agencies and when they take effect',
    description:
      'For each regulatory agency page (licensing boards, secretaries of state, permit offices), find the current filing fee and the date from which it applies; such information is often buried in fee schedules and notices.',
    tags: ['compliance', 'government'],
    columns: [
      column('agency_name', 'text', 'Official name of the agency, board or office.', true),
      column('effective_date', 'date', 'Date from which the current fee applies (as an ISO date, YYYY-MM-DD), from the fee schedule or notice.'),
      column('filing_fee', 'money', 'The standard filing or application fee, in the currency of the page, without expedite or late surcharges.'),
    ],
    instructions: {
      promptText: [
        'Find the agency\'s current fee schedule (look for "Fees", "Fee schedule", "Forms and fees", notices and PDFs linked from them).',
        '- filing_fee: the standard fee for the main filing or application; exclude expedite, late and convenience fees.',
        '- effective_date: the date the current fee took effect. If only an "updated on" date exists, use it and say so in your evidence.',
        'When several fee schedules are listed, use the one in force today, not proposed or past ones.',
      ].join('\n'),
      changeDescription: STARTER,
    },
  },
];

export function findTemplate(id: string): CampaignTemplate | undefined {
  return TEMPLATES.find((template) => template.id === id);
}

export interface TemplateOverrides {
  name?: string;
  purpose?: string;
  description?: string;
  columns?: CampaignDetailsInput['columns'];
  tags?: string[];
  instructions?: { promptText: string; changeDescription?: string };
}

/** A campaign's details from a template, with the caller's fields taking precedence. */
export function applyTemplate(
  templateId: string,
  overrides: TemplateOverrides,
): { details: CampaignDetailsInput; instructions: { promptText: string; changeDescription?: string } } {
  const template = findTemplate(templateId);
  if (!template) {
    throw ValidationError.single(
      'templateId',
      `unknown template "${templateId}"; GET /v1/templates lists them (${TEMPLATES.map((t) => t.id).join(', ')})`,
    );
  }
  return {
    details: {
      name: overrides.name ?? template.name,
      purpose: overrides.purpose ?? template.purpose,
      description: overrides.description ?? template.description,
      columns: overrides.columns ?? template.columns.map((c) => ({ ...c, enumValues: [...c.enumValues] })),
      tags: overrides.tags ?? [...template.tags],
    },
    instructions: overrides.instructions ?? { ...template.instructions },
  };
}
