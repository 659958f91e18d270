// generateFarm: the whole farm (sites, their generated facts and the truth) from a seed, with no
// I/O. Sites are cheap to generate (pages render on request), so 5,000 sites take milliseconds.
import {
  BASE_HOST,
  DEFAULT_DOWNLOAD_BYTES,
  DEFAULT_LARGE_PAGE_BYTES,
  DEFAULT_PORT,
  DEFAULT_SLOW_RESPONSE_MS,
  DEFAULT_TRANSIENT_FAILURES,
  DEFAULT_TRAP_PORT,
  DEFAULT_TRICKLE_CHUNK_BYTES,
  DEFAULT_TRICKLE_INTERVAL_MS,
  DEMO_SITES,
  TRAP_HOST,
} from './defaults';
import { HOSTILE_CATALOGUE } from './hostile/catalogue';
import { slugify } from './html/escape';
import { Rng } from './prng';
import { COLUMNS, HOSTILE_BEHAVIOURS, VERTICALS, type Farm, type FarmEnv, type FarmOptions, type HostileBehaviour, type Site, type TruthRecord, type Vertical } from './types';
import { VERTICAL_MODULES } from './verticals/registry';

export class FarmOptionsError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
    this.name = 'FarmOptionsError';
  }
}

function checkInt(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) throw new FarmOptionsError(name, `expected an integer from ${min} to ${max}, got ${String(value)}`);
}

export function validateFarmOptions(options: FarmOptions): void {
  checkInt('seed', options.seed, 0, 2 ** 31 - 1);
  checkInt('sites', options.sites, 0, 1_000_000);
  checkInt('port', options.port, 0, 65535);
  checkInt('trapPort', options.trapPort, 0, 65535);
  checkInt('transientFailures', options.transientFailures, 0, 1000);
  if (!(options.hostileShare >= 0 && options.hostileShare <= 1)) throw new FarmOptionsError('hostileShare', `expected a number from 0 to 1, got ${String(options.hostileShare)}`);
  for (const v of options.verticals ?? []) {
    if (!VERTICALS.includes(v)) throw new FarmOptionsError('verticals', `unknown vertical "${String(v)}" (known: ${VERTICALS.join(', ')})`);
  }
  if (options.verticals && options.verticals.length === 0) throw new FarmOptionsError('verticals', 'expected at least one vertical');
  if (options.profile && options.profile !== 'full' && options.profile !== 'demo') throw new FarmOptionsError('profile', `expected "full" or "demo", got "${String(options.profile)}"`);
}

export function farmEnv(options: FarmOptions): FarmEnv {
  return {
    port: options.port ?? DEFAULT_PORT,
    baseHost: BASE_HOST,
    trapHost: TRAP_HOST,
    trapPort: options.trapPort ?? DEFAULT_TRAP_PORT,
    transientFailures: options.transientFailures ?? DEFAULT_TRANSIENT_FAILURES,
    slowResponseMs: options.slowResponseMs ?? DEFAULT_SLOW_RESPONSE_MS,
    trickleChunkBytes: options.trickleChunkBytes ?? DEFAULT_TRICKLE_CHUNK_BYTES,
    trickleIntervalMs: options.trickleIntervalMs ?? DEFAULT_TRICKLE_INTERVAL_MS,
    largePageBytes: options.largePageBytes ?? DEFAULT_LARGE_PAGE_BYTES,
    downloadBytes: options.downloadBytes ?? DEFAULT_DOWNLOAD_BYTES,
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

/** Which sites are hostile and how: a seeded choice of positions, behaviours dealt round-robin. */
function assignHostile(seed: number, count: number, share: number): Map<number, HostileBehaviour> {
  const hostileCount = Math.round(count * share);
  const rng = new Rng(`${seed}:hostile`);
  const positions = rng.shuffle(Array.from({ length: count }, (_, i) => i)).slice(0, hostileCount);
  const offset = rng.int(0, HOSTILE_BEHAVIOURS.length - 1);
  const out = new Map<number, HostileBehaviour>();
  positions.forEach((position, i) => out.set(position, HOSTILE_BEHAVIOURS[(i + offset) % HOSTILE_BEHAVIOURS.length] as HostileBehaviour));
  return out;
}

export function generateFarm(options: FarmOptions): Farm {
  validateFarmOptions(options);
  const profile = options.profile ?? 'full';
  const demo = profile === 'demo';
  const count = demo ? DEMO_SITES : options.sites;
  const hostileShare = demo ? 0 : options.hostileShare;
  const verticals: readonly Vertical[] = demo ? VERTICALS : (options.verticals ?? VERTICALS);
  const env = farmEnv(options);
  const seed = options.seed;
  const hostile = assignHostile(seed, count, hostileShare);
  const farmRng = new Rng(`${seed}:farm`);
  // Templates and markup kinds rotate per vertical from seeded offsets, so any farm with a few
  // dozen sites per vertical covers every template x markup combination.
  const rotation = new Map(verticals.map((v) => [v, { next: 0, template: farmRng.int(0, 99), markup: farmRng.int(0, 99) }]));

  const sites: Site[] = [];
  const byHost = new Map<string, Site>();
  const byId = new Map<string, Site>();
  for (let index = 0; index < count; index++) {
    const vertical = verticals[index % verticals.length] as Vertical;
    const module = VERTICAL_MODULES[vertical];
    const rot = rotation.get(vertical)!;
    const ordinal = rot.next++;
    const templateCount = module.templates.length;
    const template = module.templates[(ordinal + rot.template) % templateCount] as string;
    const kindCount = module.markupKinds.length;
    // Shift the kind by one every lcm(templates, kinds) sites: then any templates x kinds
    // consecutive sites of a vertical see every (template, kind) pair, even when the counts share factors.
    const kind = module.markupKinds[(ordinal + Math.floor(ordinal / lcm(templateCount, kindCount)) + rot.markup) % kindCount]!;
    const behaviour = hostile.get(index) ?? null;
    const spec = behaviour ? HOSTILE_CATALOGUE[behaviour] : null;
    const generated = module.generate({
      rng: new Rng(`${seed}:site:${index}`),
      index,
      ordinal,
      template,
      kind,
      hostile: behaviour,
      forceHome: spec?.forceHome ?? false,
      profile,
      env,
    });
    const id = `${slugify(generated.name).slice(0, 40).replace(/-+$/, '')}-${String(index + 1).padStart(4, '0')}`;
    const host = `${id}.${env.baseHost}`;
    const origin = `http://${host}:${env.port}`;
    const url = `${origin}${generated.entryPath}`;
    const truth: TruthRecord = {
      id,
      host,
      url,
      vertical,
      template,
      markup: generated.markup,
      hostile: spec?.label ?? null,
      behaviour,
      expectedOutcome: spec?.expectedOutcome ?? 'success',
      fields: generated.fields,
      fieldLocations: generated.fieldLocations,
      fieldMarkup: generated.fieldMarkup,
    };
    const site: Site = { index, id, host, origin, url, entryPath: generated.entryPath, vertical, template, hostile: behaviour, truth, facts: generated.facts, env };
    sites.push(site);
    byHost.set(host, site);
    byId.set(id, site);
  }
  return {
    seed,
    profile,
    hostileShare,
    env,
    sites,
    byHost,
    byId,
    truth: { generator: 'sitefarm', formatVersion: 1, seed, profile, port: env.port, trapPort: env.trapPort, hostileShare, columns: COLUMNS, sites: sites.map((s) => s.truth) },
  };
}
