import { preparePageText } from './prepare-page-text';

const filler = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `<p>${topic} paragraph ${i} with general news about the town, the weather and the annual fair.</p>`).join('');

describe('preparePageText', () => {
  it('returns the whole cleaned page when it fits the budget', () => {
    const prepared = preparePageText({
      html: '<title>T</title><h1>Studio</h1><p>Phone: <a href="tel:+15550100">555-0100</a></p>',
      pageUrl: 'https://studio.example/',
      columns: [{ name: 'phone', type: 'phone' }],
    });
    expect(prepared.text).toBe('Title: T\n\n# Studio\nPhone: 555-0100 <tel:+15550100>');
    expect(prepared.truncated).toBe(false);
  });

  it('keeps the sections that match the columns when the page is over budget', () => {
    const html = `<h1>Quarry County</h1>${filler('News', 60)}
      <h2>Sheriff's Office</h2><p>Sheriff: Dana Reyes</p><p>Main line: (308) 555-0135</p>
      ${filler('Parks', 60)}
      <h2>Coroner</h2><p>Coroner: Bashir Okafor</p><p>Office: (308) 555-0143</p>${filler('Events', 60)}`;
    const prepared = preparePageText({
      html,
      pageUrl: 'https://quarry.example/',
      columns: [
        { name: 'sheriff_phone', type: 'phone', description: 'Phone number of the sheriff' },
        { name: 'coroner_name', type: 'text' },
      ],
      maxChars: 2000,
    });
    expect(prepared.truncated).toBe(true);
    expect(prepared.totalChars).toBeGreaterThan(10_000);
    expect(prepared.text.length).toBeLessThanOrEqual(2000);
    expect(prepared.text).toContain("## Sheriff's Office\nSheriff: Dana Reyes\nMain line: (308) 555-0135");
    expect(prepared.text).toContain('## Coroner\nCoroner: Bashir Okafor\nOffice: (308) 555-0143');
    expect(prepared.text).toContain('[…]');
    // Page order is kept.
    expect(prepared.text.indexOf('Sheriff')).toBeLessThan(prepared.text.indexOf('Coroner'));
    expect(prepared.omittedSections).toBeGreaterThan(0);
  });

  it('keeps the instruction text’s topics too, and the headings a kept part sits under', () => {
    const html = `${filler('Intro', 40)}<h2>Fees</h2>${filler('Fees', 20)}<p>The annual filing fee is $305.</p>${filler('Fees', 20)}${filler('Outro', 40)}`;
    const prepared = preparePageText({
      html,
      pageUrl: 'https://board.example/',
      columns: [{ name: 'filing_fee', type: 'money' }],
      instructionText: 'Look for the yearly filing fee in the schedule of fees.',
      maxChars: 1500,
    });
    expect(prepared.text).toContain('The annual filing fee is $305.');
    expect(prepared.text).toContain('## Fees');
  });

  it('accepts plain text with # headings', () => {
    const prepared = preparePageText({
      pageText: '# Bistro\n\nHours: 9-5\n\n## Contact\nEmail: hi@bistro.example',
      pageUrl: 'https://bistro.example/',
      columns: [{ name: 'email', type: 'email' }],
    });
    expect(prepared.text).toBe('# Bistro\nHours: 9-5\n## Contact\nEmail: hi@bistro.example');
  });

  it('adds JSON-LD, phone links hidden in menus, and embed hosts for enum columns', () => {
    const prepared = preparePageText({
      html: `<head><script type="application/ld+json">{"@type":"Restaurant","telephone":"813.555.0155"}</script>
        <script src="https://js.squareup.com/sdk.js"></script></head>
        <body><nav><a href="tel:+18135550155">Call us</a></nav><p>Pizza</p></body>`,
      pageUrl: 'https://forno.example/',
      columns: [{ name: 'pos_system', type: 'enum', enumValues: ['Square', 'Toast'] }],
    });
    expect(prepared.text).toContain('Structured data on the page (JSON-LD):\nRestaurant.telephone: 813.555.0155');
    expect(prepared.text).toContain('Phone and email links on the page:\nCall us <tel:+18135550155>');
    expect(prepared.text).toContain('Scripts and embedded content come from:\njs.squareup.com');
  });
});
