import { buildExtractionPrompt } from '../extract/prompt';
import { answerFromPage, columnsOfPrompt } from './smart-responder';

describe('columnsOfPrompt', () => {
  it('reads back the columns an extraction prompt lists', () => {
    const columns = [
      { name: 'sheriff_phone', type: 'phone' as const, required: true, description: 'Main line' },
      { name: 'pos "system"', type: 'enum' as const, enumValues: ['Square', 'Toast'] },
      { name: 'price', type: 'money' as const },
    ];
    const user = buildExtractionPrompt({ pageText: 'x', pageUrl: 'https://a.example/', columns }).messages[1].content;
    expect(columnsOfPrompt(user)).toEqual([
      { name: 'sheriff_phone', type: 'phone', required: true, description: 'Main line', enumValues: [] },
      { name: 'pos "system"', type: 'enum', required: false, description: '', enumValues: ['Square', 'Toast'] },
      { name: 'price', type: 'money', required: false, description: '', enumValues: [] },
    ]);
  });
});

describe('answerFromPage', () => {
  const page = `# Briar County
## Briar County Sheriff's Office
Sheriff
Imogen Hollister
Administration (main office)
1-715-555-0196 <tel:+17155550196>
## Coroner
Coroner
Arjun Winslow
Coroner's office
1-715-555-0197 <tel:+17155550197>
Switchboard: 1-715-555-0161
Adult tickets cost £14.95. Children aged 4–12 pay £10.00.
Price: ~~$40.00~~ $35.00
Powered by Square`;
  const col = (name: string, type: 'text' | 'phone' | 'money' | 'enum', enumValues: string[] = []) => ({ name, type, required: false, description: '', enumValues });

  it('answers label-matched values with exact quotes, and null when absent', () => {
    const answers = answerFromPage(page, [
      col('county_name', 'text'),
      col('sheriff_name', 'text'),
      col('sheriff_phone', 'phone'),
      col('coroner_phone', 'phone'),
      col('child_price', 'money'),
      col('price', 'money'),
      col('pos_system', 'enum', ['Toast', 'Square']),
      col('fax', 'phone'),
    ]);
    expect(answers.county_name.value).toBe('Briar County');
    expect(answers.sheriff_name.value).toBe('Imogen Hollister');
    expect(answers.sheriff_phone).toEqual({ value: '1-715-555-0196', confidence: 0.9, quote: '1-715-555-0196 <tel:+17155550196>' });
    expect(answers.coroner_phone.value).toBe('1-715-555-0197');
    expect(answers.child_price.value).toBe('£10.00');
    expect(answers.price.value).toBe('$35.00');
    expect(answers.pos_system.value).toBe('Square');
    expect(answers.fax.value).toBeNull();
    for (const answer of Object.values(answers)) if (answer.quote) expect(page).toContain(answer.quote);
  });
});
