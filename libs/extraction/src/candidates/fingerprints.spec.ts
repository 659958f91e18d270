import { page, run, values } from '../test-support/extract-one';

const pos = [{ name: 'pos_system', type: 'enum' as const, enumValues: ['Toast', 'Square', 'Clover', 'Lightspeed', 'SpotOn', 'Revel', 'TouchBistro'] }];

describe('technology fingerprints', () => {
  it.each([
    ['an order link', '<a href="https://order.toasttab.com/online/joes">Order online</a>', 'Toast'],
    ['a script host', '<script src="https://js.squareup.com/v2/paymentform.js"></script>', 'Square'],
    ['an ordering iframe', '<iframe src="https://www.clover.com/online-ordering/joes/embed"></iframe>', 'Clover'],
    ['a generator meta tag', '<meta name="generator" content="SpotOn Website Builder">', 'SpotOn'],
    ['a "powered by" badge', '<footer><p>Online ordering powered by TouchBistro</p></footer>', 'TouchBistro'],
    ['a proxied vendor host', '<a href="http://order.lightspeedhq.com.mirror.example:8080/r/joes">Order</a>', 'Lightspeed'],
    ['an inline script config', '<script>window.cfg={api:"https://api.revelsystems.com/v1"}</script>', 'Revel'],
  ])('recognises %s', (_kind, markup, expected) => {
    const result = run(page(`<h1>Joe's</h1>${markup}`), pos);
    expect(result.fields.pos_system).toMatchObject({ value: expected, evidence: { source: 'fingerprint' } });
    expect(result.fields.pos_system.confidence).toBeGreaterThan(0.5);
  });

  it('does not mistake menu words for vendors', () => {
    const html = page('<h1>Joe’s Café</h1><ul><li>Avocado toast $12</li><li>Town Square breakfast $14</li></ul><p>We accept all major cards.</p>');
    expect(values(html, pos).pos_system).toBeNull();
  });

  it('maps fingerprints to the column’s own spelling of a value, and names vendors for text columns', () => {
    const html = page('<a href="https://order.toasttab.com/online/joes">Order</a>');
    expect(values(html, [{ name: 'pos', type: 'enum', enumValues: ['Toast POS', 'Square POS'] }]).pos).toBe('Toast POS');
    expect(values(html, [{ name: 'pos_system', type: 'text' }]).pos_system).toBe('Toast');
  });

  it('prefers the direct evidence when two vendors appear', () => {
    const html = page('<iframe src="https://order.spoton.com/joes/embed"></iframe><link rel="preconnect" href="https://squareup.com">');
    expect(values(html, pos).pos_system).toBe('SpotOn');
  });
});
