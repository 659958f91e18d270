// Shared building blocks for vertical modules: per-template looks, per-site presentation choices,
// money helpers, and the bookkeeping that turns placed sections into truth metadata.
import { displayMoney, MONEY_STYLES, type Money, type MoneyStyle } from '../canonical/money';
import { DATE_STYLES, type DateStyle } from '../canonical/date';
import type { ClientLayout } from '../html/blocks';
import { COOKIE_VARIANTS, type CookieVariant } from '../html/chrome';
import { ACCENTS, type Shell, type Theme } from '../html/theme';
import type { Rng } from '../prng';
import type { Currency, MarkupKind, PrimaryMarkup } from '../types';
import type { Section, VisibleStyle } from './section';

export interface TemplateDef {
  name: string;
  shell: Shell;
  font: string;
  headingFont: string;
  background: string;
  text: string;
  radius: number;
  cookies: readonly CookieVariant[];
  /** How json-ld sites of this template show values to humans. */
  visible: readonly VisibleStyle[];
  clientLayouts: readonly ClientLayout[];
  /** Prefix of the same-host JSON endpoints js-xhr sites call. */
  apiBase: string;
}

/** Per-site choices that make two sites of one template still differ. */
export interface Presentation {
  theme: Theme;
  cookie: CookieVariant;
  visible: VisibleStyle;
  clientLayout: ClientLayout;
  transport: 'fetch' | 'xhr';
  jsDelayMs: number;
  moneyStyle: MoneyStyle;
  phoneStyle: number;
  dateStyle: DateStyle;
}

export function drawPresentation(def: TemplateDef, rng: Rng): Presentation {
  return {
    theme: {
      shell: def.shell,
      accent: rng.pick(ACCENTS),
      background: def.background,
      text: def.text,
      font: def.font,
      headingFont: def.headingFont,
      radius: def.radius,
    },
    cookie: rng.pick(def.cookies.length > 0 ? def.cookies : COOKIE_VARIANTS),
    visible: rng.pick(def.visible),
    clientLayout: rng.pick(def.clientLayouts),
    transport: rng.chance(0.5) ? 'fetch' : 'xhr',
    jsDelayMs: rng.int(20, 250),
    moneyStyle: rng.pick(MONEY_STYLES),
    phoneStyle: rng.int(0, 5),
    dateStyle: rng.pick(DATE_STYLES),
  };
}

export function templateByName(defs: readonly TemplateDef[], name: string): TemplateDef {
  const def = defs.find((d) => d.name === name);
  if (!def) throw new Error(`unknown template ${name}`);
  return def;
}

/** An amount between min and max (major units); cents appear with the given probability. */
export function drawMoney(rng: Rng, currency: Currency, min: number, max: number, centsChance = 0.3): Money {
  if (currency === 'JPY') return { minor: rng.int(min, max) * 100, currency };
  const whole = rng.int(min, max);
  const cents = rng.chance(centsChance) ? rng.pick([50, 95, 99, 25, 75]) : 0;
  return { minor: whole * 100 + cents, currency };
}

/** A different amount than any in `taken` (distractors must never equal a truth value). */
export function distinctMoney(taken: Money[], make: () => Money): Money {
  const clash = (m: Money) => taken.some((t) => t.minor === m.minor && t.currency === m.currency);
  let candidate = make();
  for (let attempt = 0; attempt < 20 && clash(candidate); attempt++) candidate = make();
  // Small amounts in coarse units can run out of fresh values: step up by one unit until free.
  while (clash(candidate)) candidate = { minor: candidate.minor + 100, currency: candidate.currency };
  return candidate;
}

export function money(m: Money, style: MoneyStyle): string {
  return displayMoney(m, style);
}

/** `m` times `factor`, rounded to whole units (whole dollars, whole yen). */
export function scale(m: Money, factor: number): Money {
  return { minor: Math.round((m.minor * factor) / 100) * 100, currency: m.currency };
}

export function section(
  pres: Presentation,
  apiBase: string,
  kind: PrimaryMarkup,
  parts: Pick<Section, 'id' | 'heading' | 'items'> & Partial<Section>,
): Section {
  return {
    kind,
    visible: pres.visible,
    apiPath: `${apiBase}/${parts.id}`,
    clientLayout: pres.clientLayout,
    loadingText: 'Loading…',
    jsDelayMs: pres.jsDelayMs,
    transport: pres.transport,
    ...parts,
  };
}

/** Where a field-carrying section sits; hostile behaviours that keep the page usable force home. */
export function placeSection(rng: Rng, subpage: string, probability: number, forceHome: boolean): string {
  if (forceHome) return 'home';
  return rng.chance(probability) ? subpage : 'home';
}

/**
 * True for the JavaScript-only kinds: a site whose fields are js-inline or js-xhr must not show
 * those values anywhere in its raw HTML (titles, meta descriptions, footers, names, distractors).
 */
export function isJsKind(kind: PrimaryMarkup): boolean {
  return kind === 'js-inline' || kind === 'js-xhr';
}

/** Names and other plain text headings are carried by structured markup only on json-ld/microdata sites. */
export function headingMarkup(kind: PrimaryMarkup): PrimaryMarkup {
  return kind === 'json-ld' || kind === 'microdata' ? kind : 'prose';
}

const MARKUP_ORDER: MarkupKind[] = ['json-ld', 'microdata', 'table', 'dl', 'prose', 'js-inline', 'js-xhr', 'order-link', 'script-src', 'iframe', 'meta-generator', 'badge', 'subpage'];

/**
 * The kinds a site's fields use. A name read off the page heading counts as nothing special, so
 * `nameColumn` contributes only when structured markup (json-ld, microdata) carries it.
 */
export function markupList(fieldMarkup: Record<string, PrimaryMarkup>, fieldLocations: Record<string, string>, nameColumn?: string): MarkupKind[] {
  const used = new Set<MarkupKind>(Object.entries(fieldMarkup).filter(([col, kind]) => col !== nameColumn || kind !== 'prose').map(([, kind]) => kind));
  if (Object.values(fieldLocations).some((l) => l !== 'home')) used.add('subpage');
  return MARKUP_ORDER.filter((k) => used.has(k));
}

/** True when `path` shows the sections placed at `location` ("home" means the entry path). */
export function isAt(location: string, path: string, entryPath: string): boolean {
  return location === 'home' ? path === entryPath : path === location;
}
