// Attraction tickets (the Klook vs Trip.com job): adult and child admission and the currency,
// among senior/student/family prices, season passes, surcharges and was/now online discounts.
import { canonicalMoney, plainAmount, type Money } from '../canonical/money';
import { jsonLdScript, type Item } from '../html/blocks';
import { cookieBanner, footerColumns, legalLine, newsletterBox, socialLinks } from '../html/chrome';
import { renderDocument, type NavLink } from '../html/document';
import { esc, slugify } from '../html/escape';
import { FONTS } from '../html/theme';
import type { Rng } from '../prng';
import type { Currency, PageResponse, PrimaryMarkup, Site } from '../types';
import { TOURIST_CITIES, type City } from '../vocab/places';
import { distinctMoney, drawMoney, drawPresentation, headingMarkup, isAt, markupList, money, placeSection, scale, section, templateByName, type Presentation, type TemplateDef } from './kit';
import type { GenContext, GeneratedSite, VerticalModule } from './module';
import { html, json } from './responses';
import { renderSection, sectionPayload, type Section } from './section';

const TEMPLATES: TemplateDef[] = [
  { name: 'theme-park', shell: 'hero', font: FONTS.humanist, headingFont: FONTS.condensed, background: '#111', text: '#fff', radius: 14, cookies: ['bar', 'modal'], visible: ['cards'], clientLayouts: ['cards'], apiBase: '/api/tickets' },
  { name: 'museum', shell: 'classic', font: FONTS.serif, headingFont: FONTS.serif, background: '#fffdf8', text: '#2b2118', radius: 0, cookies: ['top', 'bar', 'none'], visible: ['table', 'dl'], clientLayouts: ['table'], apiBase: '/visit/api' },
  { name: 'tour-operator', shell: 'shop', font: FONTS.sans, headingFont: FONTS.sans, background: '#fafafa', text: '#222', radius: 8, cookies: ['box', 'modal'], visible: ['cards', 'list'], clientLayouts: ['cards', 'list'], apiBase: '/booking/v3/products' },
  { name: 'zoo-aquarium', shell: 'sidebar', font: FONTS.humanist, headingFont: FONTS.humanist, background: '#eef8f6', text: '#123', radius: 10, cookies: ['box', 'top'], visible: ['dl', 'table'], clientLayouts: ['list', 'table'], apiBase: '/_api/admission' },
  { name: 'observation-deck', shell: 'minimal', font: FONTS.sans, headingFont: FONTS.sans, background: '#fdfcf9', text: '#333', radius: 0, cookies: ['none', 'bar'], visible: ['prose', 'list'], clientLayouts: ['list'], apiBase: '/data' },
];

interface AttractionFacts {
  def: TemplateDef;
  pres: Presentation;
  kind: PrimaryMarkup;
  name: string;
  city: City;
  adult: Money;
  adultWas: Money | null;
  child: Money;
  childAges: string;
  extras: Array<{ label: string; price: Money; note?: string }>;
  ticketsAt: string;
  hours: string;
  highlights: string[];
  handle: string;
}

const RANGES: Record<Currency, [number, number]> = { USD: [18, 89], EUR: [12, 45], GBP: [10, 40], SGD: [20, 88], AUD: [25, 95], JPY: [8, 48] };

function attractionName(rng: Rng, template: string, city: City): string {
  const place = rng.chance(0.5) ? `${city.name} ` : '';
  switch (template) {
    case 'theme-park':
      return `${rng.pick(['Thunder Ridge', 'Galaxy Bay', 'Wildwater', 'Pirate Cove', 'Cloudland', 'Rocket Valley'])} ${rng.pick(['Adventure Park', 'Theme Park', 'Waterpark', 'Fun Kingdom'])}`;
    case 'museum':
      return `${place}${rng.pick(['Old Mill Heritage', 'Maritime', 'Natural History', 'Railway', 'Modern Art', 'Science & Industry', 'Toy & Childhood'])} Museum`;
    case 'tour-operator':
      return `${place}${rng.pick(['Harbor Lights Sunset Cruise', 'Old Town Walking Tour', 'Night Food Tour', 'River Kayak Adventure', 'Hop-on Hop-off Bus Tour', 'Ghosts & Legends Tour'])}`;
    case 'zoo-aquarium':
      return `${rng.pick(['Coral Bay', 'Blue Lagoon', 'Riverside', 'Sunset Hills', 'Kelp Forest', 'Savanna Springs'])} ${rng.pick(['Aquarium', 'Zoo', 'Wildlife Park', 'Sea Life Centre'])}`;
    default:
      return `${place}${rng.pick(['Skyline 360', 'Summit One', 'Cloud Nine', 'Horizon Tower', 'The Lookout', 'Apex'])} Observation Deck`;
  }
}

function generate(ctx: GenContext): GeneratedSite {
  const { rng } = ctx;
  const def = templateByName(TEMPLATES, ctx.template);
  const pres = drawPresentation(def, rng);
  const city = rng.pick(TOURIST_CITIES);
  const cur = city.currency;
  const [lo, hi] = RANGES[cur];
  const adult = cur === 'JPY' ? { minor: rng.int(lo, hi) * 100, currency: cur } : drawMoney(rng, cur, lo, hi, 0.4);
  const child = distinctMoney([adult], () => scale(adult, 0.55 + rng.next() * 0.25));
  const adultWas = rng.chance(0.3) ? distinctMoney([adult, child], () => scale(adult, 1.1 + rng.next() * 0.15)) : null;
  const taken = [adult, child, ...(adultWas ? [adultWas] : [])];
  const extra = (label: string, factor: number, note?: string) => {
    const price = distinctMoney(taken, () => scale(adult, factor + rng.next() * 0.2));
    taken.push(price);
    return { label, price, note };
  };
  const extrasFor: Record<string, () => AttractionFacts['extras']> = {
    'theme-park': () => [extra('Season pass', 2.4, 'unlimited visits all season'), extra('Preferred parking', 0.3), extra('Express pass add-on', 0.6)],
    museum: () => [extra('Seniors (65+)', 0.7), extra('Students with ID', 0.75), extra('Special exhibition surcharge', 0.2)],
    'tour-operator': () => [extra('Family bundle (2 adults + 2 children)', 2.7), extra('Private tour (up to 6 guests)', 4.5), extra('Hotel pickup', 0.15)],
    'zoo-aquarium': () => [extra('Annual family membership', 4.2), extra('Behind-the-scenes tour', 0.9), extra('Seniors (65+)', 0.8)],
    'observation-deck': () => [extra('Sunset time slot surcharge', 0.25), extra('Express entry', 0.5), extra('Deck + café combo', 1.3)],
  };
  const extras = (extrasFor[ctx.template] ?? (() => []))();
  const name = attractionName(rng, ctx.template, city);
  const ticketsAt = placeSection(rng, '/tickets', 0.35, ctx.forceHome);
  const facts: AttractionFacts = {
    def,
    pres,
    kind: ctx.kind,
    name,
    city,
    adult,
    adultWas,
    child,
    childAges: rng.pick(['3–11', '4–12', '5–15', '3–17']),
    extras,
    ticketsAt,
    hours: rng.pick(['Open daily 9:00–18:00 (last entry 17:00)', 'Mon–Sun 10am–10pm', 'Seasonal hours: 9:30–17:30, closed Tuesdays']),
    highlights: rng.sample(['Panoramic views', 'Interactive exhibits', 'Guided tours in 6 languages', 'Family-friendly', 'Wheelchair accessible', 'Gift shop & café', 'Free audio guide', 'Photo spots'], 4),
    handle: slugify(name).replace(/-/g, ''),
  };
  const fieldLocations = { attraction_name: 'home', adult_price: ticketsAt, child_price: ticketsAt, currency: ticketsAt };
  const fieldMarkup: Record<string, PrimaryMarkup> = { attraction_name: headingMarkup(ctx.kind), adult_price: ctx.kind, child_price: ctx.kind, currency: ctx.kind };
  return {
    name,
    entryPath: '/',
    facts,
    fields: { attraction_name: name, adult_price: canonicalMoney(adult), child_price: canonicalMoney(child), currency: cur },
    fieldLocations,
    fieldMarkup,
    markup: markupList(fieldMarkup, fieldLocations, 'attraction_name'),
  };
}

function ticketItems(f: AttractionFacts): Item[] {
  const s = f.pres.moneyStyle;
  const offer = (m: Money) => ({ kind: 'offer' as const, amount: plainAmount(m), currency: m.currency });
  const adultLabel = { 'theme-park': 'Adult (ages 12+)', museum: 'Adults', 'tour-operator': 'Adult', 'zoo-aquarium': 'Adult (13+)', 'observation-deck': 'General admission — adult' }[f.def.name] ?? 'Adult';
  const adult: Item = {
    col: 'adult_price',
    label: adultLabel,
    value: money(f.adult, s),
    was: f.adultWas ? money(f.adultWas, s) : undefined,
    note: f.adultWas ? 'online price' : undefined,
    sem: offer(f.adult),
    sentence: f.adultWas ? 'Adult tickets are {value} when you book online (gate price {was}).' : 'Adult tickets cost {value}.',
  };
  const child: Item = {
    col: 'child_price',
    label: `Child (${f.childAges})`,
    value: money(f.child, s),
    sem: offer(f.child),
    sentence: `Children aged ${f.childAges} pay {value}, and under-3s go free.`,
  };
  const extras: Item[] = f.extras.map((e) => ({ label: e.label, value: money(e.price, s), note: e.note, sem: offer(e.price), sentence: `${e.label}: {value}.` }));
  return f.def.name === 'tour-operator' ? [extras[0] as Item, adult, child, ...extras.slice(1)] : [adult, child, ...extras];
}

function ticketsSection(f: AttractionFacts): Section {
  return section(f.pres, f.def.apiBase, f.kind, {
    id: 'tickets',
    heading: { 'theme-park': 'TICKETS', museum: 'Admission', 'tour-operator': 'Choose your tickets', 'zoo-aquarium': 'Admission prices', 'observation-deck': 'tickets' }[f.def.name] ?? 'Tickets',
    intro: f.def.name === 'museum' ? 'Members and children under 3 enter free. Admission includes all permanent galleries.' : undefined,
    items: ticketItems(f),
    headers: ['Ticket', 'Price'],
    loadingText: 'Checking availability and prices…',
    offerProp: 'offers',
    proseLead: f.def.name === 'observation-deck' ? `Tickets are timed; arrive 15 minutes before your slot.` : '',
  });
}

function jsonLd(f: AttractionFacts, withTickets: boolean): string {
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': f.def.name === 'museum' ? 'Museum' : f.def.name === 'zoo-aquarium' ? (f.name.includes('Zoo') ? 'Zoo' : 'Aquarium') : 'TouristAttraction',
    name: f.name,
    address: { '@type': 'PostalAddress', addressLocality: f.city.name, addressCountry: f.city.country },
    openingHours: f.hours,
  };
  if (withTickets) {
    data.offers = [
      { '@type': 'Offer', name: 'Adult admission', price: plainAmount(f.adult), priceCurrency: f.adult.currency },
      { '@type': 'Offer', name: `Child admission (${f.childAges})`, price: plainAmount(f.child), priceCurrency: f.child.currency },
      ...f.extras.map((e) => ({ '@type': 'Offer', name: e.label, price: plainAmount(e.price), priceCurrency: e.price.currency })),
    ];
  }
  return jsonLdScript(data);
}

function nav(f: AttractionFacts): NavLink[] {
  const links: NavLink[] = [{ href: '/', label: 'Home' }];
  if (f.ticketsAt !== 'home') links.push({ href: '/tickets', label: f.def.name === 'museum' ? 'Admission' : 'Tickets' });
  links.push({ href: '/visit', label: f.def.name === 'tour-operator' ? 'Meeting point' : 'Plan your visit' });
  links.push({ href: '/about', label: 'About' });
  return links;
}

function footer(f: AttractionFacts): string {
  switch (f.def.name) {
    case 'theme-park':
      return `<p>${esc(f.name.toUpperCase())} · ${esc(f.city.name)}</p><p>${esc(f.hours)}</p>${socialLinks(f.handle)}${legalLine(`${f.name} Operating Co.`, 2025)}`;
    case 'museum':
      return footerColumns(
        [
          { heading: 'Visit', html: `<p>${esc(f.hours)}</p><p>${esc(f.city.name)}, ${esc(f.city.region)}</p>` },
          { heading: 'Support', html: '<p><a href="/about">Become a member</a> · <a href="/about">Donate</a> · <a href="/about">Volunteer</a></p>' },
        ],
        legalLine(`${f.name} Trust`, 2025),
      );
    case 'tour-operator':
      return `<p>Free cancellation up to 24 hours before your tour. Instant confirmation.</p><p>Operated by ${esc(f.name)} Ltd, ${esc(f.city.name)}.</p>${legalLine(`${f.name} Ltd`, 2025)}`;
    case 'zoo-aquarium':
      return `<p>${esc(f.hours)} · ${esc(f.city.name)}</p>${newsletterBox('Get feeding times and keeper talks by email:')}${socialLinks(f.handle)}${legalLine(f.name, 2025)}`;
    default:
      return `<p>${esc(f.name)} — ${esc(f.city.name)}</p>${legalLine(f.name, 2025)}`;
  }
}

function frame(site: Site, f: AttractionFacts, path: string, title: string, main: string, head: string): PageResponse {
  const scopeType = f.def.name === 'museum' ? 'Museum' : 'TouristAttraction';
  const wrapped = f.kind === 'microdata' ? `<div itemscope itemtype="https://schema.org/${scopeType}">${path === site.entryPath ? '' : `<meta itemprop="name" content="${esc(f.name)}">`}${main}</div>` : main;
  return html(
    renderDocument({
      theme: f.pres.theme,
      lang: f.city.country === 'US' ? 'en-US' : f.city.country === 'GB' ? 'en-GB' : 'en',
      title,
      metaDescription: `Tickets, opening hours and visitor information for ${f.name}, ${f.city.name}.`,
      brand: f.name,
      tagline: { 'theme-park': 'THRILLS FOR THE WHOLE FAMILY', museum: 'Stories worth keeping', 'tour-operator': `Top-rated experience in ${f.city.name}`, 'zoo-aquarium': 'Wild encounters every day', 'observation-deck': `the best view in ${f.city.name.toLowerCase()}` }[f.def.name],
      nav: nav(f),
      activePath: path,
      main: wrapped,
      footer: footer(f),
      cookie: cookieBanner(f.pres.cookie, f.name),
      head,
      breadcrumbs: f.def.name === 'tour-operator' ? [{ href: '/', label: `Things to do in ${f.city.name}` }, { href: '/', label: 'Tours' }] : undefined,
    }),
  );
}

function homeIntro(f: AttractionFacts): string {
  const h1 = f.kind === 'microdata' ? `<h1 itemprop="name">${esc(f.name)}</h1>` : `<h1>${esc(f.name)}</h1>`;
  const highlights = f.highlights.map((h) => `<li>${esc(h)}</li>`).join('');
  switch (f.def.name) {
    case 'theme-park':
      return `${h1}<div class="card"><h2>40+ RIDES &amp; SLIDES</h2><p>From the 62 m Thunderbolt coaster to gentle family rides. Height restrictions apply: 120 cm for major coasters.</p></div>`;
    case 'museum':
      return `${h1}<p>Housed in a restored 1887 building, the museum holds more than 12,000 objects. This season: <em>Threads of Time</em>, textiles from four centuries.</p><ul>${highlights}</ul>`;
    case 'tour-operator':
      return `${h1}<p>★★★★★ 4.8 (2,314 reviews) · Duration 2.5 hours · Small groups (max 16)</p><div class="buybox"><p>Reserve now &amp; pay later. Mobile tickets accepted.</p></div><h2>Highlights</h2><ul>${highlights}</ul>`;
    case 'zoo-aquarium':
      return `${h1}<p>Meet more than 300 species across six habitats. Feeding times at 11:00 and 15:00 daily.</p><ul>${highlights}</ul>`;
    default:
      return `${h1}<p>360° views from 312 metres up. On a clear day you can see 80 km.</p>`;
  }
}

function render(site: Site, path: string): PageResponse | null {
  const f = site.facts as AttractionFacts;
  const tickets = ticketsSection(f);
  if (f.kind === 'js-xhr' && path === tickets.apiPath) return json(sectionPayload(tickets));
  const here = isAt(f.ticketsAt, path, site.entryPath);
  const head = f.kind === 'json-ld' && (path === '/' || here) ? jsonLd(f, here) : '';
  const block = here ? renderSection(tickets) : '';
  const teaser = f.ticketsAt !== 'home' ? `<p><a href="/tickets">Buy tickets →</a></p>` : '';
  switch (path) {
    case '/':
      return frame(site, f, path, `${f.name} | Tickets & visitor info`, `${homeIntro(f)}${block}${teaser}`, head);
    case '/tickets':
      if (f.ticketsAt === 'home') return null;
      return frame(site, f, path, `Tickets | ${f.name}`, `<h1>${esc(tickets.heading)}</h1><p>Book online to skip the queue. Tickets are valid for the date selected.</p>${block}`, head);
    case '/visit':
      return frame(site, f, path, `Plan your visit | ${f.name}`, `<h1>Plan your visit</h1><p>${esc(f.hours)}</p><p>${esc(f.name)}, ${esc(f.city.name)}, ${esc(f.city.region)}. Public transport recommended; limited parking on site.</p>`, '');
    case '/about':
      return frame(site, f, path, `About | ${f.name}`, `<h1>About us</h1><p>${esc(f.name)} welcomes over a million visitors a year.</p>`, '');
    default:
      return null;
  }
}

export const attractions: VerticalModule = {
  vertical: 'attractions',
  templates: TEMPLATES.map((t) => t.name),
  markupKinds: ['json-ld', 'microdata', 'table', 'dl', 'prose', 'js-inline', 'js-xhr'],
  generate,
  render,
};
