// What hostile sites answer. `hostileOverride` replaces the site's page outright (walls, errors,
// redirects, timing); `hostileDecorate` keeps the page and adds the hazard (dialogs, endless
// scroll, download and trap links). The transient 503 is stateful and lives in the server.
import { esc, scriptJson, slugify } from '../html/escape';
import { hash32, Rng } from '../prng';
import type { PageResponse, Site } from '../types';

function page(status: number, title: string, body: string, headers: Record<string, string> = {}): PageResponse {
  const doc = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><meta name="robots" content="noindex">
<style>body{font-family:system-ui,Arial,sans-serif;background:#f7f7f7;color:#222;display:flex;justify-content:center;padding-top:8vh}main{background:#fff;max-width:560px;padding:2em;border:1px solid #ddd;border-radius:8px}small{color:#777}</style></head>
<body><main>${body}</main></body></html>`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers }, body: doc, delivery: { kind: 'immediate' } };
}

function siteName(site: Site): string {
  return Object.values(site.truth.fields)[0] ?? site.id;
}

function rayId(site: Site, path: string): string {
  return hash32(`${site.id}:${path}`).toString(16).padStart(8, '0');
}

export function trapUrl(site: Site, what: string): string {
  return `http://${site.env.trapHost}:${site.env.trapPort}/internal/${site.id}/${what}`;
}

export function downloadPath(site: Site): string {
  return `/downloads/${slugify(siteName(site))}-price-list-2025.pdf`;
}

/** Deterministic binary bytes for the download trap, starting like a PDF. */
export function downloadBody(site: Site): Uint8Array {
  const bytes = new Uint8Array(site.env.downloadBytes);
  const header = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  bytes.set(header.subarray(0, Math.min(header.length, bytes.length)));
  let state = hash32(site.id) || 1;
  for (let i = header.length; i < bytes.length; i++) {
    // xorshift32: cheap deterministic noise so the file does not compress to nothing.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

function redirect(location: string, status = 302): PageResponse {
  return { status, headers: { location, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: `<a href="${esc(location)}">Redirecting…</a>`, delivery: { kind: 'immediate' } };
}

/** Endless-scroll feed page: deterministic posts for any page number, forever. */
export function feedPayload(site: Site, pageNumber: number): string {
  const rng = new Rng(`${site.id}:feed:${pageNumber}`);
  const topics = ['Member spotlight', 'Behind the scenes', 'Community news', 'Tips & tricks', 'From the archive', 'Staff picks', 'Weekend roundup'];
  const posts = Array.from({ length: 12 }, (_, i) => ({
    id: pageNumber * 12 + i,
    title: `${rng.pick(topics)} #${pageNumber * 12 + i + 1}`,
    body: rng.pick(['A short story from our regulars.', 'Photos from last weekend.', 'What we are reading this week.', 'A look back at where we started.', 'Small updates, big smiles.']),
  }));
  return JSON.stringify({ page: pageNumber, next: pageNumber + 1, posts });
}

/** Replaces the site's own answer for walls, errors, redirects and timing behaviours. */
export function hostileOverride(site: Site, path: string, query: URLSearchParams): PageResponse | null {
  const name = siteName(site);
  switch (site.hostile) {
    case 'captcha':
      return page(
        200,
        'Just a moment...',
        `<h1>Verify you are human</h1><p>${esc(site.host)} needs to review the security of your connection before proceeding.</p>
<form action="/__challenge" method="post"><div class="captcha-box" data-sitekey="fw-${rayId(site, 'key')}"><label><input type="checkbox" name="human"> I'm not a robot</label></div><button type="submit">Continue</button></form>
<p><small>Ray ID: ${rayId(site, path)} · Performance &amp; security by a web protection service</small></p>`,
      );
    case 'login_wall': {
      if (path === '/login') {
        const next = query.get('next') ?? '/';
        return page(200, `Sign in | ${name}`, `<h1>Members only</h1><p>Sign in to ${esc(name)} to see prices, contacts and documents.</p><form action="/login" method="post"><input type="hidden" name="next" value="${esc(next)}"><label>Email <input type="email" name="email" autocomplete="username"></label><br><label>Password <input type="password" name="password" autocomplete="current-password"></label><br><button type="submit">Sign in</button></form><p><a href="/login/forgot">Forgot password?</a> · <a href="/register">Create an account</a></p>`);
      }
      if (path.startsWith('/login') || path === '/register') return page(200, `Account | ${name}`, '<h1>Account</h1><p>Registration is by invitation only.</p>');
      return redirect(`/login?next=${encodeURIComponent(path)}`);
    }
    case 'paywall':
      return page(
        200,
        name,
        `<h1>${esc(name)}</h1><p>Everything you need to know, updated weekly by our editors. Subscribers get the full listing with prices, contacts and schedules.</p>
<div class="paywall" style="border-top:2px solid #c00;padding-top:1em"><h2>Subscribe to keep reading</h2><p>You have reached your limit of free pages this month. Plans start at a few dollars a month. Cancel anytime.</p><p><a href="/subscribe">Subscribe</a> · <a href="/login">Already a subscriber? Sign in</a></p></div>`,
      );
    case 'geo_block':
      return page(451, 'Unavailable in your region', `<h1>Not available in your region</h1><p>We're sorry — ${esc(name)} is not available in your country or region due to legal restrictions.</p><p><small>Error 451 · ${rayId(site, path)}</small></p>`);
    case 'bot_wall':
      return page(403, 'Access denied', `<h1>Access denied</h1><p>Automated traffic detected from your network. If you believe this is a mistake, contact the site owner and quote reference <code>${rayId(site, path)}</code>.</p>`);
    case 'not_found':
      return page(404, 'Page not found', `<h1>404 — Page not found</h1><p>The page you requested could not be found. It may have moved or never existed.</p><p><a href="/">Back to home</a></p>`);
    case 'gone':
      return page(410, 'Gone', `<h1>This site has closed</h1><p>${esc(name)} has permanently closed and this page has been removed.</p>`);
    case 'server_error':
      return page(500, 'Internal Server Error', `<h1>Internal Server Error</h1><pre>Error: connect ECONNREFUSED db-primary:5432\n    at TCPConnectWrap.afterConnect (net.js:1146:16)\n    at renderPage (/srv/app/pages.js:88:11)</pre><p><small>Request ${rayId(site, path)}</small></p>`);
    case 'redirect_loop':
      if (path === '/loop/a') return redirect('/loop/b');
      return redirect('/loop/a');
    case 'trap_redirect':
      return redirect(trapUrl(site, `redirect${path === '/' ? '' : path}`));
    case 'slow_response':
    case 'slow_trickle':
    case 'too_large':
    case 'transient_503':
    case 'trap_link':
    case 'dialogs':
    case 'endless_scroll':
    case 'download_trap':
    case null:
      return null;
    default: {
      const never: never = site.hostile;
      throw new Error(`unknown hostile behaviour ${String(never)}`);
    }
  }
}

/** Routes that only exist because of a hazard (the feed, the download). */
export function hostileRoute(site: Site, path: string, query: URLSearchParams): PageResponse | null {
  if (site.hostile === 'endless_scroll' && path === '/api/feed') {
    const n = Math.max(1, Math.min(1_000_000, Number(query.get('page') ?? '1') || 1));
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: feedPayload(site, n), delivery: { kind: 'immediate' } };
  }
  if (site.hostile === 'download_trap') {
    if (path === '/price-list') return redirect(downloadPath(site));
    if (path === downloadPath(site)) {
      const file = downloadPath(site).split('/').pop() as string;
      return {
        status: 200,
        headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${file}"`, 'cache-control': 'no-store' },
        body: downloadBody(site),
        delivery: { kind: 'immediate' },
      };
    }
  }
  return null;
}

function insertBeforeBodyEnd(doc: string, snippet: string): string {
  const at = doc.lastIndexOf('</body>');
  return at < 0 ? doc + snippet : doc.slice(0, at) + snippet + doc.slice(at);
}

const FILLER_UNIT = '<div class="row"><span>Archived listing</span> <span>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</span></div>\n';

/** Adds the hazard to a normal HTML page, or changes how it is delivered. */
export function hostileDecorate(site: Site, path: string, response: PageResponse): PageResponse {
  const isHtml = (response.headers['content-type'] ?? '').startsWith('text/html') && typeof response.body === 'string';
  if (!isHtml) return timing(site, response);
  let body = response.body as string;
  switch (site.hostile) {
    case 'dialogs':
      body = insertBeforeBodyEnd(
        body,
        `<script>window.addEventListener('load',function(){alert(${scriptJson(`Welcome to ${siteName(site)}! Our hours change for the holidays.`)});if(confirm('Would you like to subscribe to our newsletter?')){document.body.setAttribute('data-subscribed','yes')}else{document.body.setAttribute('data-subscribed','no')}});</script>`,
      );
      break;
    case 'endless_scroll':
      body = insertBeforeBodyEnd(
        body,
        `<section id="feed"><h2>Latest from the community</h2><div id="feed-items"></div><p id="feed-more">Loading more…</p></section>
<script>(function(){var page=1,busy=false;function more(){if(busy)return;busy=true;fetch('/api/feed?page='+page).then(function(r){return r.json()}).then(function(d){var box=document.getElementById('feed-items');d.posts.forEach(function(p){var a=document.createElement('article');a.style.minHeight='160px';a.innerHTML='<h3>'+p.title+'</h3><p>'+p.body+'</p>';box.appendChild(a)});page=d.next;busy=false;})}
window.addEventListener('scroll',function(){if(window.innerHeight+window.scrollY>=document.body.scrollHeight-800)more()});more();})();</script>`,
      );
      break;
    case 'download_trap':
      body = insertBeforeBodyEnd(body, `<p class="downloads"><a href="${esc(downloadPath(site))}">Download our full price list (PDF)</a> · <a href="/price-list">Printable price list</a></p>`);
      break;
    case 'trap_link':
      body = insertBeforeBodyEnd(
        body,
        `<nav class="portal-links"><a href="${esc(trapUrl(site, 'members'))}">Members portal</a> · <a href="${esc(trapUrl(site, 'staff'))}">Staff intranet</a> · <a href="${esc(trapUrl(site, 'price-list'))}">Full price list</a></nav>`,
      );
      break;
    case 'too_large':
      if (path === site.entryPath) {
        const cut = body.lastIndexOf('</body>');
        const head = cut < 0 ? body : body.slice(0, cut);
        const tail = cut < 0 ? '' : body.slice(cut);
        return { ...response, body: head, delivery: { kind: 'pad', totalBytes: site.env.largePageBytes, filler: FILLER_UNIT, tail } };
      }
      break;
    default:
      break;
  }
  return timing(site, { ...response, body });
}

function timing(site: Site, response: PageResponse): PageResponse {
  if (site.hostile === 'slow_response') return { ...response, delivery: { kind: 'delay', ms: site.env.slowResponseMs } };
  if (site.hostile === 'slow_trickle') return { ...response, delivery: { kind: 'trickle', chunkBytes: site.env.trickleChunkBytes, intervalMs: site.env.trickleIntervalMs } };
  return response;
}
