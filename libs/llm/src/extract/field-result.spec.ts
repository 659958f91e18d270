import type { ColumnSpec } from '@fieldwork/extraction';
import { fieldResult, LLM_CONFIDENCE } from './field-result';
import type { ModelAnswer } from './parse-model-output';
import { PageEvidence } from './verify-quote';

const PAGE = `# Linea Barre
- Drop-in class: ~~$28.00~~ $23.50
- Phone: 1-615-555-0190 <tel:+16155550190>
- Opened: March 3, 2019
- Status: Sold out
Powered by Square`;
const page = new PageEvidence(PAGE);
const url = 'https://linea.example/';

const answer = (value: string | null, quote: string | null, confidence: number | null = 0.9): ModelAnswer => ({ value, quote, confidence, valueTruncated: false, invalidValue: false });
const run = (column: ColumnSpec, a: ModelAnswer | undefined) => fieldResult(column, a, page, url, { defaultRegion: 'US', baseUrl: url });

describe('fieldResult', () => {
  it('normalises values to canonical forms and keeps a verified quote as evidence', () => {
    const price = run({ name: 'drop_in_price', type: 'money' }, answer('$23.50', 'Drop-in class: ~~$28.00~~ $23.50'));
    expect(price).toEqual({
      value: '23.50 USD',
      confidence: 0.9,
      evidence: { source: 'llm', snippet: 'Drop-in class: ~~$28.00~~ $23.50', pageUrl: url, quoteVerified: true },
      candidates: [],
      notes: [],
      modelConfidence: 0.9,
      rawValue: '$23.50',
      issues: [],
    });
    expect(run({ name: 'phone', type: 'phone' }, answer('1-615-555-0190', 'Phone: 1-615-555-0190')).value).toBe('+16155550190');
    expect(run({ name: 'opened', type: 'date' }, answer('March 3, 2019', 'Opened: March 3, 2019')).value).toBe('2019-03-03');
    expect(run({ name: 'in_stock', type: 'boolean' }, answer('false', 'Status: Sold out')).value).toBe('false');
    expect(run({ name: 'pos', type: 'enum', enumValues: ['Square', 'Toast'] }, answer('square', 'Powered by Square')).value).toBe('Square');
  });

  it('lowers confidence when the quote is not on the page', () => {
    const result = run({ name: 'phone', type: 'phone' }, answer('1-615-555-0100', 'Call us at 1-615-555-0100', 0.9));
    expect(result.value).toBe('+16155550100');
    expect(result.confidence).toBeCloseTo(0.9 * LLM_CONFIDENCE.quoteNotFound, 3);
    expect(result.evidence).toMatchObject({ quoteVerified: false, snippet: 'Call us at 1-615-555-0100' });
    expect(result.issues).toEqual(['quote_not_found']);
  });

  it('lowers confidence when the quote does not show the value, or when there is no quote', () => {
    const mismatch = run({ name: 'price', type: 'money' }, answer('$19.00', 'Drop-in class: ~~$28.00~~ $23.50', 0.8));
    expect(mismatch.issues).toEqual(['value_not_in_quote']);
    expect(mismatch.confidence).toBeCloseTo(0.8 * LLM_CONFIDENCE.valueNotInQuote, 3);
    const onPage = run({ name: 'price', type: 'money' }, answer('$23.50', null, 0.8));
    expect(onPage.issues).toEqual(['no_quote']);
    expect(onPage.confidence).toBeCloseTo(0.8 * LLM_CONFIDENCE.noQuoteValueOnPage, 3);
    expect(onPage.evidence?.snippet).toBe('- Drop-in class: ~~$28.00~~ $23.50');
    const invented = run({ name: 'price', type: 'money' }, answer('$99', null, 0.8));
    expect(invented.confidence).toBeCloseTo(0.8 * LLM_CONFIDENCE.noQuoteValueNotOnPage, 3);
  });

  it('clamps the model’s confidence and caps it below certainty', () => {
    expect(run({ name: 'price', type: 'money' }, answer('$23.50', '$23.50', 7)).confidence).toBe(LLM_CONFIDENCE.max);
    expect(run({ name: 'price', type: 'money' }, answer('$23.50', '$23.50', -3)).confidence).toBe(0);
    expect(run({ name: 'price', type: 'money' }, answer('$23.50', '$23.50', null)).confidence).toBe(LLM_CONFIDENCE.defaultModelConfidence);
  });

  it('drops values that are not of the column type, keeping what the model said', () => {
    const result = run({ name: 'pos', type: 'enum', enumValues: ['Square', 'Toast'] }, answer('Clover', 'Powered by Square'));
    expect(result).toMatchObject({ value: null, confidence: 0, evidence: null, rawValue: 'Clover', issues: ['type_mismatch'] });
    expect(run({ name: 'email', type: 'email' }, answer('call us', null)).issues).toEqual(['type_mismatch']);
  });

  it('reads "N/A" and friends as no value, unless it is an allowed value', () => {
    expect(run({ name: 'phone', type: 'phone' }, answer('N/A', null)).value).toBeNull();
    expect(run({ name: 'phone', type: 'phone' }, answer('not found', null)).issues).toEqual([]);
    expect(run({ name: 'pos', type: 'enum', enumValues: ['None', 'Square'] }, answer('None', 'Powered by Square')).value).toBe('None');
  });

  it('marks missing, too long and non-text answers', () => {
    expect(run({ name: 'phone', type: 'phone' }, undefined).issues).toEqual(['no_answer']);
    expect(run({ name: 'x', type: 'text' }, { ...answer('A'.repeat(10), null), valueTruncated: true })).toMatchObject({ value: null, issues: ['value_too_long'] });
    expect(run({ name: 'x', type: 'text' }, { ...answer(null, null), invalidValue: true })).toMatchObject({ value: null, issues: ['invalid_value'] });
  });

  it('reports engine notes: assumed currency, from-prices', () => {
    const from = run({ name: 'price', type: 'money' }, answer('from 23.50', '$23.50'));
    expect(from.notes).toEqual(['from-price', 'currency-assumed']);
    expect(from.confidence).toBeCloseTo(0.9 * 0.9 * 0.9, 3);
  });
});
