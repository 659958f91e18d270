import { classifyPage } from './classify-page';

const html = (body: string, title = 'Page', head = ''): string => `<html><head><title>${title}</title>${head}</head><body>${body}</body></html>`;
const classify = (status: number, body: string, title?: string, head?: string, headers?: Record<string, string>) =>
  classifyPage({ status, html: html(body, title, head), url: 'https://site.test/', headers })?.reason ?? null;
const article = '<p>' + 'Our bakery has served the neighbourhood since 1982 with sourdough, rye and seasonal pastries. '.repeat(25) + '</p>';

describe('classifyPage', () => {
  it('recognises captcha interstitials', () => {
    expect(classify(200, '<h1>Verify you are human</h1><p>Checking the security of your connection.</p>')).toBe('captcha');
    expect(classify(200, '<div class="g-recaptcha" data-sitekey="x"></div><p>One more step</p>')).toBe('captcha');
    expect(classify(403, '<iframe src="https://challenges.cloudflare.com/turnstile/v0/x"></iframe>')).toBe('captcha');
  });

  it('recognises bot walls', () => {
    expect(classify(403, '<h1>Access denied</h1><p>Automated traffic detected from your network.</p>', 'Access denied')).toBe('bot_detected');
    expect(classify(200, '<p>Pardon our interruption...</p>', 'Pardon Our Interruption')).toBe('bot_detected');
    expect(classify(503, '<p>Please wait</p>', 'Just a moment...', '', { 'cf-mitigated': 'challenge' })).toBe('bot_detected');
  });

  it('recognises login walls', () => {
    expect(classify(200, '<h1>Members only</h1><form><label>Email <input type="email"></label><label>Password <input type="password"></label><button>Sign in</button></form>', 'Sign in')).toBe('login_required');
    expect(classify(401, '<p>Please sign in.</p>')).toBe('login_required');
  });

  it('recognises paywalls', () => {
    expect(classify(200, '<h1>Market report</h1><p>Teaser.</p><div class="paywall"><h2>Subscribe to keep reading</h2><p>You have reached your limit of free articles.</p></div>')).toBe('paywall');
    const locked = '<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script>';
    expect(classify(200, `<h1>Story</h1>${article}<p>Subscribe to continue reading.</p>`, 'Story', locked)).toBe('paywall');
  });

  it('recognises geo blocks', () => {
    expect(classify(451, '<p>Sorry</p>')).toBe('geo_blocked');
    expect(classify(200, '<h1>Not available in your region</h1><p>This content is not available in your country.</p>')).toBe('geo_blocked');
  });

  it('leaves ordinary pages alone', () => {
    // A "Log in" link, a newsletter form, a reCAPTCHA on a contact form, a hidden login modal,
    // an article about captchas, and a shop that does not ship abroad.
    expect(classify(200, `<header><a href="/login">Log in</a></header>${article}<form><input type="email" placeholder="Newsletter"><button>Subscribe</button></form>`)).toBeNull();
    expect(classify(200, '<h1>Contact</h1><form><input name="name"><input type="email" name="email"><textarea name="msg"></textarea><div class="g-recaptcha"></div><button>Send</button></form>')).toBeNull();
    expect(classify(200, `${article}<div id="login-modal" style="display:none"><input type="password"></div>`)).toBeNull();
    expect(classify(200, `<h1>How CAPTCHA tests work</h1>${article}`.replace('<h1>How CAPTCHA tests work</h1>', '<h2>Notes</h2>'))).toBeNull();
    expect(classify(200, `${article}<p>Subscribe to our newsletter for weekly specials.</p>`)).toBeNull();
    expect(classify(404, '<h1>Page not found</h1>')).toBeNull();
  });
});
