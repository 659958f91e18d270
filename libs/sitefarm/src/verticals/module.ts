// The contract between the farm generator/renderer and one vertical (fitness, county, ...).
import type { Rng } from '../prng';
import type { FarmEnv, FarmProfile, HostileBehaviour, MarkupKind, PageResponse, PrimaryMarkup, Site, Vertical } from '../types';

export interface GenContext {
  rng: Rng;
  index: number;
  /** Position among the farm's sites of this vertical (drives template/markup rotation). */
  ordinal: number;
  template: string;
  kind: PrimaryMarkup;
  hostile: HostileBehaviour | null;
  /** Hostile behaviours that keep the page usable need every field on the entry page. */
  forceHome: boolean;
  profile: FarmProfile;
  env: FarmEnv;
}

export interface GeneratedSite {
  /** Display name; the site id is its slug plus the site number. */
  name: string;
  entryPath: string;
  facts: unknown;
  fields: Record<string, string>;
  fieldLocations: Record<string, string>;
  fieldMarkup: Record<string, PrimaryMarkup>;
  markup: MarkupKind[];
}

export interface VerticalModule {
  vertical: Vertical;
  /** At least five visibly different templates. */
  templates: readonly string[];
  /** Primary markup kinds this vertical's sites rotate through. */
  markupKinds: readonly PrimaryMarkup[];
  generate(ctx: GenContext): GeneratedSite;
  /** The page at `path`, or null for "no such page" (the caller serves the site's 404). */
  render(site: Site, path: string, query: URLSearchParams): PageResponse | null;
}
