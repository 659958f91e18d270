// Restaurants (the "which POS system" job): the POS vendor is never written as a plain field. It
// shows only through an order link, a vendor script or iframe, a generator meta tag, a footer
// badge, or an order button that the page's script builds. Vendor hostnames live under the farm's
// base host (order.toasttab.com.farm.localhost) so they resolve to loopback.
import { POS_VENDORS } from '../canonical/pos-vendors';
import { displayMoney, type Money } from '../canonical/money';
import { jsonLdScript } from '../html/blocks';
import { cookieBanner, legalLine, newsletterBox, socialLinks } from '../html/chrome';
import { renderDocument, type NavLink } from '../html/document';
import { base64, esc, scriptJson, slugify } from '../html/escape';
import { FONTS } from '../html/theme';
import type { Rng } from '../prng';
import { POS_SYSTEMS, type PageResponse, type PosSystem, type PrimaryMarkup, type Site } from '../types';
import { drawPeople } from '../vocab/people';
import { PhoneBook, US_CITIES, type City } from '../vocab/places';
import { displayPhone } from '../canonical/phone';
import { drawPresentation, markupList, placeSection, templateByName, type Presentation, type TemplateDef } from './kit';
import type { GenContext, GeneratedSite, VerticalModule } from './module';
import { html } from './responses';

const TEMPLATES: TemplateDef[] = [
  { name: 'bistro', shell: 'minimal', font: FONTS.book, headingFont: FONTS.serif, background: '#fdfcf9', text: '#333', radius: 0, cookies: ['none', 'box'], visible: ['list'], clientLayouts: ['list'], apiBase: '/api' },
  { name: 'taqueria', shell: 'hero', font: FONTS.humanist, headingFont: FONTS.condensed, background: '#111', text: '#fff', radius: 16, cookies: ['bar'], visible: ['cards'], clientLayouts: ['cards'], apiBase: '/api' },
  { name: 'pizzeria', shell: 'classic', font: FONTS.sans, headingFont: FONTS.serif, background: '#fff8f0', text: '#2a1a10', radius: 6, cookies: ['top', 'bar'], visible: ['table'], clientLayouts: ['table'], apiBase: '/api' },
  { name: 'cafe', shell: 'sidebar', font: FONTS.humanist, headingFont: FONTS.book, background: '#f6f1e7', text: '#3b3024', radius: 10, cookies: ['box', 'none'], visible: ['list'], clientLayouts: ['list'], apiBase: '/api' },
  { name: 'bar-and-grill', shell: 'magazine', font: FONTS.serif, headingFont: FONTS.condensed, background: '#fff', text: '#222', radius: 0, cookies: ['modal', 'bar'], visible: ['list'], clientLayouts: ['list'], apiBase: '/api' },
];

type Signal = 'order-link' | 'script-src' | 'iframe' | 'meta-generator' | 'badge' | 'js-inline';

interface RestaurantFacts {
  def: TemplateDef;
  pres: Presentation;
  signal: Signal;
  pos: PosSystem;
  name: string;
  slug: string;
  city: City;
  phone: string;
  menu: Array<{ dish: string; price: Money }>;
  owner: string;
  /** Where the POS signal sits: "home" or "/order". */
  signalAt: string;
  jsonLd: boolean;
  hours: string;
  cuisine: string;
  /** Vendors named on the careers page only (a distractor). */
  careersMentions: PosSystem[];
}

const NAMES: Record<string, [string[], string[]]> = {
  bistro: [['Maison', 'Le Petit', 'Chez', 'Bistro'], ['Olivier', 'Rouge', 'Marguerite', 'Lumière', 'Colette']],
  taqueria: [['Casa', 'Taquería', 'La', 'El'], ['Verde', 'Azul', 'Palma', 'Fuego', 'Sol de Mayo']],
  pizzeria: [["Luigi's", 'Brick Oven', "Nonna's", 'Forno'], ['Pizza Co.', 'Pizzeria', 'Slice House', 'Wood Fired']],
  cafe: [['Little', 'Morning', 'Copper', 'Bluebird'], ['Kettle Café', 'Crumb Bakery', 'Espresso Bar', 'Coffee House']],
  'bar-and-grill': [['Rusty', 'Iron', 'Northside', 'Harbor'], ['Anchor Bar & Grill', 'Tap House', 'Smokehouse', 'Ale House']],
};

const DISHES: Record<string, string[]> = {
  bistro: ['Steak frites', 'Moules marinières', 'Duck confit', 'Croque monsieur', 'Tarte Tatin'],
  taqueria: ['Tacos al pastor (3)', 'Carne asada burrito', 'Chicken tinga bowl', 'Elote', 'Horchata'],
  pizzeria: ['Margherita 12"', 'Pepperoni 16"', 'Garlic knots', 'Caesar salad', 'Tiramisu'],
  cafe: ['Flat white', 'Avocado toast', 'Almond croissant', 'Breakfast sandwich', 'Chai latte'],
  'bar-and-grill': ['Smash burger', 'Wings (10)', 'Fish & chips', 'Loaded nachos', 'Draft pint'],
};

function restaurantName(rng: Rng, template: string): string {
  const [a, b] = NAMES[template] ?? NAMES.bistro!;
  return `${rng.pick(a)} ${rng.pick(b)}`;
}

function vendorUrl(site: Site, host: string, path: string, slug: string): string {
  const h = host.replace('{slug}', slug);
  return `http://${h}.${site.env.baseHost}:${site.env.port}${path.replace('{slug}', slug)}`;
}

function generate(ctx: GenContext): GeneratedSite {
  const { rng } = ctx;
  const def = templateByName(TEMPLATES, ctx.template);
  const pres = drawPresentation(def, rng);
  const signal = ctx.kind as Signal;
  const pos = rng.pick(POS_SYSTEMS);
  const name = restaurantName(rng, ctx.template);
  const city = rng.pick(US_CITIES);
  const book = new PhoneBook(rng);
  // Generator meta and footer badges sit on every page; links, scripts and iframes may live on /order only.
  const signalAt = signal === 'meta-generator' || signal === 'badge' ? 'home' : placeSection(rng, '/order', 0.35, ctx.forceHome);
  const facts: RestaurantFacts = {
    def,
    pres,
    signal,
    pos,
    name,
    slug: slugify(name),
    city,
    phone: displayPhone(book.draw(city.phone!), pres.phoneStyle),
    menu: (DISHES[ctx.template] ?? []).map((dish) => ({ dish, price: { minor: rng.int(4, 32) * 100 + rng.pick([0, 50, 95]), currency: 'USD' as const } })),
    owner: drawPeople(rng, 1)[0] as string,
    signalAt,
    jsonLd: rng.chance(0.5),
    hours: rng.pick(['Tue–Sun 5pm–10pm', 'Daily 7am–3pm', 'Mon–Sat 11am–11pm, Sun 11am–9pm', 'Open 11–late, kitchen closes 10pm']),
    cuisine: { bistro: 'French', taqueria: 'Mexican', pizzeria: 'Pizza', cafe: 'Café', 'bar-and-grill': 'American' }[ctx.template] ?? 'American',
    careersMentions: rng.sample(POS_SYSTEMS.filter((p) => p !== pos), 2),
  };
  const nameMarkup: PrimaryMarkup = facts.jsonLd ? 'json-ld' : 'prose';
  const fieldLocations = { restaurant_name: 'home', pos_system: signalAt };
  const fieldMarkup: Record<string, PrimaryMarkup> = { restaurant_name: nameMarkup, pos_system: signal };
  return {
    name,
    entryPath: '/',
    facts,
    fields: { restaurant_name: name, pos_system: pos },
    fieldLocations,
    fieldMarkup,
    markup: markupList(fieldMarkup, fieldLocations, 'restaurant_name'),
  };
}

/** Head and body fragments that carry the POS signal on the page where it lives. */
function signalParts(site: Site, f: RestaurantFacts): { head: string; body: string; footer: string } {
  const vendor = POS_VENDORS[f.pos];
  const orderUrl = vendorUrl(site, vendor.orderHost, vendor.orderPath, f.slug);
  switch (f.signal) {
    case 'order-link':
      return { head: '', body: `<p class="order"><a class="button" href="${esc(orderUrl)}">Order online for pickup</a></p>`, footer: '' };
    case 'script-src':
      return {
        head: `<script async src="${esc(vendorUrl(site, vendor.scriptHost, vendor.scriptPath, f.slug))}"></script>`,
        body: `<p class="order"><button type="button" data-ordering-widget="open">Start an order</button></p>`,
        footer: '',
      };
    case 'iframe':
      return { head: '', body: `<iframe class="ordering" title="Online ordering" src="${esc(vendorUrl(site, vendor.iframeHost, vendor.iframePath, f.slug))}" width="100%" height="420" loading="lazy"></iframe>`, footer: '' };
    case 'meta-generator':
      return { head: `<meta name="generator" content="${esc(vendor.generator)}">`, body: '', footer: '' };
    case 'badge':
      return { head: '', body: '', footer: `<p class="powered"><img alt="${esc(vendor.badge)}" src="/badge.svg" width="16" height="16"> ${esc(vendor.badge)}</p>` };
    case 'js-inline': {
      // The order link exists only after the script runs; the raw HTML holds it base64-encoded.
      const config = base64(JSON.stringify({ orderUrl, label: 'Order online' }));
      return {
        head: '',
        body: `<p class="order" id="order-slot" data-js-pending="1"></p><script>(function(){var c=JSON.parse(atob(${scriptJson(config)}));setTimeout(function(){var p=document.getElementById('order-slot');var a=document.createElement('a');a.className='button';a.href=c.orderUrl;a.textContent=c.label;p.appendChild(a);p.removeAttribute('data-js-pending');},${f.pres.jsDelayMs});})();</script>`,
        footer: '',
      };
    }
    default: {
      const never: never = f.signal;
      throw new Error(`unknown signal ${String(never)}`);
    }
  }
}

function menuHtml(f: RestaurantFacts): string {
  const rows = f.menu.map((m) => `<li>${esc(m.dish)} <span class="price">${esc(displayMoney(m.price, 'short'))}</span></li>`).join('');
  return `<ul class="menu">${rows}</ul>`;
}

function nav(f: RestaurantFacts): NavLink[] {
  const links: NavLink[] = [
    { href: '/', label: 'Home' },
    { href: '/menu', label: 'Menu' },
  ];
  if (f.signalAt === '/order') links.push({ href: '/order', label: 'Order Online' });
  links.push({ href: '/about', label: 'Our Story' }, { href: '/careers', label: 'Jobs' });
  return links;
}

function frame(site: Site, f: RestaurantFacts, path: string, title: string, main: string, withSignal: boolean): PageResponse {
  const sig = withSignal ? signalParts(site, f) : { head: '', body: '', footer: '' };
  // Generator meta and badges belong to the site builder, so they are on every page.
  const everywhere = f.signal === 'meta-generator' || f.signal === 'badge' ? signalParts(site, f) : { head: '', body: '', footer: '' };
  const head = `${withSignal ? sig.head : ''}${everywhere.head}${f.jsonLd && path === '/' ? jsonLdScript({ '@context': 'https://schema.org', '@type': 'Restaurant', name: f.name, servesCuisine: f.cuisine, telephone: f.phone, address: { '@type': 'PostalAddress', addressLocality: f.city.name, addressRegion: f.city.region }, openingHours: f.hours }) : ''}`;
  const footer = `<p>${esc(f.name)} · ${esc(f.city.name)}, ${esc(f.city.region)} · ${esc(f.phone)}</p><p>${esc(f.hours)}</p>${f.def.name === 'cafe' ? newsletterBox('Pastry drops, straight to your inbox:') : ''}${socialLinks(f.slug.replace(/-/g, ''))}${sig.footer}${everywhere.footer}${legalLine(f.name, 2025)}`;
  return html(
    renderDocument({
      theme: f.pres.theme,
      lang: 'en-US',
      title,
      metaDescription: `${f.name} — ${f.cuisine} in ${f.city.name}. Menu, hours and online ordering.`,
      brand: f.name,
      tagline: { bistro: 'cuisine de saison', taqueria: '¡HECHO A MANO TODOS LOS DÍAS!', pizzeria: 'Family owned since 1979', cafe: 'Good coffee, slow mornings', 'bar-and-grill': 'Cold beer. Hot food. Good people.' }[f.def.name],
      nav: nav(f),
      activePath: path,
      main: `${main}${withSignal ? sig.body : ''}`,
      footer,
      cookie: cookieBanner(f.pres.cookie, f.name),
      head,
    }),
  );
}

function render(site: Site, path: string): PageResponse | null {
  const f = site.facts as RestaurantFacts;
  const signalHere = f.signalAt === 'home' ? path === '/' : path === '/order';
  switch (path) {
    case '/':
      return frame(
        site,
        f,
        path,
        `${f.name} | ${f.cuisine} in ${f.city.name}`,
        `<h1>${esc(f.name)}</h1><p>${esc(f.cuisine)} cooking in the heart of ${esc(f.city.name)}. Dine in, take out, or grab a seat at the bar. We accept all major cards, Apple Pay and Google Pay.</p><h2>Favorites</h2>${menuHtml(f)}<p>Hours: ${esc(f.hours)}</p>${f.signalAt === '/order' ? '<p><a href="/order">Order online →</a></p>' : ''}`,
        signalHere,
      );
    case '/menu':
      return frame(site, f, path, `Menu | ${f.name}`, `<h1>Menu</h1>${menuHtml(f)}<p>Gluten-free options available. Please tell your server about allergies.</p>`, false);
    case '/order':
      if (f.signalAt !== '/order') return null;
      return frame(site, f, path, `Order Online | ${f.name}`, `<h1>Order online</h1><p>Order ahead for pickup or delivery within 3 miles.</p>`, true);
    case '/about':
      return frame(site, f, path, `Our Story | ${f.name}`, `<h1>Our story</h1><p>${esc(f.owner)} opened ${esc(f.name)} to share the food they grew up with.</p>`, false);
    case '/careers': {
      const [a, b] = f.careersMentions.map((p) => POS_VENDORS[p].name);
      return frame(site, f, path, `Jobs | ${f.name}`, `<h1>Join our team</h1><p>We're hiring servers and line cooks. Experience with ${esc(a ?? '')} or ${esc(b ?? '')} point-of-sale systems is a plus but not required.</p>`, false);
    }
    case '/badge.svg':
      return { status: 200, headers: { 'content-type': 'image/svg+xml' }, body: '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="7" fill="#888"/></svg>', delivery: { kind: 'immediate' } };
    default:
      return null;
  }
}

export const restaurant: VerticalModule = {
  vertical: 'restaurant',
  templates: TEMPLATES.map((t) => t.name),
  markupKinds: ['order-link', 'script-src', 'iframe', 'meta-generator', 'badge', 'js-inline'],
  generate,
  render,
};
