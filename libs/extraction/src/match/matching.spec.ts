import { page, run, values } from '../test-support/extract-one';

const countyColumns = [
  { name: 'sheriff_phone', type: 'phone' as const },
  { name: 'coroner_phone', type: 'phone' as const },
];

describe('matching columns to evidence', () => {
  it('gives sheriff and coroner phones on one page to the right columns (sections)', () => {
    const html = page(`<h1>Departments</h1>
      <section><h2>Coroner</h2><p>Phone: (512) 555-0121</p><p>Fax: (512) 555-0122</p></section>
      <section><h2>Sheriff's Office</h2><p>Administration (main office): (512) 555-0111</p>
        <p>Dispatch (non-emergency): (512) 555-0112</p><p>Detention Center: (512) 555-0113</p><p>Fax: (512) 555-0114</p></section>
      <footer>Switchboard (512) 555-0100</footer>`);
    expect(values(html, countyColumns)).toEqual({ sheriff_phone: '+15125550111', coroner_phone: '+15125550121' });
  });

  it('gives them right in one line and in cards without headings', () => {
    expect(values(page('<p>Sheriff: 512-555-0111 | Coroner: 512-555-0121 | Fax: 512-555-0199</p>'), countyColumns)).toEqual({
      sheriff_phone: '+15125550111', coroner_phone: '+15125550121',
    });
    const cards = page(`<div class="card"><div class="card-title">Medical Examiner</div><a href="tel:5125550121">512-555-0121</a></div>
      <div class="card"><div class="card-title">County Sheriff</div><a href="tel:5125550111">512-555-0111</a></div>`);
    expect(values(cards, countyColumns)).toEqual({ sheriff_phone: '+15125550111', coroner_phone: '+15125550121' });
  });

  it('does not take a fax or a headquarters number for the phone', () => {
    const html = page(`<p>Fax: (512) 555-0102</p><p>Phone: (512) 555-0101</p>
      <footer><p>Corporate office: 1-800-555-0199</p></footer>`);
    const result = run(html, [{ name: 'phone', type: 'phone' }]);
    expect(result.fields.phone.value).toBe('+15125550101');
    expect(result.fields.phone.candidates.map((c) => c.value)).toContain('+15125550102');
  });

  it('prefers the current price over a struck-through or "was" price', () => {
    expect(values(page('<p class="price"><del>$30.00</del> <ins>$25.00</ins></p>'), [{ name: 'price', type: 'money' }]).price).toBe('25.00 USD');
    expect(values(page('<p>Now just £68.50, was £89.99.</p>'), [{ name: 'price', type: 'money' }]).price).toBe('68.50 GBP');
    expect(values(page('<p>Price: <span class="price--old">€40</span> <span class="price--sale">€32</span></p>'), [{ name: 'price', type: 'money' }]).price).toBe('32.00 EUR');
    expect(values(page('<p>Before July 1 the filing fee was $80. The filing fee is $370.</p>'), [{ name: 'filing_fee', type: 'money' }]).filing_fee).toBe('370.00 USD');
  });

  it('keeps drop-in, class pack and monthly membership prices apart', () => {
    const html = page(`<table><tr><th>Unlimited monthly membership</th><td>$149</td></tr><tr><th>New student intro (3 weeks unlimited)</th><td>$49</td></tr>
      <tr><th>Drop-in class</th><td>$25</td></tr><tr><th>10 Class Punch Card</th><td>$220</td></tr></table>`);
    expect(values(html, [
      { name: 'drop_in_price', type: 'money' }, { name: 'class_pack_price', type: 'money' }, { name: 'monthly_membership_price', type: 'money' },
    ])).toEqual({ drop_in_price: '25.00 USD', class_pack_price: '220.00 USD', monthly_membership_price: '149.00 USD' });
  });

  it('understands synonyms: casual visit is a drop-in, item # is a SKU, effective as of is the effective date', () => {
    const html = page('<ul><li>Casual visit — $18</li><li>Item #: KX-200</li><li>Effective as of 1 March 2025</li></ul>');
    expect(values(html, [{ name: 'drop_in_price', type: 'money' }, { name: 'sku', type: 'text' }, { name: 'effective_date', type: 'date' }])).toEqual({
      drop_in_price: '18.00 USD', sku: 'KX-200', effective_date: '2025-03-01',
    });
  });

  it('flags "from" prices and skips installments, shipping thresholds and related products', () => {
    const html = page(`<h1>Tent</h1><p>Yours for $134. Or 4 interest-free payments of $33.50.</p><p>Shipping: Free over $89.</p>
      <aside><h3>You may also like</h3><p>Stove — $45</p></aside>`);
    expect(values(html, [{ name: 'price', type: 'money' }]).price).toBe('134.00 USD');
    const from = run(page('<p>Tours from $35</p>'), [{ name: 'price', type: 'money' }]);
    expect(from.fields.price.notes).toContain('from-price');
  });

  it('uses descriptions and instruction text, including what they rule out', () => {
    const html = page('<p>Main line: 512-555-0101</p><p>Billing: 512-555-0199</p>');
    expect(values(html, [{ name: 'contact', type: 'phone', description: 'the billing department number' }]).contact).toBe('+15125550199');
    expect(values(html, [{ name: 'phone', type: 'phone' }], { instructionText: 'For phone, use the billing line.' }).phone).toBe('+15125550199');
  });

  it('reads a phone in the page region when it is not valid in the default region', () => {
    const html = '<html lang="en-AU"><body><p>Phone: (07) 5550 3397</p></body></html>';
    expect(values(html, [{ name: 'phone', type: 'phone' }]).phone).toBe('+61755503397');
  });

  it('names the site from its logo/title, and the product from its heading', () => {
    const html = '<html><head><title>Wool Tote — Forest | Lantern Outfitters</title></head><body><header><a class="logo" href="/">Lantern Outfitters</a></header><main><h1>Wool Tote — Forest</h1><p>Sold by Lantern Outfitters</p></main></body></html>';
    expect(values(html, [{ name: 'product_name', type: 'text' }, { name: 'store_name', type: 'text' }])).toEqual({ product_name: 'Wool Tote — Forest', store_name: 'Lantern Outfitters' });
  });

  it('reports required columns it could not find', () => {
    const result = run(page('<p>Nothing here</p>'), [{ name: 'phone', type: 'phone', required: true }, { name: 'email', type: 'email' }]);
    expect(result.missingRequired).toEqual(['phone']);
    expect(result.fields.phone).toMatchObject({ value: null, confidence: 0, evidence: null });
  });
});
