// Knowledge-base recipes (the `config` strategy of DESIGN.md §5): what a site platform's pages
// look like, written down once — which sites a recipe is for (host patterns and/or a platform
// fingerprint) and where each column's value sits (CSS selector, optional attribute, optional
// regular expression). Recipes are data from outside (a file, a preview request), so this
// module reads them defensively and names every problem precisely. Pure.

/** One way to read a column's value: the first element `selector` matches that yields a value. */
export interface RecipeRule {
  /** CSS selector (css-select dialect, as cheerio understands it). */
  selector: string;
  /** Read this attribute instead of the element's text (`content`, `href`, `data-price` …). */
  attribute?: string;
  /** Regular expression applied to the text/attribute; group 1 (or the whole match) is the value. */
  pattern?: string;
}

/** Which pages a recipe is for. Every condition given must hold; at least one is needed. */
export interface RecipeMatch {
  /** Host names (`shop.example.com`) or suffix patterns (`*.example.com`). */
  hosts?: string[];
  /** Regular expression (case-insensitive) on a `<meta name="generator">` content. */
  generator?: string;
  /** A `<script src>` or `<iframe src>` on the page comes from one of these hosts (or a subdomain). */
  scriptHosts?: string[];
  /** DOM markers: every selector must match at least one element. */
  selectors?: string[];
}

export interface Recipe {
  /** Stable name, lower-case: `spoton-restaurant`. */
  id: string;
  /** Bumped on every change; recorded with each use so hit rates are tracked per version. */
  version: number;
  description?: string;
  match: RecipeMatch;
  /** Column name → rules tried in order. Columns of a campaign a recipe does not know fall back to the heuristic. */
  fields: Record<string, RecipeRule[]>;
  /** Same-site paths (`/contact`) worth loading when columns are still missing after the entry page. */
  subpages?: string[];
  /** Confidence given to a value a rule found and the column type parsed (default 0.95). */
  confidence?: number;
}

export interface RecipeIssue {
  /** Where in the input: `recipes[2].fields.phone[0].pattern`. */
  path: string;
  message: string;
}

export class RecipeValidationError extends Error {
  constructor(readonly issues: RecipeIssue[]) {
    super(`invalid recipe: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'RecipeValidationError';
  }
}

const ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const COLUMN = /^[a-z][a-z0-9_]{0,62}$/;
const HOST_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/;
const ATTRIBUTE = /^[a-zA-Z_:][-a-zA-Z0-9_:.]{0,62}$/;
const MAX_PATTERN = 300;
const MAX_SELECTOR = 500;
const MAX_RULES = 8;
const MAX_SUBPAGES = 5;
const MAX_RECIPES = 500;

/**
 * Checks a selector by asking a caller-supplied compiler (the engine's css-select) to compile it;
 * returns the compiler's complaint or undefined.
 */
export type SelectorCheck = (selector: string) => string | undefined;

/** Reads one recipe from untyped input; throws RecipeValidationError naming every problem. */
export function parseRecipe(input: unknown, checkSelector: SelectorCheck, path = 'recipe'): Recipe {
  const issues: RecipeIssue[] = [];
  const recipe = readRecipe(input, path, issues, checkSelector);
  if (issues.length > 0 || !recipe) throw new RecipeValidationError(issues);
  return recipe;
}

/** Reads a list of recipes (`[...]` or `{recipes: [...]}`); ids must be unique. */
export function parseRecipes(input: unknown, checkSelector: SelectorCheck, path = 'recipes'): Recipe[] {
  const list = isObject(input) && !Array.isArray(input) && 'recipes' in input ? input.recipes : input;
  const issues: RecipeIssue[] = [];
  if (!Array.isArray(list)) throw new RecipeValidationError([{ path, message: 'must be a list of recipes (or {"recipes": [...]})' }]);
  if (list.length > MAX_RECIPES) throw new RecipeValidationError([{ path, message: `at most ${MAX_RECIPES} recipes` }]);
  const recipes: Recipe[] = [];
  const seen = new Set<string>();
  list.forEach((item, index) => {
    const recipe = readRecipe(item, `${path}[${index}]`, issues, checkSelector);
    if (!recipe) return;
    if (seen.has(recipe.id)) issues.push({ path: `${path}[${index}].id`, message: `"${recipe.id}" is listed twice` });
    seen.add(recipe.id);
    recipes.push(recipe);
  });
  if (issues.length > 0) throw new RecipeValidationError(issues);
  return recipes;
}

function readRecipe(input: unknown, path: string, issues: RecipeIssue[], checkSelector: SelectorCheck): Recipe | undefined {
  if (!isObject(input) || Array.isArray(input)) {
    issues.push({ path, message: 'must be an object with id, version, match and fields' });
    return undefined;
  }
  const before = issues.length;
  const known = new Set(['id', 'version', 'description', 'match', 'fields', 'subpages', 'confidence']);
  for (const key of Object.keys(input)) if (!known.has(key)) issues.push({ path: `${path}.${key}`, message: 'is not a recipe property' });

  const id = input.id;
  if (typeof id !== 'string' || !ID.test(id)) issues.push({ path: `${path}.id`, message: 'must be lower-case letters, digits, ".", "_" or "-" (1–63 characters)' });
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) issues.push({ path: `${path}.version`, message: 'must be a whole number, 1 or more' });
  if (input.description !== undefined && typeof input.description !== 'string') issues.push({ path: `${path}.description`, message: 'must be text' });
  const confidence = input.confidence;
  if (confidence !== undefined && (typeof confidence !== 'number' || !(confidence > 0 && confidence <= 1))) {
    issues.push({ path: `${path}.confidence`, message: 'must be a number in (0, 1]' });
  }
  const match = readMatch(input.match, `${path}.match`, issues, checkSelector);
  const fields = readFields(input.fields, `${path}.fields`, issues, checkSelector);
  const subpages = readSubpages(input.subpages, `${path}.subpages`, issues);
  if (issues.length > before) return undefined;
  return {
    id: id as string,
    version: version as number,
    description: input.description as string | undefined,
    match,
    fields,
    subpages,
    confidence: confidence as number | undefined,
  };
}

function readMatch(input: unknown, path: string, issues: RecipeIssue[], checkSelector: SelectorCheck): RecipeMatch {
  if (!isObject(input) || Array.isArray(input)) {
    issues.push({ path, message: 'must say which sites the recipe is for (hosts, generator, scriptHosts and/or selectors)' });
    return {};
  }
  const known = new Set(['hosts', 'generator', 'scriptHosts', 'selectors']);
  for (const key of Object.keys(input)) if (!known.has(key)) issues.push({ path: `${path}.${key}`, message: 'is not a match condition (hosts, generator, scriptHosts, selectors)' });
  const match: RecipeMatch = {};
  const hostList = (key: 'hosts' | 'scriptHosts') => {
    const value = input[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length === 0) {
      issues.push({ path: `${path}.${key}`, message: 'must be a non-empty list of host names' });
      return undefined;
    }
    value.forEach((host, index) => {
      if (typeof host !== 'string' || !HOST_PATTERN.test(host.toLowerCase())) {
        issues.push({ path: `${path}.${key}[${index}]`, message: `${JSON.stringify(host)} is not a host name or "*.suffix" pattern` });
      }
    });
    return value.map((host) => String(host).toLowerCase());
  };
  match.hosts = hostList('hosts');
  match.scriptHosts = hostList('scriptHosts');
  if (input.generator !== undefined) {
    if (typeof input.generator !== 'string' || input.generator === '') issues.push({ path: `${path}.generator`, message: 'must be a regular expression' });
    else {
      const problem = regexProblem(input.generator);
      if (problem) issues.push({ path: `${path}.generator`, message: problem });
      else match.generator = input.generator;
    }
  }
  if (input.selectors !== undefined) {
    if (!Array.isArray(input.selectors) || input.selectors.length === 0) issues.push({ path: `${path}.selectors`, message: 'must be a non-empty list of CSS selectors' });
    else {
      input.selectors.forEach((selector, index) => {
        const problem = selectorProblem(selector, checkSelector);
        if (problem) issues.push({ path: `${path}.selectors[${index}]`, message: problem });
      });
      match.selectors = input.selectors.map(String);
    }
  }
  if (!match.hosts && !match.scriptHosts && match.generator === undefined && !match.selectors && !issues.some((issue) => issue.path.startsWith(path))) {
    issues.push({ path, message: 'needs at least one condition (hosts, generator, scriptHosts or selectors): a recipe must not apply to every site' });
  }
  return match;
}

function readFields(input: unknown, path: string, issues: RecipeIssue[], checkSelector: SelectorCheck): Record<string, RecipeRule[]> {
  if (!isObject(input) || Array.isArray(input) || Object.keys(input).length === 0) {
    issues.push({ path, message: 'must map at least one column name to its rules' });
    return {};
  }
  const fields: Record<string, RecipeRule[]> = {};
  for (const [column, raw] of Object.entries(input)) {
    const at = `${path}.${column}`;
    if (!COLUMN.test(column)) {
      issues.push({ path: at, message: `"${column}" is not a column name (lower-case letters, digits, underscores)` });
      continue;
    }
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.length === 0 || list.length > MAX_RULES) {
      issues.push({ path: at, message: `needs 1 to ${MAX_RULES} rules` });
      continue;
    }
    const rules: RecipeRule[] = [];
    list.forEach((item, index) => {
      const rulePath = Array.isArray(raw) ? `${at}[${index}]` : at;
      const rule = typeof item === 'string' ? { selector: item } : item;
      if (!isObject(rule) || Array.isArray(rule)) {
        issues.push({ path: rulePath, message: 'must be a CSS selector or {selector, attribute?, pattern?}' });
        return;
      }
      for (const key of Object.keys(rule)) {
        if (key !== 'selector' && key !== 'attribute' && key !== 'pattern') issues.push({ path: `${rulePath}.${key}`, message: 'is not a rule property (selector, attribute, pattern)' });
      }
      const selectorIssue = selectorProblem(rule.selector, checkSelector);
      if (selectorIssue) issues.push({ path: `${rulePath}.selector`, message: selectorIssue });
      if (rule.attribute !== undefined && (typeof rule.attribute !== 'string' || !ATTRIBUTE.test(rule.attribute))) {
        issues.push({ path: `${rulePath}.attribute`, message: `${JSON.stringify(rule.attribute)} is not an attribute name` });
      }
      if (rule.pattern !== undefined) {
        const problem = typeof rule.pattern === 'string' && rule.pattern !== '' ? regexProblem(rule.pattern) : 'must be a regular expression';
        if (problem) issues.push({ path: `${rulePath}.pattern`, message: problem });
      }
      rules.push({
        selector: String(rule.selector),
        ...(rule.attribute !== undefined ? { attribute: String(rule.attribute) } : {}),
        ...(rule.pattern !== undefined ? { pattern: String(rule.pattern) } : {}),
      });
    });
    fields[column] = rules;
  }
  return fields;
}

function readSubpages(input: unknown, path: string, issues: RecipeIssue[]): string[] | undefined {
  if (input === undefined) return undefined;
  if (!Array.isArray(input) || input.length > MAX_SUBPAGES) {
    issues.push({ path, message: `must be a list of at most ${MAX_SUBPAGES} same-site paths` });
    return undefined;
  }
  input.forEach((value, index) => {
    // A path, not a URL: a recipe must never send the agent to another site.
    if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /\s/.test(value)) {
      issues.push({ path: `${path}[${index}]`, message: `${JSON.stringify(value)} is not a same-site path starting with "/"` });
    }
  });
  return input.map(String);
}

function selectorProblem(selector: unknown, checkSelector: SelectorCheck): string | undefined {
  if (typeof selector !== 'string' || selector.trim() === '') return 'must be a CSS selector';
  if (selector.length > MAX_SELECTOR) return `is longer than ${MAX_SELECTOR} characters`;
  const problem = checkSelector(selector);
  return problem ? `${JSON.stringify(selector)} is not a valid CSS selector (${problem})` : undefined;
}

function regexProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN) return `is longer than ${MAX_PATTERN} characters`;
  try {
    new RegExp(pattern, 'iu');
    return undefined;
  } catch (error) {
    return `${JSON.stringify(pattern)} is not a valid regular expression (${(error as Error).message})`;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** `example.com` or `*.example.com` (which also covers `example.com` itself). */
export function hostMatches(host: string, pattern: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(2);
    return name === suffix || name.endsWith(`.${suffix}`);
  }
  return name === pattern;
}
