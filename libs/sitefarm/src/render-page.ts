// renderPage: the pure answer of one site for one path (no clock, no state). routeRequest adds the
// farm-level routing by Host header: sites, POS vendor hosts, the farm index, unknown hosts.
import { POS_VENDORS, vendorForHost, type PosVendor } from './canonical/pos-vendors';
import { hostileDecorate, hostileOverride, hostileRoute } from './hostile/hostile-pages';
import { esc } from './html/escape';
import type { Farm, PageResponse, Site } from './types';
import { VERTICAL_MODULES } from './verticals/registry';

function htmlPage(status: number, title: string, body: string): PageResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>${body}</body></html>\n`,
    delivery: { kind: 'immediate' },
  };
}

function siteNotFound(site: Site, path: string): PageResponse {
  const name = Object.values(site.truth.fields)[0] ?? site.id;
  return htmlPage(404, `Page not found | ${name}`, `<h1>Sorry, we couldn't find that page</h1><p>There is nothing at <code>${esc(path)}</code>.</p><p><a href="/">Back to ${esc(name)}</a></p>`);
}

function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // Keep the raw path: a malformed escape is simply a page that does not exist.
  }
  return { path: path || '/', query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
}

const COMMON_PAGES: Record<string, [string, string]> = {
  '/privacy': ['Privacy policy', 'We collect only the information needed to answer your requests and never sell it. Cookies remember your preferences.'],
  '/terms': ['Terms of use', 'Content on this site is provided for information only and may change without notice.'],
  '/accessibility': ['Accessibility', 'We aim to meet WCAG 2.1 AA. Tell us if something on this site is hard to use.'],
  '/newsletter': ['Newsletter', 'Thanks! Please confirm your subscription from the email we just sent.'],
};

/** Pages every site's footer links to (legal, newsletter, social), so a crawler does not meet a wall of 404s. */
function commonPage(site: Site, path: string): PageResponse | null {
  const name = Object.values(site.truth.fields)[0] ?? site.id;
  const known = COMMON_PAGES[path];
  if (known) return htmlPage(200, `${known[0]} | ${name}`, `<h1>${esc(known[0])}</h1><p>${esc(known[1])}</p><p><a href="/">Back to ${esc(name)}</a></p>`);
  if (path.startsWith('/social/')) return htmlPage(200, `Follow ${name}`, `<h1>Follow ${esc(name)}</h1><p>Photos, news and events on our social channels.</p><p><a href="/">Back</a></p>`);
  return null;
}

/** The page a site serves at `target` (a path with optional query string). Pure and deterministic. */
export function renderPage(site: Site, target: string): PageResponse {
  const { path, query } = splitTarget(target);
  const override = hostileOverride(site, path, query);
  if (override) return hostileDecorate(site, path, override);
  const special = hostileRoute(site, path, query);
  if (special) return special;
  if (path === '/robots.txt') {
    return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'User-agent: *\nAllow: /\n', delivery: { kind: 'immediate' } };
  }
  const page = VERTICAL_MODULES[site.vertical].render(site, path, query) ?? commonPage(site, path) ?? siteNotFound(site, path);
  return hostileDecorate(site, path, page);
}

function vendorPage(vendor: PosVendor, host: string, path: string): PageResponse {
  const scriptPaths = Object.values(POS_VENDORS).map((v) => v.scriptPath);
  if (scriptPaths.includes(path) || path.endsWith('.js')) {
    return {
      status: 200,
      headers: { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'max-age=3600' },
      body: `/* ${vendor.name} online ordering widget (site farm stand-in) */\nwindow.__orderingWidget=${JSON.stringify(vendor.name)};\n`,
      delivery: { kind: 'immediate' },
    };
  }
  return htmlPage(200, `Order online | ${vendor.name}`, `<h1>Order online</h1><p>Pickup and delivery ordering. ${esc(vendor.badge)}.</p><p><small>${esc(host)}${esc(path)}</small></p>`);
}

function farmIndex(farm: Farm, path: string): PageResponse {
  if (path === '/truth.json') {
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(farm.truth), delivery: { kind: 'immediate' } };
  }
  if (path === '/healthz') return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok\n', delivery: { kind: 'immediate' } };
  if (path !== '/') return htmlPage(404, 'Not found', '<h1>Not found</h1>');
  const shown = farm.sites.slice(0, 500);
  const rows = shown
    .map((s) => `<tr><td><a href="${esc(s.url)}">${esc(s.id)}</a></td><td>${s.vertical}</td><td>${esc(s.template)}</td><td>${s.truth.hostile ?? ''}</td></tr>`)
    .join('');
  return htmlPage(
    200,
    'Site farm',
    `<h1>Site farm</h1><p>Seed ${farm.seed}, ${farm.sites.length} sites (${farm.profile} profile). Each site is its own host: <code>http://&lt;site-id&gt;.${esc(farm.env.baseHost)}:${farm.env.port}/</code>. Truth: <a href="/truth.json">/truth.json</a>.</p>
<table><thead><tr><th>site</th><th>vertical</th><th>template</th><th>hostile</th></tr></thead><tbody>${rows}</tbody></table>${farm.sites.length > shown.length ? `<p>… and ${farm.sites.length - shown.length} more (see truth.json)</p>` : ''}`,
  );
}

/** Lower-cased host without port. */
export function hostOnly(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return (colon < 0 ? h : h.slice(0, colon)).replace(/\.$/, '');
}

/** Farm-level routing by Host header: a site, a POS vendor stand-in, the index, or 404. */
export function routeRequest(farm: Farm, hostHeader: string | undefined, target: string): { site: Site | null; response: PageResponse } {
  const host = hostOnly(hostHeader);
  const site = farm.byHost.get(host);
  if (site) return { site, response: renderPage(site, target) };
  const { path } = splitTarget(target);
  if (host === farm.env.baseHost || host === '127.0.0.1' || host === 'localhost') return { site: null, response: farmIndex(farm, path) };
  const vendor = vendorForHost(host, farm.env.baseHost);
  if (vendor) return { site: null, response: vendorPage(vendor, host, path) };
  return {
    site: null,
    response: htmlPage(404, 'No such site', `<h1>No site at this address</h1><p>The site farm has no site called <code>${esc(host || '(no Host header)')}</code>.</p>`),
  };
}
