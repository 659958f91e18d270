// Knowledge-base recipes: validation names every problem precisely; matching needs every
// condition; rules read text or attributes, apply the pattern and parse with the column type.
import type { ColumnSpec } from '../types';
import { applyRecipe, loadRecipe, loadRecipes, matchRecipe } from './apply-recipe';
import { RecipeValidationError, type RecipeIssue } from './recipe';

const PAGE = `<!DOCTYPE html><html><head>
<meta name="generator" content="SpotOn Website Builder">
<script src="https://cdn.spoton.example/widget.js"></script>
</head><body>
<header class="site"><a class="logo" href="/">Bistro Rouge</a></header>
<main><h1>Welcome</h1><ul class="menu"><li>Steak frites <span class="price">$31</span></li></ul>
<a class="order" href="/order?src=site">Order online</a></main>
<footer class="site"><p>Bistro Rouge · Boise, ID · +1 208-555-0158</p><p class="since">Serving since 12 March 2004</p></footer>
</body></html>`;

const COLUMNS: ColumnSpec[] = [
  { name: 'restaurant_name', type: 'text' },
  { name: 'phone', type: 'phone' },
  { name: 'pos_system', type: 'enum', enumValues: ['Toast', 'Square', 'SpotOn'] },
  { name: 'order_url', type: 'url' },
  { name: 'opened', type: 'date' },
  { name: 'top_price', type: 'money' },
  { name: 'email', type: 'email' },
  { name: 'rating', type: 'number' },
];

const spoton = {
  id: 'spoton-restaurant',
  version: 3,
  match: { generator: '^SpotOn\\b', hosts: ['*.farm.localhost'] },
  fields: {
    restaurant_name: 'header.site a.logo',
    phone: { selector: 'footer.site p', pattern: '(\\+1 [\\d-]+)' },
    pos_system: { selector: 'meta[name=generator]', attribute: 'content' },
    order_url: { selector: 'a.order', attribute: 'href' },
    opened: { selector: 'footer .since', pattern: 'since (.+)$' },
    top_price: '.menu .price',
    email: ['a[href^="mailto:"]', { selector: 'footer.site p', pattern: '\\S+@\\S+' }],
  },
  subpages: ['/contact'],
};

function issuesOf(input: unknown): RecipeIssue[] {
  try {
    loadRecipes(input);
  } catch (error) {
    expect(error).toBeInstanceOf(RecipeValidationError);
    return (error as RecipeValidationError).issues;
  }
  throw new Error('the recipes were accepted');
}

describe('recipe validation', () => {
  it('accepts a well-formed recipe, strings as selector shorthand, and {recipes: [...]}', () => {
    const [recipe] = loadRecipes({ recipes: [spoton] });
    expect(recipe).toMatchObject({ id: 'spoton-restaurant', version: 3, subpages: ['/contact'] });
    expect(recipe.fields.restaurant_name).toEqual([{ selector: 'header.site a.logo' }]);
    expect(recipe.fields.email).toHaveLength(2);
  });

  it('names every problem with its path, and does not throw anything else', () => {
    const issues = issuesOf([
      {
        id: 'Bad Id',
        version: 0,
        match: { generator: '(', hosts: ['http://x'], colour: 'red' },
        fields: { 'Not A Column': 'p', phone: { selector: 'p[[' }, price: { selector: 'p', pattern: '[a-' }, url: { selector: 'a', attribute: '"x' } },
        subpages: ['https://elsewhere.example/'],
        confidence: 2,
      },
      { ...spoton, match: {} },
      spoton,
      spoton,
      'not a recipe',
    ]);
    const paths = issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'recipes[0].id',
        'recipes[0].version',
        'recipes[0].confidence',
        'recipes[0].match.hosts[0]',
        'recipes[0].match.generator',
        'recipes[0].match.colour',
        'recipes[0].fields.Not A Column',
        'recipes[0].fields.phone.selector',
        'recipes[0].fields.price.pattern',
        'recipes[0].fields.url.attribute',
        'recipes[0].subpages[0]',
        'recipes[1].match',
        'recipes[3].id',
        'recipes[4]',
      ]),
    );
    const byPath = Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
    expect(byPath['recipes[0].fields.phone.selector']).toMatch(/"p\[\[" is not a valid CSS selector/);
    expect(byPath['recipes[0].fields.price.pattern']).toMatch(/not a valid regular expression/);
    expect(byPath['recipes[1].match']).toMatch(/at least one condition/);
    expect(byPath['recipes[3].id']).toMatch(/listed twice/);
    expect(() => loadRecipe({ ...spoton, fields: {} })).toThrow('invalid recipe: recipe.fields: must map at least one column name to its rules');
    expect(issuesOf('nope')).toEqual([{ path: 'recipes', message: 'must be a list of recipes (or {"recipes": [...]})' }]);
  });
});

describe('recipe matching', () => {
  const [recipe] = loadRecipes([spoton]);
  const url = 'http://bistro-rouge-0058.farm.localhost:4100/';

  it('matches when every condition holds, and says which', () => {
    expect(matchRecipe([recipe], PAGE, url)).toEqual({ recipe, reason: 'host *.farm.localhost; generator "SpotOn Website Builder"' });
  });

  it('does not match when one condition fails', () => {
    expect(matchRecipe([recipe], PAGE, 'http://bistro.example.com/')).toBeNull();
    expect(matchRecipe([recipe], PAGE.replace('SpotOn Website', 'Toast Website'), url)).toBeNull();
  });

  it('matches script hosts (and subdomains) and DOM markers', () => {
    const byScript = loadRecipe({ id: 'spoton-cdn', version: 1, match: { scriptHosts: ['spoton.example'], selectors: ['header.site .logo'] }, fields: { restaurant_name: '.logo' } });
    expect(matchRecipe([byScript], PAGE, url)?.reason).toBe('script host spoton.example; markers header.site .logo');
    expect(matchRecipe([byScript], PAGE.replace('class="logo"', 'class="brand"'), url)).toBeNull();
    expect(matchRecipe([byScript], PAGE.replace('cdn.spoton.example', 'cdn.notspoton.example'), url)).toBeNull();
  });

  it('picks the first matching recipe', () => {
    const other = loadRecipe({ ...spoton, id: 'other' });
    expect(matchRecipe([other, recipe], PAGE, url)?.recipe.id).toBe('other');
  });
});

describe('applying a recipe', () => {
  const [recipe] = loadRecipes([spoton]);
  const url = 'http://bistro-rouge-0058.farm.localhost:4100/';

  it('reads text and attributes, applies patterns and parses with the column type', () => {
    const result = applyRecipe(recipe, { html: PAGE, url, columns: COLUMNS });
    const values = Object.fromEntries(Object.entries(result.fields).map(([name, field]) => [name, field.value]));
    expect(values).toEqual({
      restaurant_name: 'Bistro Rouge',
      phone: '+12085550158',
      pos_system: 'SpotOn',
      order_url: 'http://bistro-rouge-0058.farm.localhost:4100/order?src=site',
      opened: '2004-03-12',
      top_price: '31.00 USD',
    });
    expect(result.fields.phone).toMatchObject({
      confidence: 0.95,
      evidence: { source: 'recipe', selector: 'footer.site p', path: 'spoton-restaurant@3', pageUrl: url },
    });
    expect(result.fields.pos_system.evidence?.selector).toBe('meta[name=generator] @content');
    expect(result.recipe).toEqual({ id: 'spoton-restaurant', version: 3 });
    expect(result.uncovered).toEqual(['rating']);
    expect(result.notFound).toEqual([{ column: 'email', reason: '\\S+@\\S+ does not match the text of footer.site p' }]);
  });

  it('reports a value that does not parse as the column type as not found', () => {
    const [wrong] = loadRecipes([{ ...spoton, fields: { phone: '.logo' } }]);
    const result = applyRecipe(wrong, { html: PAGE, url, columns: COLUMNS.filter((c) => c.name === 'phone') });
    expect(result.fields).toEqual({});
    expect(result.notFound[0].column).toBe('phone');
    expect(result.notFound[0].reason).toMatch(/^\.logo: /);
  });

  it('survives pages that are empty or not HTML', () => {
    expect(applyRecipe(recipe, { html: '', url, columns: COLUMNS }).fields).toEqual({});
    expect(applyRecipe(recipe, { html: '\u0000\u0001<<<>>>', url, columns: COLUMNS }).fields).toEqual({});
  });
});
