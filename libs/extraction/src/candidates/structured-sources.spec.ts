import { page, run, values } from '../test-support/extract-one';

const ld = (data: unknown): string => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

describe('JSON-LD', () => {
  it('reads an organization with its address, phone and email', () => {
    const html = page('<h1>Welcome</h1>', ld({
      '@context': 'https://schema.org', '@type': 'ExerciseGym', name: 'Lotus Yoga', telephone: '(512) 555-0147', email: 'hi@lotus.test',
      address: { '@type': 'PostalAddress', streetAddress: '12 Oak St', addressLocality: 'Austin', addressRegion: 'TX', postalCode: '78701' },
    }));
    const result = run(html, [
      { name: 'name', type: 'text' }, { name: 'phone', type: 'phone' }, { name: 'email', type: 'email' },
      { name: 'address', type: 'text' }, { name: 'city', type: 'text' },
    ]);
    expect(result.fields.name).toMatchObject({ value: 'Lotus Yoga', evidence: { source: 'json-ld' } });
    expect(result.fields.phone.value).toBe('+15125550147');
    expect(result.fields.email.value).toBe('hi@lotus.test');
    expect(result.fields.address.value).toBe('12 Oak St, Austin, TX 78701');
    expect(result.fields.city.value).toBe('Austin');
    expect(result.fields.phone.evidence?.path).toContain('telephone');
  });

  it('flattens @graph and prefers the offer price with its currency; AggregateOffer lowPrice is a "from" price', () => {
    const html = page('', ld({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Shop' },
        { '@type': 'Product', name: 'Tent', sku: 'TN-1', offers: { '@type': 'Offer', price: '199.00', priceCurrency: 'EUR', availability: 'https://schema.org/InStock' } },
      ],
    }));
    const result = run(html, [
      { name: 'product_name', type: 'text' }, { name: 'price', type: 'money' }, { name: 'sku', type: 'text' }, { name: 'in_stock', type: 'boolean' },
    ]);
    expect(result.fields.product_name.value).toBe('Tent');
    expect(result.fields.price.value).toBe('199.00 EUR');
    expect(result.fields.sku.value).toBe('TN-1');
    expect(result.fields.in_stock.value).toBe('true');

    const aggregate = run(page('', ld({ '@type': 'Product', name: 'Tour', offers: { '@type': 'AggregateOffer', lowPrice: 35, highPrice: 80, priceCurrency: 'USD' } })), [{ name: 'price', type: 'money' }]);
    expect(aggregate.fields.price).toMatchObject({ value: '35.00 USD', notes: expect.arrayContaining(['from-price']) });
  });

  it('tells departments apart by the entity that owns the property', () => {
    const html = page('', ld({
      '@type': 'GovernmentOrganization', name: 'Elk County', telephone: '512-555-0100',
      department: [
        { '@type': 'GovernmentOffice', name: "Sheriff's Office", telephone: '512-555-0111', employee: { '@type': 'Person', name: 'Ann Ruiz', jobTitle: 'Sheriff' } },
        { '@type': 'GovernmentOffice', name: 'Coroner', telephone: '512-555-0122', employee: { '@type': 'Person', name: 'Bo Chen', jobTitle: 'Coroner' } },
      ],
    }));
    expect(values(html, [
      { name: 'county_name', type: 'text' }, { name: 'sheriff_name', type: 'text' }, { name: 'sheriff_phone', type: 'phone' },
      { name: 'coroner_name', type: 'text' }, { name: 'coroner_phone', type: 'phone' },
    ])).toEqual({
      county_name: 'Elk County', sheriff_name: 'Ann Ruiz', sheriff_phone: '+15125550111', coroner_name: 'Bo Chen', coroner_phone: '+15125550122',
    });
  });

  it('skips malformed JSON-LD without failing, and forgives trailing commas', () => {
    const html = page('<p>Phone: 512-555-0199</p>', '<script type="application/ld+json">{"@type": "Organization", "telephone": </script>' +
      '<script type="application/ld+json">{"@type":"Organization","email":"a@b.test",}</script>');
    expect(values(html, [{ name: 'phone', type: 'phone' }, { name: 'email', type: 'email' }])).toEqual({ phone: '+15125550199', email: 'a@b.test' });
  });
});

describe('microdata and RDFa', () => {
  it('reads microdata items, nested offers and content attributes', () => {
    const html = page(`<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Kettle</h1>
      <span itemprop="brand" itemscope itemtype="https://schema.org/Brand"><span itemprop="name">Voltique</span></span>
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price" content="49.50">$49.50</span>
      <meta itemprop="priceCurrency" content="USD"><link itemprop="availability" href="https://schema.org/OutOfStock"></div></div>`);
    const result = run(html, [{ name: 'product_name', type: 'text' }, { name: 'brand', type: 'text' }, { name: 'price', type: 'money' }, { name: 'availability', type: 'boolean' }]);
    expect(result.fields.price).toMatchObject({ value: '49.50 USD' });
    expect(result.fields.price.evidence?.selector).toBeTruthy();
    expect(result.fields.brand.value).toBe('Voltique');
    expect(result.fields.product_name.value).toBe('Kettle');
    expect(result.fields.availability.value).toBe('false');
  });

  it('reads RDFa Lite', () => {
    const html = page(`<div vocab="https://schema.org/" typeof="LocalBusiness"><span property="name">Joe's Diner</span>
      <span property="telephone">+1 512 555 0123</span><div property="address" typeof="PostalAddress"><span property="addressLocality">Waco</span></div></div>`);
    expect(values(html, [{ name: 'business_name', type: 'text' }, { name: 'phone', type: 'phone' }, { name: 'city', type: 'text' }])).toEqual({
      business_name: "Joe's Diner", phone: '+15125550123', city: 'Waco',
    });
  });
});

describe('meta tags', () => {
  it('reads OpenGraph and product meta tags', () => {
    const head = '<meta property="og:site_name" content="Harbor Tap House"><meta property="product:price:amount" content="12.5"><meta property="product:price:currency" content="GBP">';
    expect(values(page('<p>Hello</p>', head), [{ name: 'restaurant_name', type: 'text' }, { name: 'price', type: 'money' }])).toEqual({
      restaurant_name: 'Harbor Tap House', price: '12.50 GBP',
    });
  });
});
