import { extract, ExtractionInputError } from './extract';
import { classifyPage } from './classify-page';
import { needsJavaScript } from './needs-javascript';
import { rankLinks } from './rank-links';
import type { ColumnSpec } from './types';

const columns: ColumnSpec[] = [{ name: 'phone', type: 'phone' }, { name: 'name', type: 'text' }, { name: 'price', type: 'money' }];
const url = 'https://hostile.test/';

describe('hostile and malformed input', () => {
  it('survives deeply nested markup', () => {
    const html = `${'<div>'.repeat(20_000)}<p>Phone: 512-555-0147</p>${'</div>'.repeat(20_000)}`;
    expect(() => extract({ html, url, columns })).not.toThrow();
    expect(() => classifyPage({ status: 200, html, url })).not.toThrow();
    expect(() => needsJavaScript(html)).not.toThrow();
  });

  it('caps huge pages and says so', () => {
    const html = `<p>Phone: 512-555-0147</p>${'<p>filler text without values</p>'.repeat(120_000)}`;
    const result = extract({ html, url, columns });
    expect(result.stats.truncated).toBe(true);
    expect(result.fields.phone.value).toBe('+15125550147');
  });

  it('treats values as data: script-injection strings are returned as text, never run', () => {
    const payload = '<img src=x onerror=alert(1)>"); process.exit(1); //';
    const html = `<script type="application/ld+json">{"@type":"Organization","name":${JSON.stringify(payload)}}</script><h1>x</h1>`;
    const result = extract({ html, url, columns: [{ name: 'name', type: 'text' }] });
    expect(result.fields.name.value).toContain('process.exit(1)');
    expect(result.fields.name.value).not.toContain('<img');
  });

  it('accepts garbage without throwing', () => {
    for (const html of ['', '<<<>>>', '\u0000\u0001binary\uFFFF', '<script type="application/ld+json">{{{</script>', '<table><tr><td colspan="x">$5</td></table>', '<dl><dd>orphan</dd></dl>']) {
      expect(() => extract({ html, url, columns })).not.toThrow();
      expect(() => rankLinks({ html, url, columns })).not.toThrow();
    }
    expect(() => rankLinks({ html: '<a href="/x">x</a>', url: 'not a url', columns })).not.toThrow();
  });

  it('rejects column lists a user must fix, with what to fix', () => {
    expect(() => extract({ html: '', url, columns: [] })).toThrow(ExtractionInputError);
    expect(() => extract({ html: '', url, columns: [{ name: 'a', type: 'text' }, { name: 'a', type: 'phone' }] })).toThrow(/listed twice/);
    expect(() => extract({ html: '', url, columns: [{ name: 'pos', type: 'enum', enumValues: [] }] })).toThrow(/empty list/);
  });
});
