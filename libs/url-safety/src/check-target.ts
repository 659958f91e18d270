// One call for "may Fieldwork visit this cell's address?": normalise, classify the host, apply
// the allowlist. Datasets use it to validate rows; the agent uses the same rules before it
// connects (and again on the address it actually connects to).
import { parse as parseDomain } from 'tldts';
import { isAllowedTarget, type AllowedTargets } from './allowed-targets';
import { classifyHost, type BlockedRange, type HostKind } from './classify-host';
import { normalizeTargetUrl, type UrlProblemCode } from './normalize-url';

export interface AllowedTarget {
  ok: true;
  url: string;
  host: string;
  hostKind: HostKind;
  /** The site a URL belongs to (registrable domain, or the host when it has none). */
  domain: string;
  schemeAdded: boolean;
  /** Set when the host is in a blocked range but the allowlist lets it through. */
  allowlisted?: BlockedRange;
}

export interface RefusedTarget {
  ok: false;
  code: UrlProblemCode | 'blocked_address';
  message: string;
  /** For `blocked_address`: the normalised URL, its host and which range it is in. */
  url?: string;
  host?: string;
  range?: BlockedRange;
}

export type TargetCheck = AllowedTarget | RefusedTarget;

/** The site a host belongs to: `shop.example.co.uk` → `example.co.uk`; `a.farm.localhost`, IPs → themselves. */
export function siteDomain(host: string): string {
  const parsed = parseDomain(host);
  if (parsed.isIp || !parsed.isIcann || !parsed.domain) return host.replace(/^www\./, '');
  return parsed.domain;
}

export function checkTargetUrl(raw: string | null | undefined, allowed: AllowedTargets): TargetCheck {
  const normalized = normalizeTargetUrl(raw);
  if (!normalized.ok) return normalized;
  const host = classifyHost(normalized.host);
  const base = { url: normalized.url, host: host.host, hostKind: host.kind, domain: siteDomain(host.host), schemeAdded: normalized.schemeAdded };
  if (!host.blocked) return { ok: true, ...base };
  if (isAllowedTarget(host, allowed)) return { ok: true, ...base, allowlisted: host.range };
  return {
    ok: false,
    code: 'blocked_address',
    message: `${host.reason ?? `${host.host} is blocked`}; it is not visited unless FIELDWORK_ALLOWED_TARGETS allows it`,
    url: normalized.url,
    host: host.host,
    range: host.range,
  };
}
