import { flattenJsonLd, htmlToBlocks } from './html-to-blocks';

const texts = (html: string, options = {}) => htmlToBlocks(html, { pageUrl: 'https://shop.example/about', ...options }).blocks.map((b) => b.text);

describe('htmlToBlocks', () => {
  it('keeps visible text as blocks: headings, items, table rows', () => {
    const doc = htmlToBlocks(`<html><head><title>Shop &amp; Co</title><meta name="description" content="Best shop"></head><body>
      <h1>Shop &amp; Co</h1><p>Open <b>daily</b>.</p>
      <ul><li>One</li><li>Two <em>and a half</em></li></ul>
      <table><tr><th>Plan</th><th>Price</th></tr><tr><td>Basic</td><td>$10</td></tr></table>
      <h2>Contact</h2><p>Call <a href="tel:+1 555 010 0199">555-010-0199</a> or <a href="mailto:hi@shop.example">write</a>.</p>
    </body></html>`);
    expect(doc.title).toBe('Shop & Co');
    expect(doc.metaLines).toEqual(['Description: Best shop']);
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Shop & Co' },
      { kind: 'text', text: 'Open daily.' },
      { kind: 'item', text: 'One' },
      { kind: 'item', text: 'Two and a half' },
      { kind: 'row', text: 'Plan | Price' },
      { kind: 'row', text: 'Basic | $10' },
      { kind: 'heading', level: 2, text: 'Contact' },
      { kind: 'text', text: 'Call 555-010-0199 <tel:+15550100199> or write <mailto:hi@shop.example>.' },
    ]);
    expect(doc.contactLinks).toEqual([
      { text: '555-010-0199', href: 'tel:+15550100199' },
      { text: 'write', href: 'mailto:hi@shop.example' },
    ]);
  });

  it('drops scripts, styles, navigation, cookie banners and hidden elements, but keeps contact links from menus', () => {
    const blocks = texts(`<body><nav><a href="/">Home</a><a href="tel:+15550100100">Call</a></nav>
      <script>var secret = "do not show";</script><style>.x{color:red}</style><noscript>enable js</noscript>
      <div class="cookie-banner">We use cookies</div><div hidden>hidden text</div><p style="display: none">gone</p>
      <p aria-hidden="true">decor</p><template><p>tpl</p></template><svg><text>svg text</text></svg>
      <p>Visible</p></body>`);
    expect(blocks).toEqual(['Visible']);
    expect(htmlToBlocks('<nav><a href="tel:+15550100100">Call</a></nav>').contactLinks).toEqual([{ text: 'Call', href: 'tel:+15550100100' }]);
  });

  it('marks struck-through prices and keeps link texts apart', () => {
    expect(texts('<p>Price: <s>$40.00</s> <b>$35.00</b></p><p><a href="/a">Home</a><a href="/b">About</a></p>')).toEqual([
      'Price: ~~$40.00~~ $35.00',
      'Home About',
    ]);
  });

  it('shows every link target, absolute, when a URL column needs them', () => {
    expect(texts('<p><a href="/booking?x=1">Book now</a> <a href="#top">Top</a> <a href="javascript:void(0)">JS</a></p>', { allLinkHrefs: true })).toEqual([
      'Book now <https://shop.example/booking?x=1> Top JS',
    ]);
  });

  it('reads JSON-LD as path: value lines and lists script and embed hosts', () => {
    const doc = htmlToBlocks(`<head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Restaurant","name":"Forno",
      "telephone":"813.555.0155","image":"https://cdn/x.jpg","address":{"@type":"PostalAddress","addressLocality":"Tampa"}}</script>
      <script src="https://js.squareup.com/v2/paymentform"></script><script type="application/ld+json">{not json</script></head>
      <body><iframe src="https://www.toasttab.com/order"></iframe><p>Hi</p></body>`, { pageUrl: 'https://forno.example/' });
    expect(doc.structuredData).toEqual(['Restaurant.name: Forno', 'Restaurant.telephone: 813.555.0155', 'Restaurant.address(PostalAddress).addressLocality: Tampa']);
    expect(doc.embedHosts).toEqual(['js.squareup.com', 'www.toasttab.com']);
  });

  it('caps what it reads from hostile pages', () => {
    const deep = `${'<div>'.repeat(5000)}deep${'</div>'.repeat(5000)}`;
    expect(texts(deep)).toEqual(['deep']);
    const long = `<p>${'word '.repeat(2000)}</p>`;
    const blocks = texts(long);
    expect(blocks.length).toBeGreaterThan(5);
    expect(Math.max(...blocks.map((b) => b.length))).toBeLessThanOrEqual(1000);
    const soup = texts(`<p>${'x'.repeat(2500)}</p>`);
    expect(soup.map((b) => b.length)).toEqual([1000, 1000, 500]);
    const lines: string[] = [];
    flattenJsonLd(JSON.stringify({ '@type': 'Thing', list: Array.from({ length: 5000 }, (_, i) => ({ v: i })) }), lines);
    expect(lines.length).toBeLessThanOrEqual(200);
  });
});
