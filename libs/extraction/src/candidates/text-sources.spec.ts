import { page, run, values } from '../test-support/extract-one';

describe('links', () => {
  it('reads tel: and mailto: links whatever their text says', () => {
    const html = page('<p><a href="tel:+15125550147">Call the front desk</a> · <a href="mailto:Desk@Gym.test?subject=Hi">Write to us</a></p>');
    const result = run(html, [{ name: 'phone', type: 'phone' }, { name: 'email', type: 'email' }]);
    expect(result.fields.phone).toMatchObject({ value: '+15125550147', evidence: { source: 'tel-link' } });
    expect(result.fields.email).toMatchObject({ value: 'desk@gym.test', evidence: { source: 'mailto-link' } });
  });

  it('finds URL columns by link text', () => {
    const html = page('<nav><a href="/menu">Menu</a> <a href="https://order.example.test/joes">Order online</a> <a href="/about">About</a></nav>');
    expect(values(html, [{ name: 'order_online_url', type: 'url' }]).order_online_url).toBe('https://order.example.test/joes');
  });
});

describe('label–value structures', () => {
  it('reads "Label: value" text and bold labels', () => {
    const html = page('<p>Hours: Mon–Fri 9am–5pm</p><p><strong>Manager</strong> Dana Cole</p><p>SKU: BR-52-9996. Model number BR896-2022.</p>');
    expect(values(html, [{ name: 'hours', type: 'text' }, { name: 'manager', type: 'text' }, { name: 'sku', type: 'text' }])).toEqual({
      hours: 'Mon–Fri 9am–5pm', manager: 'Dana Cole', sku: 'BR-52-9996',
    });
  });

  it('joins a multi-line address under its label', () => {
    const html = page('<p><strong>Address:</strong><br>12 Oak St<br>Austin, TX 78701</p><p>Phone: 512-555-0100</p>');
    expect(values(html, [{ name: 'address', type: 'text' }]).address).toBe('12 Oak St, Austin, TX 78701');
  });

  it('reads tables by row label and column header (adult / child)', () => {
    const html = page(`<table><thead><tr><th>Ticket</th><th>Adult</th><th>Child</th></tr></thead>
      <tbody><tr><th>Day pass</th><td>$20</td><td>$10</td></tr><tr><th>Annual pass</th><td>$120</td><td>$60</td></tr></tbody></table>`);
    const result = run(html, [{ name: 'adult_price', type: 'money' }, { name: 'child_price', type: 'money' }]);
    expect(result.fields.adult_price.value).toBe('20.00 USD');
    expect(result.fields.child_price.value).toBe('10.00 USD');
  });

  it('reads definition lists', () => {
    const html = page('<dl><dt>Brand</dt><dd>Northwind</dd><dt>Item #</dt><dd>NW-1</dd></dl>');
    expect(values(html, [{ name: 'brand', type: 'text' }, { name: 'sku', type: 'text' }])).toEqual({ brand: 'Northwind', sku: 'NW-1' });
  });

  it('reads form fields by their label', () => {
    const html = page('<form><label for="q">Quantity in stock</label><input id="q" value="14" readonly><label>Promo code <input name="code" value="SPRING"></label></form>');
    expect(values(html, [{ name: 'quantity', type: 'number' }]).quantity).toBe('14');
  });

  it('reads icon-labelled values and aria-labels', () => {
    const html = page('<p><i class="fa fa-phone" aria-hidden="true"></i> 512-555-0101</p><p><i class="fa fa-fax"></i> 512-555-0102</p>');
    expect(values(html, [{ name: 'phone', type: 'phone' }, { name: 'fax', type: 'phone' }])).toEqual({ phone: '+15125550101', fax: '+15125550102' });
  });
});

describe('patterns in prose', () => {
  it('reads typed values from sentences with their nearby words', () => {
    const html = page(`<p>Drop in for just $25 a class. Save with a 10-class pack for $200, valid for six months.</p>
      <p>Questions? Call the front desk at (512) 555-0147. Waivers can be faxed to (512) 555-0148.</p>
      <p>The rule takes effect on March 1, 2025. A proposed amendment would take effect June 1, 2026.</p>`);
    expect(values(html, [
      { name: 'drop_in_price', type: 'money' }, { name: 'class_pack_price', type: 'money' }, { name: 'phone', type: 'phone' },
      { name: 'effective_date', type: 'date' },
    ])).toEqual({ drop_in_price: '25.00 USD', class_pack_price: '200.00 USD', phone: '+15125550147', effective_date: '2025-03-01' });
  });

  it('reads person names for role columns', () => {
    const html = page("<h2>Sheriff's Office</h2><p>The Sheriff's Office is led by Sheriff Camille N. Petrakis, elected in 2022. Day-to-day operations are overseen by Harold Beaumont.</p>");
    expect(values(html, [{ name: 'sheriff_name', type: 'text' }]).sheriff_name).toBe('Camille N. Petrakis');
  });

  it('reads a city from an address line', () => {
    const html = page('<p>Our full address is 2572 Mill Rd, Portland, OR 97247.</p>');
    expect(values(html, [{ name: 'city', type: 'text' }]).city).toBe('Portland');
  });
});
