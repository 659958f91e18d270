// The furniture every real site has around its content: cookie banners, footers, social links,
// newsletter boxes. Variants are picked per site so no two templates share one look.
import { esc } from './escape';

export const COOKIE_VARIANTS = ['bar', 'box', 'modal', 'top', 'none'] as const;
export type CookieVariant = (typeof COOKIE_VARIANTS)[number];

const DISMISS = `onclick="this.closest('.cookie').remove()"`;

export function cookieBanner(variant: CookieVariant, siteName: string): string {
  const name = esc(siteName);
  switch (variant) {
    case 'bar':
      return `<div class="cookie" role="region" aria-label="Cookie notice" style="position:fixed;bottom:0;left:0;right:0;background:#222;color:#eee;padding:.8em 1.5em">We use cookies to improve your experience and to measure how our site is used. <button ${DISMISS}>Accept all</button><button ${DISMISS}>Reject non-essential</button> <a href="/privacy" style="color:#9cf">Privacy policy</a></div>`;
    case 'box':
      return `<div class="cookie" role="dialog" aria-label="Cookies" style="position:fixed;right:1em;bottom:1em;max-width:300px;background:#fff;color:#222;border:1px solid #ccc;box-shadow:0 2px 10px rgba(0,0,0,.2);padding:1em;border-radius:6px">🍪 <strong>Cookies?</strong> ${name} uses a few cookies to remember your preferences. <br><button ${DISMISS}>Got it</button></div>`;
    case 'modal':
      return `<div class="cookie" role="dialog" aria-modal="true" aria-label="Privacy choices" style="position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center"><div style="background:#fff;color:#222;max-width:440px;padding:1.5em;border-radius:8px"><h2 style="margin-top:0">Your privacy choices</h2><p>We and our partners use cookies and similar technologies to personalise content, measure audiences and improve our services. You can change your choices at any time.</p><button ${DISMISS}>Accept all</button><button ${DISMISS}>Necessary only</button><button ${DISMISS}>Manage preferences</button></div></div>`;
    case 'top':
      return `<div class="cookie" style="position:fixed;top:0;left:0;right:0;background:#fff8c4;color:#333;padding:.4em 1em;text-align:center;border-bottom:1px solid #e0d890">This site uses cookies. By continuing to browse you agree to our use of cookies. <button ${DISMISS}>OK</button></div>`;
    case 'none':
      return '';
    default: {
      const never: never = variant;
      throw new Error(`unknown cookie variant ${String(never)}`);
    }
  }
}

export function socialLinks(handle: string): string {
  const h = esc(handle);
  return `<span class="social">Follow us: <a href="/social/instagram" rel="nofollow">Instagram @${h}</a> · <a href="/social/facebook" rel="nofollow">Facebook</a> · <a href="/social/youtube" rel="nofollow">YouTube</a></span>`;
}

export function newsletterBox(prompt: string): string {
  return `<form class="newsletter" action="/newsletter" method="post"><label>${esc(prompt)} <input type="email" name="email" placeholder="you@example.com"></label> <button type="submit">Sign up</button></form>`;
}

export function legalLine(owner: string, year: number): string {
  return `<p class="legal">© ${year} ${esc(owner)}. All rights reserved. <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/accessibility">Accessibility</a></p>`;
}

/** A generic footer with named columns of already-built HTML. */
export function footerColumns(columns: Array<{ heading: string; html: string }>, bottom: string): string {
  return `<div class="cols">${columns.map((c) => `<div><h4>${esc(c.heading)}</h4>${c.html}</div>`).join('')}</div>${bottom}`;
}
