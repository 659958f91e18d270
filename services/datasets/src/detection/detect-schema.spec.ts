import { detectSchema, detectUrlColumn, suggestGroundTruth } from './detect-schema';

describe('detectUrlColumn', () => {
  it('prefers a URL-like header with URL-like values', () => {
    expect(detectUrlColumn(['Name', 'Website', 'Homepage'], [['A', 'a.example.com', 'b.example.com']])).toBe('Website');
  });

  it('finds the column by content when the header says nothing', () => {
    expect(detectUrlColumn(['Name', 'Where'], [['A', 'https://a.example.com'], ['B', 'b.example.org'], ['C', 'www.c.example']])).toBe('Where');
  });

  it('takes a URL header even when its values are bad (they are reported row by row)', () => {
    expect(detectUrlColumn(['Name', 'URL'], [['A', 'n/a'], ['B', 'none']])).toBe('URL');
  });

  it('does not take e-mail or social columns for the site address', () => {
    expect(detectUrlColumn(['Email', 'Facebook URL'], [['a@example.com', 'https://facebook.com/a']])).toBe('Facebook URL');
    expect(detectUrlColumn(['Email', 'Name'], [['a@example.com', 'A'], ['b@example.com', 'B']])).toBeNull();
  });
});

describe('suggestGroundTruth', () => {
  const schema = detectSchema(
    ['Website', 'GT Phone', 'phone_2', 'Sheriff Name', 'Notes'],
    ['Website', 'GT Phone', 'phone', 'Sheriff Name', 'Notes'],
    [['https://a.example.com', '(555) 010-0100', '(555) 010-0199', 'Jane Doe', 'x']],
  );

  it('matches names ignoring case, spaces, underscores, "gt"/"expected" and simple synonyms; one column per output', () => {
    const suggestions = suggestGroundTruth(schema, [{ name: 'phone', type: 'phone' }, { name: 'sheriff_name' }, { name: 'website' }]);
    expect(suggestions.map((s) => [s.column, s.outputColumn, s.score])).toEqual([
      ['GT Phone', 'phone', 1],
      ['Sheriff Name', 'sheriff_name', 1],
    ]);
    expect(suggestions[0].reason).toMatch(/same meaning.*both hold phone values/);
  });

  it('suggests nothing for unrelated columns', () => {
    expect(suggestGroundTruth(schema, [{ name: 'opening_hours' }])).toEqual([]);
  });
});
