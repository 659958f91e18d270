import { ExtractionSession, mergeFieldResults } from './merge';
import { extract } from './extract';
import type { ColumnSpec } from './types';

const columns: ColumnSpec[] = [{ name: 'name', type: 'text' }, { name: 'phone', type: 'phone', required: true }, { name: 'price', type: 'money', required: true }];
const home = '<html><head><title>Lotus Yoga</title></head><body><header><a class="logo" href="/">Lotus Yoga</a></header><h1>Lotus Yoga</h1><p>Welcome!</p><a href="/pricing">Pricing</a><a href="/contact">Contact</a></body></html>';
const contact = '<html><head><title>Contact | Lotus Yoga</title></head><body><h1>Contact</h1><p>Phone: (512) 555-0147</p></body></html>';
const pricing = '<html><head><title>Pricing | Lotus Yoga</title></head><body><h1>Pricing</h1><p>Drop-in class price: $22</p></body></html>';

describe('merging pages of one site', () => {
  it('keeps the most confident value per column and reports what is still missing', () => {
    const session = new ExtractionSession({ columns });
    session.addPage({ html: home, url: 'https://lotus.test/' });
    expect(session.result.missingRequired).toEqual(['phone', 'price']);
    expect(session.missingColumns().map((c) => c.name)).toEqual(['phone', 'price']);
    session.addPage({ html: contact, url: 'https://lotus.test/contact' });
    session.addPage({ html: pricing, url: 'https://lotus.test/pricing/' });
    const merged = session.result;
    expect(merged.fields.name.value).toBe('Lotus Yoga');
    expect(merged.fields.phone).toMatchObject({ value: '+15125550147', evidence: { pageUrl: 'https://lotus.test/contact' } });
    expect(merged.fields.price.value).toBe('22.00 USD');
    expect(merged.missingRequired).toEqual([]);
    expect(merged.pageUrls).toHaveLength(3);
    expect(session.visited.has('lotus.test/pricing')).toBe(true);
  });

  it('raises confidence when pages agree, and never lowers it', () => {
    const one = extract({ html: contact, url: 'https://lotus.test/contact', columns });
    const two = extract({ html: contact.replace('<h1>Contact</h1>', '<h1>Visit</h1>'), url: 'https://lotus.test/visit', columns });
    const merged = mergeFieldResults([one, two], columns);
    expect(merged.fields.phone.confidence).toBeGreaterThanOrEqual(Math.max(one.fields.phone.confidence, two.fields.phone.confidence));
    expect(merged.fields.phone.confidence).toBeLessThanOrEqual(1);
  });
});
