import { PageEvidence, normalizeForMatch, valueInText } from './verify-quote';

const page = new PageEvidence(`# Briar County Sheriff’s Office
Administration (main office)
1-715-555-0196 <tel:+17155550196>
Price | ~~$40.00~~ $35.00 — this month only
Café “Olivier” opens at 9:00`);

describe('PageEvidence.containsQuote', () => {
  it('finds quotes whatever their case, spacing, dashes and quote marks', () => {
    expect(page.containsQuote("briar county sheriff's office")).toBe(true);
    expect(page.containsQuote('Administration   (MAIN office)\n1-715-555-0196')).toBe(true);
    expect(page.containsQuote('$35.00 - this month only')).toBe(true);
    expect(page.containsQuote('Cafe "Olivier" opens')).toBe(true);
  });

  it('tolerates dropped punctuation and elisions, in order', () => {
    expect(page.containsQuote('Price $40.00 $35.00')).toBe(true);
    expect(page.containsQuote('Administration ... 1-715-555-0196')).toBe(true);
    expect(page.containsQuote('1-715-555-0196 … Administration')).toBe(false);
  });

  it('rejects invented or empty quotes', () => {
    expect(page.containsQuote('Sheriff: 1-715-555-0100')).toBe(false);
    expect(page.containsQuote('')).toBe(false);
    expect(page.containsQuote(null)).toBe(false);
    expect(page.containsQuote('...')).toBe(false);
    expect(page.containsQuote('a')).toBe(false);
  });

  it('finds text around a value', () => {
    expect(page.snippetAround('1-715-555-0196')).toBe('1-715-555-0196 <tel:+17155550196>');
    expect(page.snippetAround('nowhere')).toBeNull();
  });
});

describe('valueInText', () => {
  it('compares phones and amounts by digits, text by letters and digits', () => {
    expect(valueInText('+1 (715) 555-0196', 'phone', 'call 715.555.0196')).toBe(true);
    expect(valueInText('715-555-0100', 'phone', 'call 715.555.0196')).toBe(false);
    expect(valueInText('$35.00', 'money', 'now $35')).toBe(true);
    expect(valueInText('35.5', 'money', 'now $35.50')).toBe(true);
    expect(valueInText('$36', 'money', 'now $35.00')).toBe(false);
    expect(valueInText('Dana  Reyes', 'text', 'Sheriff: dana reyes.')).toBe(true);
    expect(valueInText('Dana Ray', 'text', 'Sheriff: dana reyes.')).toBe(false);
  });

  it('normalises for matching', () => {
    expect(normalizeForMatch('  Ça   “va” — OK ')).toBe('ca "va" - ok');
  });
});
