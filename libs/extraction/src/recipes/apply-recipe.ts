// Runs knowledge-base recipes against a page: which recipe (if any) is for this page, and the
// values its rules read, parsed with the column's type by @fieldwork/values exactly like the
// heuristic's. Columns a recipe does not know, or whose rules find nothing that parses, are left
// to the caller (the heuristic). Pure: HTML text in, values out.

import { load, type CheerioAPI } from 'cheerio';
import { collapseWhitespace, parseValue, type ParseOptions } from '@fieldwork/values';
import type { ColumnSpec, FieldResult } from '../types';
import { hostMatches, parseRecipe, parseRecipes, type Recipe, type RecipeRule } from './recipe';

const DEFAULT_CONFIDENCE = 0.95;
/** Elements tried per rule, and characters a pattern is run on (user regexes stay cheap). */
const MAX_ELEMENTS = 20;
const MAX_TEXT = 5_000;
const SNIPPET = 200;

/** Compiles a selector with the engine's selector engine; the complaint when it cannot. */
export function selectorProblem(selector: string): string | undefined {
  try {
    EMPTY(selector);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
const EMPTY = load('');

/** Reads recipes from parsed JSON (a list or `{recipes: [...]}`); throws RecipeValidationError. */
export function loadRecipes(input: unknown, path = 'recipes'): Recipe[] {
  return parseRecipes(input, selectorProblem, path);
}

/** Reads one recipe; throws RecipeValidationError naming every problem. */
export function loadRecipe(input: unknown, path = 'recipe'): Recipe {
  return parseRecipe(input, selectorProblem, path);
}

export interface RecipeMatchResult {
  recipe: Recipe;
  /** Which conditions held, for the plan: `host *.example.com; generator /SpotOn/`. */
  reason: string;
}

/** The first recipe whose every condition holds on this page, or null. Never throws. */
export function matchRecipe(recipes: readonly Recipe[], html: string, url: string): RecipeMatchResult | null {
  if (recipes.length === 0) return null;
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  let $: CheerioAPI | undefined;
  const page = () => ($ ??= load(html ?? ''));
  for (const recipe of recipes) {
    const reasons = conditionsHold(recipe, host, url, page);
    if (reasons) return { recipe, reason: reasons.join('; ') };
  }
  return null;
}

function conditionsHold(recipe: Recipe, host: string, url: string, page: () => CheerioAPI): string[] | null {
  const { hosts, generator, scriptHosts, selectors } = recipe.match;
  const reasons: string[] = [];
  if (hosts) {
    const hit = hosts.find((pattern) => hostMatches(host, pattern));
    if (!hit) return null;
    reasons.push(`host ${hit}`);
  }
  if (generator !== undefined) {
    const regex = new RegExp(generator, 'iu');
    const $ = page();
    const contents = $('meta[name="generator" i]')
      .toArray()
      .map((el) => $(el).attr('content') ?? '');
    const hit = contents.find((content) => regex.test(content));
    if (hit === undefined) return null;
    reasons.push(`generator "${hit.slice(0, 80)}"`);
  }
  if (scriptHosts) {
    const $ = page();
    const sources = $('script[src], iframe[src]')
      .toArray()
      .map((el) => sourceHost($(el).attr('src') ?? '', url))
      .filter((value): value is string => value !== undefined);
    const hit = scriptHosts.find((pattern) => sources.some((source) => hostMatches(source, pattern.startsWith('*.') ? pattern : `*.${pattern}`)));
    if (!hit) return null;
    reasons.push(`script host ${hit}`);
  }
  if (selectors) {
    const $ = page();
    const absent = selectors.find((selector) => safeSelect($, selector) === 0);
    if (absent !== undefined) return null;
    reasons.push(`markers ${selectors.join(', ')}`);
  }
  return reasons;
}

function sourceHost(src: string, base: string): string | undefined {
  try {
    return new URL(src, base).hostname;
  } catch {
    return undefined;
  }
}

function safeSelect($: CheerioAPI, selector: string): number {
  try {
    return $(selector).length;
  } catch {
    return 0;
  }
}

export interface RecipeExtractInput {
  html: string;
  url: string;
  columns: readonly ColumnSpec[];
  defaultRegion?: string;
  defaultCurrency?: string;
  locale?: string;
}

export interface RecipeExtraction {
  recipe: { id: string; version: number };
  /** Values the recipe's rules found (only columns it found). */
  fields: Record<string, FieldResult>;
  /** Campaign columns the recipe has rules for but found nothing that parses as the column's type. */
  notFound: { column: string; reason: string }[];
  /** Campaign columns the recipe has no rules for. */
  uncovered: string[];
}

/** Applies a recipe's rules for the given columns to one page. Never throws on page content. */
export function applyRecipe(recipe: Recipe, input: RecipeExtractInput): RecipeExtraction {
  const $ = load(input.html ?? '');
  const base: ParseOptions = {
    defaultRegion: input.defaultRegion ?? 'US',
    defaultCurrency: input.defaultCurrency ?? 'USD',
    locale: input.locale,
    baseUrl: input.url,
  };
  const result: RecipeExtraction = { recipe: { id: recipe.id, version: recipe.version }, fields: {}, notFound: [], uncovered: [] };
  for (const column of input.columns) {
    const rules = recipe.fields[column.name];
    if (!rules) {
      result.uncovered.push(column.name);
      continue;
    }
    const options: ParseOptions = { ...base, enumValues: column.enumValues };
    let lastProblem = 'no element matched';
    let found: FieldResult | undefined;
    for (const rule of rules) {
      const read = readRule($, rule, column, options, recipe, input.url);
      if ('field' in read) {
        found = read.field;
        break;
      }
      lastProblem = read.problem;
    }
    if (found) result.fields[column.name] = found;
    else result.notFound.push({ column: column.name, reason: lastProblem });
  }
  return result;
}

function readRule(
  $: CheerioAPI,
  rule: RecipeRule,
  column: ColumnSpec,
  options: ParseOptions,
  recipe: Recipe,
  pageUrl: string,
): { field: FieldResult } | { problem: string } {
  let elements;
  try {
    elements = $(rule.selector).toArray().slice(0, MAX_ELEMENTS);
  } catch (error) {
    return { problem: `selector ${rule.selector}: ${(error as Error).message}` };
  }
  if (elements.length === 0) return { problem: `nothing matches ${rule.selector}` };
  const regex = rule.pattern === undefined ? undefined : new RegExp(rule.pattern, 'u');
  let problem = `nothing under ${rule.selector} is a ${column.type}`;
  for (const element of elements) {
    const node = $(element);
    const source = rule.attribute === undefined ? node.text() : node.attr(rule.attribute);
    if (source === undefined) {
      problem = `${rule.selector} has no ${rule.attribute} attribute`;
      continue;
    }
    const text = collapseWhitespace(source).slice(0, MAX_TEXT);
    let raw = text;
    if (regex) {
      const match = regex.exec(text);
      if (!match) {
        problem = `${rule.pattern} does not match the text of ${rule.selector}`;
        continue;
      }
      raw = match[1] ?? match[0];
    }
    const parsed = parseValue(column.type, raw, options);
    if (!parsed.ok) {
      problem = `${rule.selector}: ${parsed.reason}`;
      continue;
    }
    return {
      field: {
        value: parsed.canonical,
        confidence: recipe.confidence ?? DEFAULT_CONFIDENCE,
        evidence: {
          source: 'recipe',
          selector: rule.attribute === undefined ? rule.selector : `${rule.selector} @${rule.attribute}`,
          path: `${recipe.id}@${recipe.version}`,
          snippet: text.slice(0, SNIPPET),
          pageUrl,
        },
        candidates: [],
        notes: [],
      },
    };
  }
  return { problem };
}
