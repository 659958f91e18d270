// Turns a cell of a user's list into the address Fieldwork would visit, or says plainly why it
// cannot: a scheme is added when missing (https), the host is lower-cased and IDN hosts become
// punycode, the default port and the fragment are dropped. Everything else (path, query) is
// kept: two rows are the same site only when these normalised addresses are equal.
import { canonicalHost } from './classify-host';

export type UrlProblemCode = 'missing_url' | 'invalid_url' | 'unsupported_scheme';

export interface NormalizedUrl {
  ok: true;
  /** The normalised absolute URL. */
  url: string;
  /** Lower-case host without brackets or trailing dot (punycode for IDN). */
  host: string;
  scheme: 'http' | 'https';
  /** True when the cell had no scheme and https was assumed. */
  schemeAdded: boolean;
}

export interface UrlProblem {
  ok: false;
  code: UrlProblemCode;
  message: string;
}

export type UrlNormalization = NormalizedUrl | UrlProblem;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** "example.com:8080/x" and "localhost:3000" are host:port, not a scheme. */
const HOST_PORT = /^[^/?#:@\s]+:\d{1,5}(?:[/?#]|$)/;
const MAX_URL_LENGTH = 2048;

function quote(raw: string): string {
  return JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
}

function problem(code: UrlProblemCode, message: string): UrlProblem {
  return { ok: false, code, message };
}

/** A scheme-less value must at least look like a host: a dot, `localhost`, or an IP literal. */
function looksLikeHost(value: string): boolean {
  const host = value.split(/[/?#]/, 1)[0].replace(/:\d+$/, '').replace(/^[^@]*@/, '');
  if (host.startsWith('[') && host.endsWith(']')) return true;
  if (/^localhost\.?$/i.test(host)) return true;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return true;
  // Top-level labels always contain a letter: "12.50" is a number, not a host.
  const labels = host.replace(/\.$/, '').split('.');
  return labels.length >= 2 && labels.every((label) => label.length > 0) && /\p{L}/u.test(labels[labels.length - 1]);
}

export function normalizeTargetUrl(raw: string | null | undefined): UrlNormalization {
  const text = (raw ?? '').trim();
  if (!text) return problem('missing_url', 'no URL in this row');
  if (text.length > MAX_URL_LENGTH) return problem('invalid_url', `the URL is ${text.length} characters long; at most ${MAX_URL_LENGTH} are accepted`);
  if (/\s/.test(text)) return problem('invalid_url', `${quote(text)} contains spaces; a URL has none`);

  let candidate = text;
  let schemeAdded = false;
  const scheme = SCHEME.exec(text);
  if (scheme && !HOST_PORT.test(text)) {
    const name = scheme[1].toLowerCase();
    if (name !== 'http' && name !== 'https') {
      return problem('unsupported_scheme', `${quote(text)} uses ${name}: — only http and https addresses can be visited`);
    }
  } else {
    const withoutSlashes = text.replace(/^\/\//, '');
    if (/^[^/?#]*@/.test(withoutSlashes)) return problem('invalid_url', `${quote(text)} looks like an e-mail address, not a web address`);
    if (!looksLikeHost(withoutSlashes)) return problem('invalid_url', `${quote(text)} is not a web address`);
    candidate = `https://${withoutSlashes}`;
    schemeAdded = true;
  }

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return problem('invalid_url', `${quote(text)} is not a valid URL`);
  }
  if (!url.hostname) return problem('invalid_url', `${quote(text)} has no host`);
  const host = canonicalHost(url.hostname);
  if (!host || host.startsWith('.') || host.includes('..')) return problem('invalid_url', `${quote(text)} has no valid host`);
  // The WHATWG parser already lower-cased the host, applied punycode and dropped default ports.
  url.hash = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  return { ok: true, url: url.href, host, scheme: url.protocol === 'http:' ? 'http' : 'https', schemeAdded };
}
