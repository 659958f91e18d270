import { NO_ALLOWED_TARGETS, parseAllowedTargets } from '@fieldwork/url-safety';
import { looksLikeFormula, prepareRow } from './row-checks';

const context = { columns: ['url', 'name'], urlIndex: 0, allowed: NO_ALLOWED_TARGETS };

describe('looksLikeFormula', () => {
  it.each(['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '+1 555 0100'])('flags %j', (cell) => expect(looksLikeFormula(cell)).toBe(true));
  it.each(['-5', '+12.50', '-1,234.5', '-', '+', '3-4', 'a=b', '', '-.5', '-12%'])('keeps %j as data', (cell) => expect(looksLikeFormula(cell)).toBe(false));
});

describe('prepareRow', () => {
  it('accepts a good row', () => {
    expect(prepareRow(1, ['example.com/a', 'A'], context)).toEqual({
      prepared: {
        row: 1,
        cells: ['example.com/a', 'A'],
        empty: false,
        ragged: false,
        formulaCells: 0,
        url: 'https://example.com/a',
        host: 'example.com',
        domain: 'example.com',
        urlProblem: null,
        allowlisted: false,
      },
      issues: [],
    });
  });

  it('reports an empty row once, and nothing else about it', () => {
    const { prepared, issues } = prepareRow(2, ['  ', ''], context);
    expect(prepared).toMatchObject({ empty: true, urlProblem: null });
    expect(issues.map((i) => i.code)).toEqual(['empty_row']);
  });

  it('reports ragged rows, formula cells and the URL problem together', () => {
    const { prepared, issues } = prepareRow(3, ['http://10.0.0.1/', '=cmd', 'extra'], context);
    expect(prepared).toMatchObject({ ragged: true, formulaCells: 1, urlProblem: 'blocked_address' });
    expect(issues.map((i) => [i.column, i.code, i.source])).toEqual([
      [null, 'ragged_row', 'content'],
      ['name', 'formula_cell', 'content'],
      ['url', 'blocked_address', 'url'],
    ]);
  });

  it('reports JSON fields outside the header as ragged', () => {
    expect(prepareRow(4, ['https://a.example.com', 'A', '1'], context, ['extra']).issues[0].message).toMatch(/fields the header does not: extra/);
  });

  it('marks allowlisted private targets valid, with an info issue', () => {
    const { prepared, issues } = prepareRow(5, ['http://shop.farm.localhost:4100/', 'Farm'], { ...context, allowed: parseAllowedTargets('127.0.0.1') });
    expect(prepared).toMatchObject({ urlProblem: null, allowlisted: true, domain: 'shop.farm.localhost' });
    expect(issues.map((i) => i.code)).toEqual(['allowlisted_address']);
  });

  it('without a URL column every non-empty row misses its URL, without one issue per row', () => {
    const { prepared, issues } = prepareRow(6, ['a', 'b'], { ...context, urlIndex: null });
    expect(prepared.urlProblem).toBe('missing_url');
    expect(issues).toEqual([]);
  });
});
