// The `config` strategy against the site farm: a knowledge-base recipe for a site platform
// (loaded from FIELDWORK_AGENT_RECIPES, or handed to one attempt as a preview does) reads its
// columns; columns it does not know fall back to the heuristic, and a site no recipe matches is
// extracted by the heuristic alone — each field's evidence says which strategy produced it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Recipe } from '@fieldwork/extraction';
import { renderPage } from '@fieldwork/sitefarm';
import { canonicalize, valuesEqual } from '@fieldwork/values';
import { columnType, columnsFor, POS_VALUES, startAgentKit, type AgentKit } from './support/agent-kit';

/** The farm's restaurant sites built with "SpotOn Website Builder" (generator meta on every page). */
const SPOTON: Recipe = {
  id: 'spoton-restaurant',
  version: 2,
  match: { generator: '^SpotOn\\b', hosts: ['*.farm.localhost'] },
  fields: {
    restaurant_name: [{ selector: 'header.site a.logo' }],
    pos_system: [{ selector: 'meta[name=generator]', attribute: 'content', pattern: '^(\\w+)' }],
  },
};

/** Revel's ordering embed lives on /order only: the recipe sends the agent straight there. */
const REVEL: Recipe = {
  id: 'revel-embed',
  version: 1,
  match: { hosts: ['*.farm.localhost'], selectors: ['header.site a.logo', 'a[href="/order"]'] },
  fields: {
    pos_system: [{ selector: 'script[src*="revelup"]', attribute: 'src', pattern: '(revel)up' }],
  },
  subpages: ['/order'],
};

describe('config strategy (knowledge-base recipes)', () => {
  let kit: AgentKit;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-recipes-'));
    const file = join(dir, 'recipes.json');
    writeFileSync(file, JSON.stringify({ recipes: [SPOTON] }));
    kit = await startAgentKit({ env: { FIELDWORK_AGENT_RECIPES: file } });
  });

  afterAll(async () => {
    await kit?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(kit.trap.hits).toEqual([]);
  });

  it('extracts a matching platform site with the recipe, and the columns it lacks with the heuristic', async () => {
    expect(kit.config.recipes.map((recipe) => `${recipe.id}@${recipe.version}`)).toEqual(['spoton-restaurant@2']);
    const site = kit.site((s) => s.hostile === null && s.vertical === 'restaurant' && s.markup.includes('meta-generator') && s.fields.pos_system === 'SpotOn');
    const farmSite = kit.farm.farm.sites.find((candidate) => candidate.id === site.id)!;
    const home = String(renderPage(farmSite, '/').body);
    const telephone = /"telephone":"([^"]+)"/.exec(home)?.[1];
    expect(telephone).toBeDefined();
    const columns = [...columnsFor(site), { name: 'phone', type: 'phone' as const, required: false }];

    const result = await kit.run(site, { strategy: 'config', columns });

    expect(result).toMatchObject({ status: 'success', strategy: 'config', mode: 'http', failure: undefined });
    const byName = Object.fromEntries(result.fields.map((field) => [field.name, field]));
    expect(byName.restaurant_name).toMatchObject({
      value: site.fields.restaurant_name,
      evidence: { source: 'recipe', selector: 'header.site a.logo', path: 'spoton-restaurant@2' },
    });
    expect(byName.pos_system).toMatchObject({ value: 'SpotOn', evidence: { source: 'recipe', selector: 'meta[name=generator] @content' } });
    // Not in the recipe: the heuristic read it, and the evidence says so.
    expect(byName.phone.value).toBe(canonicalize('phone', telephone, { defaultRegion: 'US' }));
    expect(byName.phone.evidence?.source).not.toBe('recipe');

    const match = result.steps.find((step) => step.op === 'recipe_match');
    expect(match).toMatchObject({ outcome: 'ok', params: { recipe: 'spoton-restaurant', version: '2' } });
    expect(match?.detail).toMatch(/generator "SpotOn Website Builder"/);
    const extracts = result.steps.filter((step) => step.op === 'extract').map((step) => [step.params.strategy, step.outcome]);
    expect(extracts).toEqual([
      ['config', 'ok'],
      ['heuristic', 'ok'],
    ]);
    expect(result.steps.find((step) => step.params.strategy === 'config')?.detail).toMatch(/2 of 2 recipe fields on this page; not in the recipe: phone/);
  });

  it('skips the heuristic when the recipe reads every column (auto strategy)', async () => {
    const site = kit.site((s) => s.hostile === null && s.vertical === 'restaurant' && s.markup.includes('meta-generator') && s.fields.pos_system === 'SpotOn');
    const result = await kit.run(site);
    expect(result).toMatchObject({ status: 'success', strategy: 'config', pages: [site.url] });
    expect(result.fields.map((field) => field.value)).toEqual([site.fields.restaurant_name, 'SpotOn']);
    expect(result.steps.filter((step) => step.op === 'extract').map((step) => [step.params.strategy, step.outcome])).toEqual([
      ['config', 'ok'],
      ['heuristic', 'skipped'],
    ]);
  });

  it('falls back to the heuristic on a site no recipe matches', async () => {
    const site = kit.site((s) => s.hostile === null && s.vertical === 'county' && s.markup.includes('table') && !s.markup.includes('subpage') && !s.markup.some((m) => m.startsWith('js-')));
    const result = await kit.run(site, { strategy: 'config' });
    expect(result).toMatchObject({ status: 'success', strategy: 'heuristic' });
    const wrong = result.fields.filter((field) => !valuesEqual(columnType(field.name), site.fields[field.name], field.value)).map((field) => field.name);
    expect(wrong).toEqual([]);
    expect(result.fields.every((field) => field.evidence?.source !== 'recipe')).toBe(true);
    expect(result.steps.find((step) => step.op === 'recipe_match')).toMatchObject({ outcome: 'skipped', detail: expect.stringMatching(/no knowledge-base recipe matches/) });
    expect(result.steps.filter((step) => step.op === 'extract').every((step) => step.params.strategy === 'heuristic')).toBe(true);
  });

  it('does not use recipes when the heuristic is asked for', async () => {
    const site = kit.site((s) => s.hostile === null && s.vertical === 'restaurant' && s.markup.includes('meta-generator') && s.fields.pos_system === 'SpotOn');
    const result = await kit.run(site, { strategy: 'heuristic' });
    expect(result.strategy).toBe('heuristic');
    expect(result.steps.some((step) => step.op === 'recipe_match')).toBe(false);
  });

  it("visits a recipe's subpages first, with recipes handed to the attempt", async () => {
    const site = kit.site((s) => s.hostile === null && s.vertical === 'restaurant' && s.fields.pos_system === 'Revel' && s.fieldLocations.pos_system === '/order');
    const columns = [{ name: 'pos_system', type: 'enum' as const, required: true, enumValues: POS_VALUES }];
    const result = await kit.run(site, { strategy: 'config', columns, recipes: [REVEL] });
    expect(result).toMatchObject({ status: 'success', strategy: 'config' });
    expect(result.fields[0]).toMatchObject({ value: 'Revel', evidence: { source: 'recipe', path: 'revel-embed@1', pageUrl: new URL('/order', site.url).href } });
    const navigate = result.steps.find((step) => step.op === 'navigate');
    expect(navigate?.params.link).toBe('recipe revel-embed subpage /order');
    expect(result.pages.map((page) => new URL(page).pathname)).toEqual(['/', '/order']);
  });
});
