import { assessJavaScriptNeed, needsJavaScript } from './needs-javascript';

const bundle = `<script>${'var a=1;'.repeat(4000)}</script>`;
const text = '<p>' + 'Fresh bread daily, open seven days a week, order ahead for parties. '.repeat(40) + '</p>';

describe('needsJavaScript', () => {
  it('flags empty application roots and noscript warnings', () => {
    expect(needsJavaScript(`<html><body><div id="root"></div><script src="/app.js"></script></body></html>`)).toBe(true);
    expect(needsJavaScript(`<html><body><app-root></app-root>${bundle}</body></html>`)).toBe(true);
    expect(needsJavaScript('<html><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="app"></div></body></html>')).toBe(true);
  });

  it('flags placeholders that scripts fill in', () => {
    const html = '<html><body><h1>Prices</h1><div id="prices" data-js-pending="1"><p class="loading">Checking availability and prices…</p></div><script>fetch("/api/prices").then(r=>r.json()).then(d=>{document.getElementById("prices").innerHTML=d.html})</script></body></html>';
    const assessment = assessJavaScriptNeed(html);
    expect(assessment.needsJavaScript).toBe(true);
    expect(assessment.reasons.join(' ')).toContain('placeholder');
  });

  it('leaves text-rich pages alone even with scripts, GTM noscript and an app root', () => {
    expect(needsJavaScript(`<html><body><noscript><iframe src="https://www.googletagmanager.com/ns.html"></iframe></noscript>${text}${bundle}</body></html>`)).toBe(false);
    expect(needsJavaScript(`<html><body><div id="__next"><main>${text}</main></div><script id="__NEXT_DATA__" type="application/json">{}</script></body></html>`)).toBe(false);
    expect(needsJavaScript('<html><body><h1>Hello</h1><p>Small but complete page.</p></body></html>')).toBe(false);
  });
});
