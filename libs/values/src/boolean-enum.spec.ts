import { parseBoolean } from './boolean';
import { parseEnum } from './enum';

describe('parseBoolean', () => {
  it.each([
    ['yes', 'true'], ['No', 'false'], ['TRUE', 'true'], ['0', 'false'], ['✓', 'true'],
    ['In stock', 'true'], ['In Stock — ships today', 'true'], ['Available now', 'true'], ['Only 3 left', 'true'],
    ['Out of stock', 'false'], ['Sold out', 'false'], ['Currently unavailable', 'false'], ['Not available', 'false'],
    ['Pre-order', 'false'], ['Backordered', 'false'], ['0 in stock', 'false'],
    ['https://schema.org/InStock', 'true'], ['http://schema.org/OutOfStock', 'false'],
    ['Availability: Out of stock', 'false'],
  ])('%s → %s', (raw, expected) => {
    const result = parseBoolean(raw);
    expect(result.ok && result.canonical).toBe(expected);
  });

  it('does not read stray short words inside sentences', () => {
    expect(parseBoolean('We are open on Sundays').ok).toBe(false);
    expect(parseBoolean('maybe').ok).toBe(false);
  });
});

describe('parseEnum', () => {
  const enumValues = ['Toast', 'Square', 'Clover', 'Square for Restaurants'];

  it('matches allowed values case-insensitively and returns their spelling', () => {
    expect(parseEnum('toast', { enumValues })).toMatchObject({ canonical: 'Toast', match: 'exact' });
    expect(parseEnum('SQUARE', { enumValues })).toMatchObject({ canonical: 'Square' });
    expect(parseEnum('square-for-restaurants', { enumValues })).toMatchObject({ canonical: 'Square for Restaurants', match: 'normalized' });
  });

  it('accepts a text that mentions one allowed value (the longest wins)', () => {
    expect(parseEnum('We use Clover for payments', { enumValues })).toMatchObject({ canonical: 'Clover', match: 'contains' });
    expect(parseEnum('Square for Restaurants POS', { enumValues })).toMatchObject({ canonical: 'Square for Restaurants' });
  });

  it('rejects texts naming none or several unrelated values', () => {
    expect(parseEnum('Lightspeed', { enumValues }).ok).toBe(false);
    expect(parseEnum('Toast or Clover', { enumValues }).ok).toBe(false);
  });

  it('behaves like text when there is no allowed list', () => {
    expect(parseEnum('  Anything  ')).toMatchObject({ canonical: 'Anything', match: 'free' });
  });
});
