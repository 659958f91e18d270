// The farm's data model: verticals and their columns, markup kinds, hostile labels, sites, truth.
// Column names and label strings are shared with campaign templates and the results service.

export const VERTICALS = ['fitness', 'attractions', 'county', 'restaurant', 'products', 'compliance'] as const;
export type Vertical = (typeof VERTICALS)[number];

/** Ground-truth columns per vertical, in CSV order (after `url`). */
export const COLUMNS = {
  fitness: ['venue_name', 'drop_in_price', 'class_pack_price', 'phone', 'city'],
  attractions: ['attraction_name', 'adult_price', 'child_price', 'currency'],
  county: ['county_name', 'sheriff_name', 'sheriff_phone', 'coroner_name', 'coroner_phone'],
  restaurant: ['restaurant_name', 'pos_system'],
  products: ['product_name', 'price', 'sku', 'availability', 'brand'],
  compliance: ['agency_name', 'effective_date', 'filing_fee'],
} as const satisfies Record<Vertical, readonly string[]>;

export type ColumnType = 'text' | 'money' | 'phone' | 'date' | 'boolean' | 'enum' | 'currency';

/** How each column's canonical value is written (see canonical/*.ts). */
export const COLUMN_TYPES: Record<string, ColumnType> = {
  venue_name: 'text',
  drop_in_price: 'money',
  class_pack_price: 'money',
  phone: 'phone',
  city: 'text',
  attraction_name: 'text',
  adult_price: 'money',
  child_price: 'money',
  currency: 'currency',
  county_name: 'text',
  sheriff_name: 'text',
  sheriff_phone: 'phone',
  coroner_name: 'text',
  coroner_phone: 'phone',
  restaurant_name: 'text',
  pos_system: 'enum',
  product_name: 'text',
  price: 'money',
  sku: 'text',
  availability: 'boolean',
  brand: 'text',
  agency_name: 'text',
  effective_date: 'date',
  filing_fee: 'money',
};

export const POS_SYSTEMS = ['Toast', 'Square', 'Clover', 'Lightspeed', 'SpotOn', 'Revel', 'TouchBistro'] as const;
export type PosSystem = (typeof POS_SYSTEMS)[number];

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'SGD', 'AUD', 'JPY'] as const;
export type Currency = (typeof CURRENCIES)[number];

/**
 * Where a value is carried. The first seven are the primary markup of a site's field blocks;
 * `subpage` marks a site with fields off the entry page; the rest are the restaurant vertical's
 * POS signals.
 */
export type MarkupKind =
  | 'json-ld'
  | 'microdata'
  | 'table'
  | 'dl'
  | 'prose'
  | 'js-inline'
  | 'js-xhr'
  | 'subpage'
  | 'order-link'
  | 'script-src'
  | 'iframe'
  | 'meta-generator'
  | 'badge';

export type PrimaryMarkup = Exclude<MarkupKind, 'subpage'>;

export const HOSTILE_LABELS = [
  'blocked:captcha',
  'blocked:login_required',
  'blocked:paywall',
  'blocked:geo_blocked',
  'blocked:bot_detected',
  'page_error:404',
  'page_error:410',
  'page_error:500',
  'page_error:redirect_loop',
  'page_error:too_large',
  'timeout',
  'transient:503',
  'unsafe_target:redirect',
  'unsafe_target:link',
  'dialogs',
  'endless_scroll',
  'download_trap',
] as const;
export type HostileLabel = (typeof HOSTILE_LABELS)[number];

/** The concrete behaviour behind a label (`timeout` has two). */
export const HOSTILE_BEHAVIOURS = [
  'captcha',
  'login_wall',
  'paywall',
  'geo_block',
  'bot_wall',
  'not_found',
  'gone',
  'server_error',
  'redirect_loop',
  'too_large',
  'slow_response',
  'slow_trickle',
  'transient_503',
  'trap_redirect',
  'trap_link',
  'dialogs',
  'endless_scroll',
  'download_trap',
] as const;
export type HostileBehaviour = (typeof HOSTILE_BEHAVIOURS)[number];

export type ExpectedOutcome = 'success' | 'failure';

/** One site's entry in truth.json. */
export interface TruthRecord {
  id: string;
  host: string;
  url: string;
  vertical: Vertical;
  template: string;
  markup: MarkupKind[];
  hostile: HostileLabel | null;
  /** Concrete hostile behaviour (finer than the label), null for friendly sites. */
  behaviour: HostileBehaviour | null;
  /** What a correct agent ends with: all fields (`success`) or the hostile label's failure category. */
  expectedOutcome: ExpectedOutcome;
  fields: Record<string, string>;
  /** "home" = the page at `url`; otherwise a path on the same host. */
  fieldLocations: Record<string, string>;
  /** Which markup carries each field. */
  fieldMarkup: Record<string, PrimaryMarkup>;
}

export interface TruthFile {
  generator: 'sitefarm';
  formatVersion: 1;
  seed: number;
  profile: FarmProfile;
  port: number;
  trapPort: number;
  hostileShare: number;
  columns: Record<Vertical, readonly string[]>;
  sites: TruthRecord[];
}

export type FarmProfile = 'full' | 'demo';

/** Farm-wide settings every page render can see (ports for absolute links, hostile timings). */
export interface FarmEnv {
  port: number;
  baseHost: string;
  trapHost: string;
  trapPort: number;
  /** transient:503 sites answer 503 to this many requests (per site) before serving normally. */
  transientFailures: number;
  /** timeout (slow_response) sites wait this long before sending headers. */
  slowResponseMs: number;
  /** timeout (slow_trickle) sites send this many bytes per interval. */
  trickleChunkBytes: number;
  trickleIntervalMs: number;
  /** page_error:too_large sites stream this many bytes. */
  largePageBytes: number;
  /** download_trap sites serve an attachment of this many bytes. */
  downloadBytes: number;
}

export interface Site {
  index: number;
  id: string;
  host: string;
  origin: string;
  url: string;
  entryPath: string;
  vertical: Vertical;
  template: string;
  hostile: HostileBehaviour | null;
  truth: TruthRecord;
  /** Vertical-specific generated world (names, prices, distractors, presentation choices). */
  facts: unknown;
  env: FarmEnv;
}

export interface FarmOptions {
  seed: number;
  sites: number;
  hostileShare: number;
  verticals?: readonly Vertical[];
  profile?: FarmProfile;
  port?: number;
  trapPort?: number;
  transientFailures?: number;
  slowResponseMs?: number;
  trickleChunkBytes?: number;
  trickleIntervalMs?: number;
  largePageBytes?: number;
  downloadBytes?: number;
}

export interface Farm {
  seed: number;
  profile: FarmProfile;
  hostileShare: number;
  env: FarmEnv;
  sites: readonly Site[];
  byHost: ReadonlyMap<string, Site>;
  byId: ReadonlyMap<string, Site>;
  truth: TruthFile;
}

/** How the server should deliver a rendered response (timed hostile behaviours). */
export type Delivery =
  | { kind: 'immediate' }
  | { kind: 'delay'; ms: number }
  | { kind: 'trickle'; chunkBytes: number; intervalMs: number }
  | { kind: 'pad'; totalBytes: number; filler: string; tail: string };

export interface PageResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
  delivery: Delivery;
}
