// Product pages (catalogue monitoring): name, price, SKU, availability and brand, among was/now
// prices, instalment prices, shipping thresholds, model numbers, UPCs and related products.
// The site's URL in the dataset is the product page itself (/products/<slug>), as users upload.
import { canonicalMoney, plainAmount, type Money } from '../canonical/money';
import { jsonLdScript, type Item } from '../html/blocks';
import { cookieBanner, footerColumns, legalLine, newsletterBox } from '../html/chrome';
import { renderDocument, type NavLink } from '../html/document';
import { esc, slugify } from '../html/escape';
import { FONTS } from '../html/theme';
import type { Rng } from '../prng';
import type { Currency, PageResponse, PrimaryMarkup, Site } from '../types';
import { distinctMoney, drawMoney, drawPresentation, headingMarkup, isJsKind, markupList, money, section, templateByName, type Presentation, type TemplateDef } from './kit';
import type { GenContext, GeneratedSite, VerticalModule } from './module';
import { html, json } from './responses';
import { renderSection, sectionPayload, type Section } from './section';

const TEMPLATES: TemplateDef[] = [
  { name: 'storefront', shell: 'shop', font: FONTS.sans, headingFont: FONTS.sans, background: '#fafafa', text: '#222', radius: 6, cookies: ['bar', 'modal'], visible: ['table', 'list'], clientLayouts: ['table', 'list'], apiBase: '/api/catalog/v1' },
  { name: 'boutique', shell: 'minimal', font: FONTS.book, headingFont: FONTS.serif, background: '#fdfcf9', text: '#333', radius: 0, cookies: ['box', 'none'], visible: ['prose', 'list'], clientLayouts: ['list'], apiBase: '/products.json' },
  { name: 'marketplace', shell: 'classic', font: FONTS.humanist, headingFont: FONTS.humanist, background: '#fff', text: '#222', radius: 4, cookies: ['modal', 'top'], visible: ['table'], clientLayouts: ['table'], apiBase: '/gp/api' },
  { name: 'outdoor-gear', shell: 'hero', font: FONTS.humanist, headingFont: FONTS.condensed, background: '#111', text: '#fff', radius: 10, cookies: ['bar'], visible: ['cards'], clientLayouts: ['cards'], apiBase: '/api/inventory' },
  { name: 'electronics', shell: 'sidebar', font: FONTS.wide, headingFont: FONTS.wide, background: '#fff', text: '#222', radius: 2, cookies: ['top', 'bar'], visible: ['dl', 'table'], clientLayouts: ['table'], apiBase: '/rest/v2/product' },
];

const BRANDS = ['Kestrel Outdoor', 'Northwind', 'Voltique', 'Hearthstone', 'Lumora', 'Brightwell', 'Tandem & Co.', 'Ferro', 'Aurelle', 'Cascade Works', 'Quillon', 'Mossbank'];
const PRODUCTS: Record<string, Array<[string, number, number]>> = {
  storefront: [['Cast Iron Skillet 10"', 25, 60], ['Stand Mixer 5 qt', 180, 420], ['Chef Knife 8"', 40, 140], ['Pour-Over Coffee Set', 30, 80]],
  boutique: [['Linen Throw Blanket', 60, 180], ['Hand-thrown Ceramic Vase', 45, 150], ['Beeswax Candle Trio', 22, 48], ['Wool Market Tote', 55, 120]],
  marketplace: [['Wireless Earbuds Pro', 40, 160], ['USB-C Charging Hub 7-in-1', 25, 70], ['Smart LED Bulb 4-pack', 20, 55], ['Fitness Tracker Band', 30, 120]],
  'outdoor-gear': [['TrailLite 2-Person Tent', 160, 420], ['Summit 30L Daypack', 70, 170], ['Down Sleeping Bag 20°F', 180, 380], ['Insulated Water Bottle 32 oz', 25, 45]],
  electronics: [['4K Monitor 27"', 220, 560], ['Mechanical Keyboard TKL', 70, 180], ['Noise-Cancelling Headphones', 120, 380], ['Portable SSD 1TB', 70, 160]],
};

interface ProductFacts {
  def: TemplateDef;
  pres: Presentation;
  kind: PrimaryMarkup;
  name: string;
  slug: string;
  brand: string;
  shop: string;
  currency: Currency;
  price: Money;
  was: Money | null;
  instalment: Money;
  freeShipping: Money;
  sku: string;
  model: string;
  upc: string;
  inStock: boolean;
  availabilityText: string;
  related: Array<{ name: string; price: Money; sku: string; availability: string }>;
  specsAt: string;
  rating: string;
  description: string;
}

function skuFor(rng: Rng, brand: string): string {
  const prefix = brand.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase();
  switch (rng.int(0, 2)) {
    case 0:
      return `${prefix}-${rng.int(1000, 9999)}-${rng.pick(['BL', 'GR', 'BK', 'WH', 'RD', 'OL'])}`;
    case 1:
      return `${prefix}${rng.int(100000, 999999)}`;
    default:
      return `${prefix.slice(0, 2)}-${rng.int(10, 99)}-${String(rng.int(0, 9999)).padStart(4, '0')}`;
  }
}

function generate(ctx: GenContext): GeneratedSite {
  const { rng } = ctx;
  const def = templateByName(TEMPLATES, ctx.template);
  const pres = drawPresentation(def, rng);
  const catalog = PRODUCTS[ctx.template] ?? PRODUCTS.storefront!;
  const [base, lo, hi] = rng.pick(catalog);
  const brand = rng.pick(BRANDS);
  const currency: Currency = rng.pick(['USD', 'USD', 'USD', 'EUR', 'GBP']);
  const price = drawMoney(rng, currency, lo, hi, 0.6);
  const was = rng.chance(0.35) ? distinctMoney([price], () => ({ minor: Math.round((price.minor * (1.15 + rng.next() * 0.2)) / 100) * 100 - 1, currency })) : null;
  const taken = [price, ...(was ? [was] : [])];
  const instalment = distinctMoney(taken, () => ({ minor: Math.ceil(price.minor / 4), currency }));
  taken.push(instalment);
  const freeShipping = distinctMoney(taken, () => drawMoney(rng, currency, 35, 99, 0));
  taken.push(freeShipping);
  const inStock = rng.chance(0.7);
  const variantName = rng.chance(0.4) ? `${base} — ${rng.pick(['Slate', 'Forest', 'Sand', 'Midnight', 'Clay'])}` : base;
  const sku = skuFor(rng, brand);
  const related = Array.from({ length: 3 }, () => {
    const [otherName, olo, ohi] = rng.pick(catalog);
    const p = distinctMoney(taken, () => drawMoney(rng, currency, olo, ohi, 0.5));
    taken.push(p);
    return { name: otherName, price: p, sku: skuFor(rng, brand), availability: rng.pick(['In stock', 'Sold out', 'Only 2 left', 'Out of stock']) };
  });
  const availabilityText = inStock ? rng.pick(['In stock', 'In Stock', 'In stock — ships today', 'Ready to ship', `Only ${rng.int(2, 5)} left`]) : rng.pick(['Out of stock', 'Sold out', 'Currently unavailable']);
  const specsAt = ctx.forceHome ? 'home' : rng.chance(0.3) ? 'specs' : 'home';
  const slug = slugify(variantName);
  const entryPath = `/products/${slug}`;
  const specsPath = `${entryPath}/specs`;
  const shop = `${rng.pick(['Harbor', 'Maple', 'Copper', 'Lantern', 'Fieldstone', 'Wren'])} ${rng.pick(['Goods', 'Supply Co.', 'Home', 'Outfitters', 'Electronics', 'Market'])}`;
  const facts: ProductFacts = {
    def,
    pres,
    kind: ctx.kind,
    name: variantName,
    slug,
    brand,
    shop,
    currency,
    price,
    was,
    instalment,
    freeShipping,
    sku,
    model: `${brand.slice(0, 2).toUpperCase()}${rng.int(100, 999)}-${rng.int(2019, 2025)}`,
    upc: `0 ${rng.int(10000, 99999)} ${rng.int(10000, 99999)} ${rng.int(0, 9)}`,
    inStock,
    availabilityText,
    related,
    specsAt: specsAt === 'specs' ? specsPath : 'home',
    rating: `${(3.6 + rng.next() * 1.3).toFixed(1)} out of 5 (${rng.int(12, 2400)} reviews)`,
    description: rng.pick(['Built to last and designed for everyday use.', 'Thoughtfully made in small batches.', 'Our best-selling pick, refined for this season.', 'Engineered for performance, priced for everyone.']),
  };
  const fieldLocations = { product_name: 'home', price: 'home', availability: 'home', sku: facts.specsAt, brand: facts.specsAt };
  const fieldMarkup: Record<string, PrimaryMarkup> = { product_name: headingMarkup(ctx.kind), price: ctx.kind, availability: ctx.kind, sku: ctx.kind, brand: ctx.kind };
  return {
    name: shop,
    entryPath,
    facts,
    fields: { product_name: variantName, price: canonicalMoney(price), sku, availability: inStock ? 'true' : 'false', brand },
    fieldLocations,
    fieldMarkup,
    markup: markupList(fieldMarkup, fieldLocations, 'product_name'),
  };
}

function buyItems(f: ProductFacts): Item[] {
  const s = f.pres.moneyStyle;
  return [
    {
      col: 'price',
      label: 'Price',
      value: money(f.price, s),
      was: f.was ? money(f.was, s) : undefined,
      note: f.was ? 'Sale' : undefined,
      sem: { kind: 'offer', amount: plainAmount(f.price), currency: f.currency },
      sentence: f.was ? 'Now just {value}, down from {was}.' : 'Yours for {value}.',
    },
    { col: 'availability', label: 'Availability', value: f.availabilityText, sem: { kind: 'availability', inStock: f.inStock }, sentence: 'Availability: {value}.' },
    { label: 'Or pay in 4', value: money(f.instalment, s), note: 'interest-free payments', sentence: 'Or 4 interest-free payments of {value}.' },
    { label: 'Shipping', value: `Free over ${money(f.freeShipping, s)}`, sentence: 'Shipping: {value}.' },
  ];
}

function specItems(f: ProductFacts): Item[] {
  return [
    { col: 'brand', label: 'Brand', value: f.brand, sem: { kind: 'brand' }, sentence: 'Designed by {value}.' },
    { col: 'sku', label: 'SKU', value: f.sku, sem: { kind: 'sku' }, sentence: 'SKU: {value}.' },
    { label: 'Model number', value: f.model, sentence: 'Model number {value}.' },
    { label: 'UPC', value: f.upc, sentence: 'UPC {value}.' },
    { label: 'Sold by', value: f.shop, sentence: 'Sold and shipped by {value}.' },
  ];
}

function buySection(f: ProductFacts): Section {
  return section(f.pres, f.def.apiBase, f.kind, { id: 'buy', heading: f.def.name === 'boutique' ? 'details' : 'Price & availability', items: buyItems(f), headers: ['', ''], loadingText: 'Checking price and stock…', offerProp: 'offers' });
}

function specSection(f: ProductFacts): Section {
  return section(f.pres, f.def.apiBase, f.kind, { id: 'specs', heading: f.def.name === 'electronics' ? 'Technical specifications' : 'Product details', items: specItems(f), headers: ['Spec', 'Value'], loadingText: 'Loading specifications…' });
}

function jsonLd(f: ProductFacts, withSpecs: boolean): string {
  return jsonLdScript({
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: f.name,
    description: f.description,
    ...(withSpecs ? { sku: f.sku, mpn: f.model, brand: { '@type': 'Brand', name: f.brand } } : {}),
    offers: { '@type': 'Offer', price: plainAmount(f.price), priceCurrency: f.currency, availability: `https://schema.org/${f.inStock ? 'InStock' : 'OutOfStock'}`, seller: { '@type': 'Organization', name: f.shop } },
  });
}

function relatedHtml(f: ProductFacts): string {
  // JavaScript-only shops load stock levels with their scripts: no stock phrase in the raw HTML.
  const stock = (r: ProductFacts['related'][number]) => (isJsKind(f.kind) ? '' : ` <small>${esc(r.availability)}</small>`);
  const cards = f.related.map((r) => `<li><a href="/products/${esc(slugify(r.name))}-related">${esc(r.name)}</a> — ${esc(money(r.price, 'short'))}${stock(r)}</li>`).join('');
  return `<aside class="related"><h3>${f.def.name === 'marketplace' ? 'Customers also bought' : 'You may also like'}</h3><ul>${cards}</ul></aside>`;
}

function nav(): NavLink[] {
  return [
    { href: '/', label: 'Shop' },
    { href: '/collections/new', label: 'New arrivals' },
    { href: '/collections/sale', label: 'Sale' },
    { href: '/help', label: 'Help' },
  ];
}

function frame(site: Site, f: ProductFacts, path: string, title: string, main: string, head: string): PageResponse {
  const wrapped = f.kind === 'microdata' ? `<div itemscope itemtype="https://schema.org/Product">${path === site.entryPath ? '' : `<meta itemprop="name" content="${esc(f.name)}">`}${main}</div>` : main;
  const footer =
    f.def.name === 'storefront' || f.def.name === 'marketplace'
      ? footerColumns(
          [
            { heading: 'Customer service', html: '<p><a href="/help">Shipping &amp; returns</a> · <a href="/help">Track an order</a></p>' },
            { heading: f.shop, html: '<p><a href="/help">About us</a> · <a href="/help">Careers</a></p>' },
          ],
          legalLine(f.shop, 2025),
        )
      : `${newsletterBox('Get 10% off your first order:')}${legalLine(f.shop, 2025)}`;
  return html(
    renderDocument({
      theme: f.pres.theme,
      lang: f.currency === 'EUR' ? 'en-IE' : f.currency === 'GBP' ? 'en-GB' : 'en-US',
      title,
      metaDescription: isJsKind(f.kind) ? `${f.name}. ${f.description}` : `${f.name} by ${f.brand}. ${f.description}`,
      brand: f.shop,
      tagline: f.def.name === 'outdoor-gear' ? 'GEAR FOR THE LONG WAY ROUND' : undefined,
      nav: nav(),
      activePath: path,
      main: wrapped,
      footer,
      cookie: cookieBanner(f.pres.cookie, f.shop),
      head,
      breadcrumbs: [{ href: '/', label: 'Home' }, { href: '/collections/new', label: 'Products' }, { href: site.entryPath, label: f.name }],
    }),
  );
}

function render(site: Site, path: string): PageResponse | null {
  const f = site.facts as ProductFacts;
  const buy = buySection(f);
  const specs = specSection(f);
  if (f.kind === 'js-xhr') {
    if (path === buy.apiPath) return json(sectionPayload(buy));
    if (path === specs.apiPath) return json(sectionPayload(specs));
  }
  const specsHere = f.specsAt === 'home' ? path === site.entryPath : path === f.specsAt;
  if (path === site.entryPath) {
    const h1 = f.kind === 'microdata' ? `<h1 itemprop="name">${esc(f.name)}</h1>` : `<h1>${esc(f.name)}</h1>`;
    const main = `${h1}<p class="rating">★ ${esc(f.rating)}</p><p>${esc(f.description)}</p>${f.def.name === 'storefront' || f.def.name === 'marketplace' ? `<div class="buybox">${renderSection(buy, 3)}<button>Add to cart</button></div>` : `${renderSection(buy)}<button>Add to bag</button>`}${specsHere ? renderSection(specs) : `<p><a href="${esc(f.specsAt)}">Full specifications →</a></p>`}${relatedHtml(f)}`;
    return frame(site, f, path, `${f.name} | ${f.shop}`, main, f.kind === 'json-ld' ? jsonLd(f, specsHere) : '');
  }
  if (path === f.specsAt) {
    return frame(site, f, path, `Specifications — ${f.name} | ${f.shop}`, `<h1>${esc(f.name)}: specifications</h1>${renderSection(specs)}<p><a href="${esc(site.entryPath)}">Back to product</a></p>`, f.kind === 'json-ld' ? jsonLd(f, true) : '');
  }
  switch (path) {
    case '/': {
      const tiles = [{ name: f.name, price: f.price, href: site.entryPath }, ...f.related.map((r) => ({ name: r.name, price: r.price, href: `/products/${slugify(r.name)}-related` }))];
      return frame(site, f, path, f.shop, `<h1>${esc(f.shop)}</h1><p>Free returns within 30 days.</p><ul class="grid">${tiles.map((t) => `<li><a href="${esc(t.href)}">${esc(t.name)}</a></li>`).join('')}</ul>`, '');
    }
    case '/help':
      return frame(site, f, path, `Help | ${f.shop}`, `<h1>Help</h1><p>Orders ship in 1–2 business days. Returns accepted within 30 days.</p>`, '');
    case '/collections/new':
    case '/collections/sale':
      return frame(site, f, path, `Collections | ${f.shop}`, `<h1>${path.endsWith('sale') ? 'Sale' : 'New arrivals'}</h1><ul><li><a href="${esc(site.entryPath)}">${esc(f.name)}</a></li></ul>`, '');
    default:
      return null;
  }
}

export const products: VerticalModule = {
  vertical: 'products',
  templates: TEMPLATES.map((t) => t.name),
  markupKinds: ['json-ld', 'microdata', 'table', 'dl', 'prose', 'js-inline', 'js-xhr'],
  generate,
  render,
};
