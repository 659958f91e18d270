// Fitness venues (the Classpass job): drop-in and class-pack prices, phone and city, among
// membership prices, intro offers, was/now promotions, fax lines and franchise HQ numbers.
import { canonicalMoney, plainAmount, type Money } from '../canonical/money';
import { canonicalPhone, displayPhone, telHref, type Phone } from '../canonical/phone';
import { jsonLdScript, type Item } from '../html/blocks';
import { cookieBanner, footerColumns, legalLine, newsletterBox, socialLinks } from '../html/chrome';
import { renderDocument, type NavLink } from '../html/document';
import { esc, slugify } from '../html/escape';
import { FONTS } from '../html/theme';
import type { Rng } from '../prng';
import type { PageResponse, PrimaryMarkup, Site } from '../types';
import { drawPeople } from '../vocab/people';
import { AU_CITIES, PhoneBook, STREETS, UK_CITIES, US_CITIES, type City } from '../vocab/places';
import {
  distinctMoney,
  drawMoney,
  drawPresentation,
  headingMarkup,
  isAt,
  isJsKind,
  markupList,
  money,
  placeSection,
  scale,
  section,
  templateByName,
  type Presentation,
  type TemplateDef,
} from './kit';
import type { GenContext, GeneratedSite, VerticalModule } from './module';
import { html, json } from './responses';
import { renderSection, sectionPayload, type Section } from './section';

const TEMPLATES: TemplateDef[] = [
  { name: 'boutique-studio', shell: 'minimal', font: FONTS.serif, headingFont: FONTS.book, background: '#fdfcf9', text: '#333', radius: 0, cookies: ['box', 'none', 'bar'], visible: ['prose', 'list'], clientLayouts: ['list', 'cards'], apiBase: '/api/studio' },
  { name: 'crossfit-box', shell: 'hero', font: FONTS.sans, headingFont: FONTS.condensed, background: '#111', text: '#f4f4f4', radius: 2, cookies: ['bar', 'top'], visible: ['cards', 'table'], clientLayouts: ['cards', 'table'], apiBase: '/wp-json/box/v1' },
  { name: 'franchise-gym', shell: 'classic', font: FONTS.humanist, headingFont: FONTS.sans, background: '#fff', text: '#222', radius: 6, cookies: ['modal', 'bar'], visible: ['table', 'cards'], clientLayouts: ['table'], apiBase: '/api/clubs/v2' },
  { name: 'yoga-collective', shell: 'sidebar', font: FONTS.book, headingFont: FONTS.serif, background: '#f6f1e7', text: '#3b3024', radius: 12, cookies: ['box', 'top', 'none'], visible: ['dl', 'prose'], clientLayouts: ['list'], apiBase: '/_data' },
  { name: 'rec-center', shell: 'portal', font: FONTS.wide, headingFont: FONTS.wide, background: '#f1f3f5', text: '#1b1b1b', radius: 0, cookies: ['top', 'bar'], visible: ['table', 'dl'], clientLayouts: ['table', 'list'], apiBase: '/services/api/facility' },
];

const CLASSES: Record<string, string[]> = {
  'boutique-studio': ['Reformer Basics', 'Barre Burn', 'Spin & Sculpt', 'Mat Pilates', 'Stretch & Restore', 'Jump Board', 'Tower Flow'],
  'crossfit-box': ['WOD', 'Olympic Lifting', 'Open Gym', 'Kettlebell Club', 'Endurance', 'Foundations', 'Gymnastics Skills'],
  'franchise-gym': ['HIIT 45', 'Spin', 'Boxing Bootcamp', 'Body Pump', 'Open Gym', 'Zumba', 'Core Blast'],
  'yoga-collective': ['Vinyasa Flow', 'Yin Yoga', 'Hot 26', 'Restorative', 'Sound Bath', 'Community Class (by donation)', 'Prenatal Yoga'],
  'rec-center': ['Aqua Fit', 'Pickleball Drop-in', 'Senior Strength', 'Open Swim', 'Youth Basketball', 'Line Dancing', 'Cardio Circuit'],
};

interface FitnessFacts {
  def: TemplateDef;
  pres: Presentation;
  kind: PrimaryMarkup;
  name: string;
  city: City;
  street: string;
  postcode: string;
  dropIn: Money;
  dropInWas: Money | null;
  pack: { count: number; price: Money };
  membership: Money;
  intro: { price: Money; weeks: number };
  phone: Phone;
  fax: Phone | null;
  hq: Phone | null;
  otherClubs: Array<{ name: string; phone: Phone }>;
  pricingAt: string;
  contactAt: string;
  coaches: string[];
  classes: string[];
  founded: number;
  handle: string;
  hours: string;
  parentOrg: string;
  rental: Money;
}

/** `city` is null when the city is JavaScript-only (the name must not give it away). */
function venueName(rng: Rng, template: string, city: City | null): string {
  switch (template) {
    case 'boutique-studio':
      return `${rng.pick(['Lumen', 'Still', 'Linea', 'Tandem', 'Hollow Tree', 'Grace', 'Aster', 'Juniper', 'Saltwater', 'Marigold'])} ${rng.pick(['Pilates', 'Barre', 'Studio', 'Cycle House', 'Reformer Studio'])}`;
    case 'crossfit-box':
      return rng.chance(0.5)
        ? `CrossFit ${rng.pick(['Ironworks', 'Forge', 'Anvil', 'Brickyard', 'Granite', 'Vanguard', 'Copperline', 'Foundry', 'Ironclad'])}`
        : `${rng.pick(['Ironworks', 'Anvil', 'Brickyard', 'Granite', 'Redline', 'Foundry', 'Sawtooth'])} ${rng.pick(['Strength Co.', 'Barbell Club', 'Gym'])}`;
    case 'franchise-gym':
      return `${rng.pick(['PulseWorks', 'FlexNation', 'Motiv8', 'IronHouse', 'Revolve', 'Kinetix'])} Fitness ${rng.pick(['Downtown', 'Northside', 'Eastgate', 'Riverside', 'Midtown', 'Westfield'])}${city ? ` ${city.name}` : ''}`;
    case 'yoga-collective':
      return `${rng.pick(['Lotus', 'Sattva', 'Prana', 'Willow', 'Bodhi', 'Sunflower', 'Moonstone', 'Banyan'])} ${rng.pick(['Yoga Collective', 'Yoga Shala', 'Hot Yoga', 'Yoga & Wellness'])}`;
    default:
      return `${rng.pick(['Riverbend', 'Northside', 'Maple Grove', 'Lakeview', 'Eastside', 'Cedar Park', 'Hillcrest'])} ${rng.pick(['Community Center', 'Recreation Center', 'Rec & Fitness Center'])}`;
  }
}

function pickCity(rng: Rng): City {
  const roll = rng.next();
  if (roll < 0.8) return rng.pick(US_CITIES);
  if (roll < 0.92) return rng.pick(UK_CITIES);
  return rng.pick(AU_CITIES);
}

function generate(ctx: GenContext): GeneratedSite {
  const { rng } = ctx;
  const def = templateByName(TEMPLATES, ctx.template);
  const pres = drawPresentation(def, rng);
  const city = pickCity(rng);
  const cur = city.currency;
  const [lo, hi] = cur === 'GBP' ? [8, 22] : cur === 'AUD' ? [20, 38] : [15, 35];
  const dropIn = drawMoney(rng, cur, lo, hi);
  const packCount = rng.pick([5, 10, 10, 20]);
  const pack = { count: packCount, price: scale(dropIn, packCount * (0.72 + rng.next() * 0.16)) };
  const membership = distinctMoney([dropIn, pack.price], () => drawMoney(rng, cur, cur === 'GBP' ? 45 : 89, cur === 'GBP' ? 120 : 229, 0.1));
  const dropInWas = rng.chance(0.35) ? { minor: dropIn.minor + 500, currency: cur } : null;
  const intro = { price: distinctMoney([dropIn, pack.price, membership, ...(dropInWas ? [dropInWas] : [])], () => drawMoney(rng, cur, lo + 10, hi + 30, 0)), weeks: rng.pick([2, 3, 4]) };
  const book = new PhoneBook(rng);
  const range = city.phone!;
  const phone = book.draw(range);
  const fax = ctx.template === 'rec-center' || rng.chance(0.3) ? book.draw(range) : null;
  const hq = ctx.template === 'franchise-gym' && city.country === 'US' ? book.us('800') : null;
  // JavaScript-only sites keep the city out of the raw HTML: no city in names, titles or footers.
  const cityHidden = isJsKind(ctx.kind);
  const name = venueName(rng, ctx.template, cityHidden ? null : city);
  const otherClubs =
    ctx.template === 'franchise-gym'
      ? Array.from({ length: 2 }, () => ({ name: `${name.split(' Fitness')[0]} Fitness ${rng.pick(['Airport', 'University', 'Southpark', 'Harbor'])}${cityHidden ? '' : ` ${city.name}`}`, phone: book.draw(range) }))
      : [];
  const pricingAt = placeSection(rng, '/pricing', 0.35, ctx.forceHome);
  const contactAt = placeSection(rng, '/contact', 0.35, ctx.forceHome);
  const facts: FitnessFacts = {
    def,
    pres,
    kind: ctx.kind,
    name,
    city,
    street: `${rng.int(12, 4800)} ${rng.pick(STREETS)}`,
    postcode: city.postcode(rng),
    dropIn,
    dropInWas,
    pack,
    membership,
    intro,
    phone,
    fax,
    hq,
    otherClubs,
    pricingAt,
    contactAt,
    coaches: drawPeople(rng, 4),
    classes: rng.sample(CLASSES[ctx.template] ?? [], 5),
    founded: rng.int(1998, 2022),
    handle: slugify(name).replace(/-/g, ''),
    hours: rng.pick(['Mon–Fri 5:30am–9pm · Sat–Sun 7am–6pm', 'Open daily 6am–10pm', 'Mon–Thu 6am–8pm, Fri 6am–7pm, weekends 8am–2pm']),
    parentOrg: ctx.template === 'rec-center' ? (cityHidden ? 'Parks & Recreation Department' : `City of ${city.name} Parks & Recreation`) : name,
    rental: distinctMoney([dropIn, pack.price, membership, intro.price, ...(dropInWas ? [dropInWas] : [])], () => drawMoney(rng, cur, 40, 95, 0)),
  };
  const fieldLocations = { venue_name: 'home', drop_in_price: pricingAt, class_pack_price: pricingAt, phone: contactAt, city: contactAt };
  const fieldMarkup: Record<string, PrimaryMarkup> = { venue_name: headingMarkup(ctx.kind), drop_in_price: ctx.kind, class_pack_price: ctx.kind, phone: ctx.kind, city: ctx.kind };
  return {
    name,
    entryPath: '/',
    facts,
    fields: {
      venue_name: name,
      drop_in_price: canonicalMoney(dropIn),
      class_pack_price: canonicalMoney(pack.price),
      phone: canonicalPhone(phone),
      city: city.name,
    },
    fieldLocations,
    fieldMarkup,
    markup: markupList(fieldMarkup, fieldLocations, 'venue_name'),
  };
}

function packLabel(f: FitnessFacts): string {
  switch (f.def.name) {
    case 'boutique-studio':
      return `${f.pack.count}-class pack`;
    case 'crossfit-box':
      return `${f.pack.count} Class Punch Card`;
    case 'franchise-gym':
      return `Class pack (${f.pack.count} classes)`;
    case 'yoga-collective':
      return `${f.pack.count} class card`;
    default:
      return `${f.pack.count}-visit pass`;
  }
}

function pricingItems(f: FitnessFacts): Item[] {
  const s = f.pres.moneyStyle;
  const dropIn: Item = {
    col: 'drop_in_price',
    label: f.def.name === 'crossfit-box' ? 'Drop-in WOD' : f.def.name === 'rec-center' ? 'Daily drop-in (fitness classes)' : 'Drop-in class',
    value: money(f.dropIn, s),
    was: f.dropInWas ? money(f.dropInWas, s) : undefined,
    note: f.dropInWas ? 'this month only' : undefined,
    sem: { kind: 'offer', amount: plainAmount(f.dropIn), currency: f.dropIn.currency },
    sentence: f.dropInWas ? 'Drop in for just {value} a class (was {was}).' : 'Drop in for just {value} a class.',
  };
  const pack: Item = {
    col: 'class_pack_price',
    label: packLabel(f),
    value: money(f.pack.price, s),
    sem: { kind: 'offer', amount: plainAmount(f.pack.price), currency: f.pack.price.currency },
    sentence: `Save with a ${f.pack.count}-class pack for {value}, valid for six months.`,
  };
  const membership: Item = {
    label: 'Unlimited monthly membership',
    value: money(f.membership, s),
    note: 'per month, 12-month commitment',
    sem: { kind: 'offer', amount: plainAmount(f.membership), currency: f.membership.currency },
    sentence: 'Unlimited monthly memberships run {value} per month with a 12-month commitment.',
  };
  const intro: Item = {
    label: `New student intro (${f.intro.weeks} weeks unlimited)`,
    value: money(f.intro.price, s),
    sentence: `New here? Try ${f.intro.weeks} weeks unlimited for {value}.`,
  };
  const order = f.def.name === 'franchise-gym' ? [membership, intro, dropIn, pack] : f.def.name === 'yoga-collective' ? [intro, dropIn, pack, membership] : [dropIn, pack, membership, intro];
  return order;
}

function contactItems(f: FitnessFacts): Item[] {
  const ps = f.pres.phoneStyle;
  const address = `${f.street}, ${f.city.name}, ${f.city.region} ${f.postcode}`;
  const items: Item[] = [
    { col: 'phone', label: f.def.name === 'rec-center' ? 'Front desk' : 'Phone', value: displayPhone(f.phone, ps), href: telHref(f.phone), sem: { kind: 'telephone' }, sentence: 'Questions? Call the front desk at {value}.' },
    { col: 'city', label: 'City', value: f.city.name, sem: { kind: 'locality' }, sentence: `You'll find us at ${f.street} in {value}, ${f.city.region}.` },
    { label: 'Address', value: address, sentence: 'Our full address is {value}.' },
  ];
  if (f.fax) items.push({ label: 'Fax', value: displayPhone(f.fax, ps), sem: { kind: 'faxNumber' }, sentence: 'Waivers and medical forms can be faxed to {value}.' });
  if (f.hq) items.push({ label: 'Franchise HQ (membership billing)', value: displayPhone(f.hq, ps + 1), sentence: 'Billing questions go to our franchise headquarters at {value}.' });
  return items;
}

function jsonLd(f: FitnessFacts, withPricing: boolean, withContact: boolean): string {
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': f.def.name === 'rec-center' ? 'SportsActivityLocation' : 'ExerciseGym',
    name: f.name,
  };
  if (withContact) {
    data.telephone = displayPhone(f.phone, 3);
    if (f.fax) data.faxNumber = displayPhone(f.fax, 3);
    data.address = { '@type': 'PostalAddress', streetAddress: f.street, addressLocality: f.city.name, addressRegion: f.city.region, postalCode: f.postcode };
  }
  if (withPricing) {
    data.makesOffer = [
      { '@type': 'Offer', name: 'Drop-in class', price: plainAmount(f.dropIn), priceCurrency: f.dropIn.currency },
      { '@type': 'Offer', name: packLabel(f), price: plainAmount(f.pack.price), priceCurrency: f.pack.price.currency },
      { '@type': 'Offer', name: 'Unlimited monthly membership', price: plainAmount(f.membership), priceCurrency: f.membership.currency },
    ];
  }
  return jsonLdScript(data);
}

function pricingSection(f: FitnessFacts): Section {
  const heading = { 'boutique-studio': 'pricing', 'crossfit-box': 'DROP-INS & PRICING', 'franchise-gym': 'Memberships & class passes', 'yoga-collective': 'Energy exchange', 'rec-center': 'Fees' }[f.def.name] ?? 'Pricing';
  return section(f.pres, f.def.apiBase, f.kind, {
    id: 'pricing',
    heading,
    items: pricingItems(f),
    headers: ['Option', 'Price'],
    loadingText: 'Loading current rates…',
    offerProp: 'makesOffer',
    proseLead: f.def.name === 'crossfit-box' ? 'Traveling athletes are always welcome.' : '',
  });
}

function contactSection(f: FitnessFacts): Section {
  return section(f.pres, f.def.apiBase, f.kind, {
    id: 'contact',
    heading: f.def.name === 'crossfit-box' ? 'FIND THE BOX' : f.def.name === 'boutique-studio' ? 'visit' : 'Contact & location',
    items: contactItems(f),
    headers: ['', ''],
    loadingText: 'Loading contact details…',
  });
}

function nav(f: FitnessFacts): NavLink[] {
  const links: NavLink[] = [{ href: '/', label: f.def.name === 'rec-center' ? 'Facility home' : 'Home' }];
  links.push({ href: '/schedule', label: f.def.name === 'crossfit-box' ? 'WOD' : 'Schedule' });
  if (f.pricingAt !== 'home') links.push({ href: '/pricing', label: f.def.name === 'yoga-collective' ? 'Energy exchange' : 'Pricing' });
  links.push({ href: '/about', label: f.def.name === 'franchise-gym' ? 'Why us' : 'About' });
  links.push({ href: '/contact', label: f.def.name === 'boutique-studio' ? 'visit' : 'Contact' });
  return links;
}

function footer(f: FitnessFacts): string {
  const address = isJsKind(f.kind) ? esc(f.street) : `${esc(f.street)}, ${esc(f.city.name)}, ${esc(f.city.region)}`;
  const other = f.otherClubs.map((c) => `<li>${esc(c.name)} — ${esc(displayPhone(c.phone, f.pres.phoneStyle))}</li>`).join('');
  const hq = f.hq ? `<p>Corporate office: ${esc(displayPhone(f.hq, 4))}</p>` : '';
  switch (f.def.name) {
    case 'boutique-studio':
      return `<p>${esc(f.name)} · ${address}</p><p>${esc(f.hours)}</p>${socialLinks(f.handle)}${legalLine(f.name, 2025)}`;
    case 'crossfit-box':
      return `<p>${esc(f.name.toUpperCase())} — EST. ${f.founded}</p><p>${esc(f.hours)}</p>${socialLinks(f.handle)}<p>Affiliate of the global fitness movement. All athletes sign a waiver before training.</p>${legalLine(f.name, 2025)}`;
    case 'franchise-gym':
      return footerColumns(
        [
          { heading: 'This club', html: `<p>${address}</p><p>${esc(f.hours)}</p>` },
          { heading: 'Other clubs near you', html: `<ul>${other}</ul>` },
          { heading: 'Company', html: `<p><a href="/careers">Careers</a> · <a href="/franchise">Own a franchise</a></p>${hq}` },
        ],
        legalLine(`${f.name.split(' Fitness')[0]} Fitness Franchising LLC`, 2025),
      );
    case 'yoga-collective':
      return `<p>${address} · ${esc(f.hours)}</p>${newsletterBox('Moon circle letters, twice a month:')}${socialLinks(f.handle)}${legalLine(f.name, 2025)}`;
    default:
      return footerColumns(
        [
          { heading: f.parentOrg, html: `<p>${address}</p><p>${esc(f.hours)}</p>` },
          { heading: 'Quick links', html: '<p><a href="/about">Facility rentals</a> · <a href="/schedule">Program guide</a> · <a href="/about">Volunteer</a></p>' },
        ],
        legalLine(f.parentOrg, 2025),
      );
  }
}

function frame(site: Site, f: FitnessFacts, path: string, title: string, main: string, head: string): PageResponse {
  const tagline = {
    'boutique-studio': 'small classes. big attention.',
    'crossfit-box': 'FORGE YOUR FITNESS. NO EGO. JUST WORK.',
    'franchise-gym': 'Your neighborhood gym, open early and late.',
    'yoga-collective': 'Breathe, move, belong.',
    'rec-center': `${f.parentOrg}`,
  }[f.def.name];
  const wrapped = f.kind === 'microdata' ? `<div itemscope itemtype="https://schema.org/${f.def.name === 'rec-center' ? 'SportsActivityLocation' : 'ExerciseGym'}">${path === site.entryPath ? '' : `<meta itemprop="name" content="${esc(f.name)}">`}${main}</div>` : main;
  const aside =
    f.def.name === 'rec-center'
      ? `<h3>Quick links</h3><ul><li><a href="/schedule">Program guide (PDF)</a></li><li><a href="/about">Facility rentals from ${esc(money(f.rental, f.pres.moneyStyle))}/hr</a></li><li><a href="/contact">Accessibility requests</a></li></ul>`
      : undefined;
  const doc = renderDocument({
    theme: f.pres.theme,
    lang: f.city.country === 'US' ? 'en-US' : f.city.country === 'GB' ? 'en-GB' : 'en-AU',
    title,
    metaDescription: isJsKind(f.kind) ? `${f.name}: classes, schedule and pricing.` : `${f.name} in ${f.city.name}: classes, schedule and pricing.`,
    brand: f.name,
    tagline,
    nav: nav(f),
    activePath: path,
    main: wrapped,
    aside,
    footer: footer(f),
    cookie: cookieBanner(f.pres.cookie, f.name),
    head,
    topBar: f.def.name === 'rec-center' ? `${esc(f.parentOrg)} · Official facility page` : f.def.name === 'franchise-gym' ? `Join online today — no enrollment fee this week!` : undefined,
    breadcrumbs: f.def.name === 'rec-center' ? [{ href: '/', label: 'Parks & Recreation' }, { href: path, label: title.split(' | ')[0] ?? title }] : undefined,
  });
  return html(doc);
}

function homeIntro(f: FitnessFacts): string {
  const name = f.kind === 'microdata' ? `<h1 itemprop="name">${esc(f.name)}</h1>` : `<h1>${esc(f.name)}</h1>`;
  const classes = f.classes.map((c) => `<li>${esc(c)}</li>`).join('');
  const coaches = f.coaches.map((c) => `<li>${esc(c)}</li>`).join('');
  switch (f.def.name) {
    case 'boutique-studio':
      return `${name}<p><em>Since ${f.founded}, a light-filled studio${isJsKind(f.kind) ? '' : ` in ${esc(f.city.name)}`} where every class is capped at twelve.</em></p><h2>classes</h2><ul>${classes}</ul><h2>instructors</h2><ul>${coaches}</ul><blockquote>“The most attentive teachers I have ever had.” — a regular</blockquote>`;
    case 'crossfit-box':
      return `${name}<div class="card"><h2>TODAY'S WOD</h2><p>For time: 21-15-9 thrusters (95/65 lb) and pull-ups. Then 3 rounds: 400 m run, 12 box jumps (24/20 in).</p></div><div class="card"><h2>COACHES</h2><ul>${coaches}</ul></div><p>Everyone scales. Everyone sweats. ${isJsKind(f.kind) ? 'The friendliest box in town' : `${esc(f.city.name)}'s friendliest box`} since ${f.founded}.</p>`;
    case 'franchise-gym':
      return `${name}<p class="badge">Memberships from ${esc(money(f.membership, f.pres.moneyStyle))}/mo</p><h2>Amenities</h2><ul><li>24 squat racks &amp; turf lane</li><li>Recovery lounge with cold plunge</li><li>Kids club (ages 2–11)</li><li>Free parking</li></ul><h2>Group classes</h2><ul>${classes}</ul>`;
    case 'yoga-collective':
      return `${name}<p>A community-held space for every body. Sliding-scale community classes run every Sunday; nobody is turned away for lack of funds.</p><h2>Offerings</h2><ul>${classes}</ul><h2>Teachers</h2><ul>${coaches}</ul>`;
    default:
      return `${name}<p>The ${esc(f.name)} offers a fitness floor, indoor track, pool and group fitness classes for residents and visitors. Non-residents are welcome.</p><table><caption>Facility hours</caption><tbody><tr><th>Hours</th><td>${esc(f.hours)}</td></tr><tr><th>Pool</th><td>Lap swim 6–9am, family swim weekends</td></tr></tbody></table><h2>Programs</h2><ul>${classes}</ul>`;
  }
}

function teaser(f: FitnessFacts): string {
  const links: string[] = [];
  if (f.pricingAt !== 'home') links.push(`<a href="/pricing">See ${f.def.name === 'yoga-collective' ? 'energy exchange' : 'pricing'} →</a>`);
  if (f.contactAt !== 'home') links.push(`<a href="/contact">Plan your visit →</a>`);
  return links.length ? `<p class="teaser">${links.join(' · ')}</p>` : '';
}

function render(site: Site, path: string): PageResponse | null {
  const f = site.facts as FitnessFacts;
  const pricing = pricingSection(f);
  const contact = contactSection(f);
  if (f.kind === 'js-xhr') {
    if (path === pricing.apiPath) return json(sectionPayload(pricing));
    if (path === contact.apiPath) return json(sectionPayload(contact));
  }
  const pricingHere = isAt(f.pricingAt, path, site.entryPath);
  const contactHere = isAt(f.contactAt, path, site.entryPath);
  const head = f.kind === 'json-ld' && (path === '/' || pricingHere || contactHere) ? jsonLd(f, pricingHere, contactHere) : '';
  const blocks = `${pricingHere ? renderSection(pricing) : ''}${contactHere ? renderSection(contact) : ''}`;
  switch (path) {
    case '/':
      return frame(site, f, path, isJsKind(f.kind) ? `${f.name} | Classes & pricing` : `${f.name} | ${f.city.name}`, `${homeIntro(f)}${blocks}${teaser(f)}`, head);
    case '/pricing':
      if (f.pricingAt === 'home') return null;
      return frame(site, f, path, `Pricing | ${f.name}`, `<h1>${esc(pricing.heading)}</h1><p>All prices include tax. Memberships renew monthly; class packs are non-transferable.</p>${blocks}`, head);
    case '/contact':
      return frame(
        site,
        f,
        path,
        `Contact | ${f.name}`,
        `<h1>Contact</h1>${contactHere ? blocks : ''}<form action="/contact" method="post"><label>Your email <input type="email" name="email"></label><label>Message <textarea name="message"></textarea></label><button>Send</button></form>`,
        head,
      );
    case '/about':
      return frame(site, f, path, `About | ${f.name}`, `<h1>About ${esc(f.name)}</h1><p>Founded in ${f.founded} by ${esc(f.coaches[0] ?? '')}, we believe fitness should feel like community, not punishment.</p><p>Our team: ${f.coaches.map(esc).join(', ')}.</p>`, '');
    case '/schedule':
      return frame(site, f, path, `Schedule | ${f.name}`, `<h1>Weekly schedule</h1><table><tbody>${f.classes.map((c, i) => `<tr><td>${['Mon', 'Tue', 'Wed', 'Thu', 'Fri'][i]}</td><td>${6 + i}:00</td><td>${esc(c)}</td><td>${esc(f.coaches[i % f.coaches.length] ?? '')}</td></tr>`).join('')}</tbody></table>`, '');
    default:
      return null;
  }
}

export const fitness: VerticalModule = {
  vertical: 'fitness',
  templates: TEMPLATES.map((t) => t.name),
  markupKinds: ['json-ld', 'microdata', 'table', 'dl', 'prose', 'js-inline', 'js-xhr'],
  generate,
  render,
};
