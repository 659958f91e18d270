// URLs: absolute, normalised ("https://example.com/path"): relative links resolved against the
// page, scheme-less domains given https, fragments and tracking parameters dropped, no trailing
// slash. `urlKey` is the looser identity used to compare URLs and to remember visited pages.

import { parse as parseDomain } from 'tldts';
import type { ParseOptions } from './column-type';
import { failure, type ParseFailure, quote, type UrlValue } from './parse-result';
import { collapseWhitespace } from './text';

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid|ref_src)$/i;
const NON_WEB_SCHEME = /^(javascript|mailto|tel|sms|data|blob|about|file|ftp|callto|whatsapp|geo):/i;

function looksLikeDomain(text: string): boolean {
  const host = text.split(/[/?#:]/, 1)[0];
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(host)) return false;
  const parsed = parseDomain(host);
  return Boolean(parsed.isIcann && parsed.domain);
}

/** The first URL-looking token of free text ("Visit www.example.com today"). */
function findUrlInText(text: string): string | null {
  const match =
    /\bhttps?:\/\/[^\s<>"']+/i.exec(text) ??
    /\bwww\.[^\s<>"']+/i.exec(text) ??
    /\b[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[^\s<>"']*)?/i.exec(text);
  if (!match) return null;
  const token = match[0].replace(/[).,;:!?'"\]]+$/, '');
  return /^https?:/i.test(token) || looksLikeDomain(token) ? token : null;
}

function toAbsolute(text: string, baseUrl: string | undefined): URL | null {
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z0-9-]+(\.[a-z0-9-]+)+:\d/i.test(text)) return new URL(text);
    if (text.startsWith('//')) return new URL(`${baseUrl ? new URL(baseUrl).protocol : 'https:'}${text}`);
    if (baseUrl && !looksLikeDomain(text)) return new URL(text, baseUrl);
    if (looksLikeDomain(text)) return new URL(`https://${text}`);
    return null;
  } catch {
    return null;
  }
}

/** Normalises a URL object in place of the canonical rules above and returns its string. */
export function canonicalUrlString(url: URL): string {
  url.hash = '';
  url.hostname = url.hostname.replace(/\.$/, '');
  const kept = [...url.searchParams.entries()].filter(([key]) => !TRACKING_PARAM.test(key));
  url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  if (url.pathname === '/' && !url.search) return url.origin;
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.slice(0, -1);
  return url.toString();
}

export function parseUrl(raw: string, options: ParseOptions = {}): UrlValue | ParseFailure {
  let text = collapseWhitespace(raw).replace(/^[<"'(]+|[>"')]+$/g, '').slice(0, 2048);
  if (!text) return failure('url', 'empty value');
  if (NON_WEB_SCHEME.test(text)) return failure('url', `${quote(raw)} is not a web address`);
  if (/\s/.test(text)) {
    const found = findUrlInText(text);
    if (!found) return failure('url', `no web address found in ${quote(raw)}`);
    text = found;
  }
  const url = toAbsolute(text, options.baseUrl);
  if (!url) return failure('url', `${quote(raw)} is not an absolute URL and no page address was given to resolve it`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return failure('url', `${quote(raw)} uses ${url.protocol} — only http and https addresses are web pages`);
  }
  if (!url.hostname) return failure('url', `${quote(raw)} has no host`);
  return { ok: true, type: 'url', canonical: canonicalUrlString(url), host: url.hostname };
}

/**
 * Identity of a URL for comparison and visited-sets: scheme, `www.`, default port, fragment,
 * tracking parameters, parameter order and trailing slash do not matter.
 */
export function urlKey(raw: string, baseUrl?: string): string | null {
  const parsed = parseUrl(raw, { baseUrl });
  if (!parsed.ok) return null;
  const url = new URL(parsed.canonical);
  const host = url.hostname.replace(/^www\./, '');
  const port = url.port ? `:${url.port}` : '';
  let path = url.pathname;
  try {
    path = decodeURI(path);
  } catch {
    // Keep the encoded path when it holds a malformed escape.
  }
  path = path.replace(/\/+$/, '').replace(/\/index\.(html?|php|aspx?)$/i, '');
  const params = [...url.searchParams.entries()].sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${path}${query}`;
}
