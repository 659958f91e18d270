// Assembles a full HTML document from a page spec, in one of several shells that differ in
// structure (header/nav/sidebar/footer placement) and stylesheet, not just colour.
import { esc } from './escape';
import type { Shell, Theme } from './theme';

export interface NavLink {
  href: string;
  label: string;
}

export interface PageSpec {
  theme: Theme;
  lang: string;
  title: string;
  metaDescription: string;
  brand: string;
  tagline?: string;
  nav: NavLink[];
  activePath: string;
  main: string;
  aside?: string;
  footer: string;
  cookie: string;
  /** Extra <head> content: JSON-LD, generator meta, vendor scripts. */
  head?: string;
  /** Scripts at the end of <body>. */
  bodyEnd?: string;
  /** A strip above the header ("An official website of ...", announcements). */
  topBar?: string;
  breadcrumbs?: NavLink[];
}

const BASE_CSS = `*{box-sizing:border-box}body{margin:0;line-height:1.5}img{max-width:100%}a{color:var(--accent)}
table{border-collapse:collapse}td,th{padding:.4em .7em;text-align:left;vertical-align:top}
.cookie{font-size:.85em;z-index:50}.cookie button{margin-left:.5em;cursor:pointer}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
s,del{opacity:.65}.topbar{font-size:.8em;padding:.3em 1.5em;background:#fffbe6;color:#333}.badge{display:inline-block;padding:.1em .5em;border-radius:3px;background:var(--accent);color:#fff;font-size:.8em}`;

const SHELL_CSS: Record<Shell, string> = {
  classic: `body{font-family:var(--font);background:var(--bg);color:var(--fg)}
header.site{display:flex;justify-content:space-between;align-items:center;padding:1em 2em;border-bottom:3px solid var(--accent)}
header.site .logo{font-family:var(--hfont);font-size:1.6em;font-weight:bold;text-decoration:none;color:var(--fg)}
nav.main a{margin-left:1.2em;text-decoration:none;color:var(--fg)}nav.main a.active{color:var(--accent);font-weight:bold}
main{max-width:960px;margin:2em auto;padding:0 1.5em}footer.site{background:#222;color:#ddd;padding:2em;margin-top:3em}
footer.site a{color:#fff}.cols{display:flex;gap:2em;flex-wrap:wrap}table.prices td,table.prices th{border-bottom:1px solid #ddd}`,
  hero: `body{font-family:var(--font);background:#111;color:#f4f4f4}
header.site{text-align:center;padding:1em;background:#000;text-transform:uppercase;letter-spacing:.12em}
header.site .logo{font-family:var(--hfont);font-size:2.2em;font-weight:900;color:var(--accent);text-decoration:none;display:block}
nav.main a{color:#fff;margin:0 .8em;text-decoration:none;font-size:.9em}nav.main a.active{border-bottom:2px solid var(--accent)}
.hero{padding:4em 2em;text-align:center;background:linear-gradient(135deg,var(--accent),#000);font-size:1.3em}
main{max-width:1100px;margin:0 auto;padding:2em}footer.site{border-top:4px solid var(--accent);padding:2em;text-align:center;font-size:.85em}
.card{background:#1d1d1d;border-radius:var(--radius);padding:1.2em;margin:1em 0}table td,table th{border-bottom:1px solid #333}`,
  minimal: `body{font-family:var(--font);background:#fdfcf9;color:#333;font-size:17px}
header.site{max-width:680px;margin:3em auto 1em;padding:0 1em}header.site .logo{font-family:var(--hfont);font-size:1.4em;text-transform:lowercase;color:#333;text-decoration:none}
nav.main{margin-top:.6em;font-size:.9em;text-transform:lowercase}nav.main a{color:#777;text-decoration:none}nav.main a+a:before{content:" · ";color:#bbb}
main{max-width:680px;margin:0 auto;padding:0 1em}footer.site{max-width:680px;margin:4em auto 2em;padding:1em;border-top:1px solid #ddd;color:#999;font-size:.8em}
h1,h2{font-weight:normal}`,
  sidebar: `body{font-family:var(--font);background:var(--bg);color:var(--fg);display:grid;grid-template-columns:230px 1fr;min-height:100vh}
aside.rail{background:var(--accent);color:#fff;padding:2em 1.2em}aside.rail .logo{color:#fff;font-family:var(--hfont);font-size:1.5em;text-decoration:none;display:block;margin-bottom:1.5em}
aside.rail nav a{display:block;color:#fff;text-decoration:none;padding:.35em 0;opacity:.85}aside.rail nav a.active{opacity:1;font-weight:bold}
.content{padding:2em 3em}footer.site{margin-top:3em;border-top:1px dashed #aaa;padding-top:1em;font-size:.85em}`,
  portal: `body{font-family:var(--font);background:#f1f3f5;color:#1b1b1b}
.topbar{background:#1b1b1b;color:#fff;font-size:.78em;padding:.3em 1.5em}
header.site{background:var(--accent);color:#fff;padding:1.2em 1.5em}header.site .logo{color:#fff;font-size:1.7em;font-family:var(--hfont);text-decoration:none}
header.site .tag{display:block;font-size:.9em;opacity:.85}
nav.main{background:#fff;border-bottom:1px solid #ccc;padding:.5em 1.5em}nav.main a{margin-right:1.4em;color:#1b1b1b;font-weight:600;text-decoration:none}
.crumbs{padding:.6em 1.5em;font-size:.85em}.crumbs a{color:#555}
.wrap{display:grid;grid-template-columns:1fr 280px;gap:2em;padding:1em 1.5em}main{background:#fff;padding:1.5em;border:1px solid #ddd}
aside.side{background:#fff;padding:1em;border:1px solid #ddd;font-size:.9em}footer.site{background:#1b1b1b;color:#ccc;padding:2em 1.5em;font-size:.85em}
footer.site a{color:#fff}table{width:100%}table td,table th{border:1px solid #ccc}th{background:#eef}`,
  magazine: `body{font-family:var(--font);background:#fff;color:#222}
header.site{text-align:center;border-bottom:double 4px #222;padding:1.5em 0 .5em}header.site .logo{font-family:var(--hfont);font-size:3em;color:#222;text-decoration:none}
header.site .tag{font-style:italic;color:#666}nav.main{text-align:center;border-bottom:1px solid #222;padding:.4em}nav.main a{margin:0 1em;color:#222;text-transform:uppercase;font-size:.8em;text-decoration:none}
main{max-width:1000px;margin:1.5em auto;padding:0 1em;display:grid;grid-template-columns:2fr 1fr;gap:2em}main>.lead{grid-column:1/-1}
.story{border-top:1px solid #ddd;padding-top:.8em}footer.site{border-top:double 4px #222;text-align:center;padding:1.5em;font-size:.8em}`,
  shop: `body{font-family:var(--font);background:#fafafa;color:#222}
header.site{display:flex;gap:1.5em;align-items:center;padding:.8em 2em;background:#fff;border-bottom:1px solid #e5e5e5}
header.site .logo{font-family:var(--hfont);font-size:1.5em;font-weight:bold;color:var(--accent);text-decoration:none}
header.site input{flex:1;padding:.5em;border:1px solid #ccc;border-radius:var(--radius)}.cart{font-size:.9em}
nav.main{background:var(--accent);padding:.5em 2em}nav.main a{color:#fff;margin-right:1.5em;text-decoration:none;font-size:.9em}
.crumbs{padding:.8em 2em;font-size:.8em;color:#777}.crumbs a{color:#777}main{max-width:1100px;margin:0 auto;padding:1em 2em}
.buybox{background:#fff;border:1px solid #e5e5e5;border-radius:var(--radius);padding:1.2em}footer.site{background:#fff;border-top:1px solid #e5e5e5;padding:2em;margin-top:3em;font-size:.85em}`,
};

function navHtml(links: NavLink[], active: string): string {
  return links.map((l) => `<a href="${esc(l.href)}"${l.href === active ? ' class="active"' : ''}>${esc(l.label)}</a>`).join('');
}

function crumbsHtml(crumbs: NavLink[] | undefined): string {
  if (!crumbs || crumbs.length === 0) return '';
  return `<div class="crumbs">${crumbs.map((c) => `<a href="${esc(c.href)}">${esc(c.label)}</a>`).join(' › ')}</div>`;
}

function body(spec: PageSpec): string {
  const logo = `<a class="logo" href="/">${esc(spec.brand)}</a>`;
  const tag = spec.tagline ? `<span class="tag">${esc(spec.tagline)}</span>` : '';
  const nav = navHtml(spec.nav, spec.activePath);
  const footer = `<footer class="site">${spec.footer}</footer>`;
  const top = spec.topBar ? `<div class="topbar">${spec.topBar}</div>` : '';
  switch (spec.theme.shell) {
    case 'classic':
      return `${top}<header class="site">${logo}<nav class="main">${nav}</nav></header>${crumbsHtml(spec.breadcrumbs)}<main>${spec.main}${spec.aside ?? ''}</main>${footer}`;
    case 'hero':
      return `${top}<header class="site">${logo}<nav class="main">${nav}</nav></header>${tag ? `<div class="hero">${tag}</div>` : ''}<main>${spec.main}${spec.aside ?? ''}</main>${footer}`;
    case 'minimal':
      return `${top}<header class="site">${logo}<nav class="main">${nav}</nav></header><main>${spec.main}${spec.aside ?? ''}</main>${footer}`;
    case 'sidebar':
      return `<aside class="rail">${logo}${tag}<nav>${nav}</nav></aside><div class="content">${top}${crumbsHtml(spec.breadcrumbs)}<main>${spec.main}</main>${spec.aside ?? ''}${footer}</div>`;
    case 'portal':
      return `${top}<header class="site">${logo}${tag}</header><nav class="main">${nav}</nav>${crumbsHtml(spec.breadcrumbs)}<div class="wrap"><main>${spec.main}</main><aside class="side">${spec.aside ?? ''}</aside></div>${footer}`;
    case 'magazine':
      return `${top}<header class="site">${logo}<div>${tag}</div></header><nav class="main">${nav}</nav><main>${spec.main}${spec.aside ? `<aside>${spec.aside}</aside>` : ''}</main>${footer}`;
    case 'shop':
      return `${top}<header class="site">${logo}<input type="search" placeholder="Search products" aria-label="Search"><span class="cart">Cart (0)</span></header><nav class="main">${nav}</nav>${crumbsHtml(spec.breadcrumbs)}<main>${spec.main}${spec.aside ?? ''}</main>${footer}`;
    default: {
      const never: never = spec.theme.shell;
      throw new Error(`unknown shell ${String(never)}`);
    }
  }
}

export function renderDocument(spec: PageSpec): string {
  const t = spec.theme;
  const vars = `:root{--accent:${t.accent};--bg:${t.background};--fg:${t.text};--font:${t.font};--hfont:${t.headingFont};--radius:${t.radius}px}`;
  return `<!DOCTYPE html>
<html lang="${esc(spec.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(spec.title)}</title>
<meta name="description" content="${esc(spec.metaDescription)}">
<style>${vars}${BASE_CSS}${SHELL_CSS[t.shell]}</style>
${spec.head ?? ''}
</head>
<body>
${body(spec)}
${spec.cookie}
${spec.bodyEnd ?? ''}
</body>
</html>
`;
}
