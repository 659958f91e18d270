// The agent's egress rule, applied where it matters: to the address a socket is about to
// connect to, after DNS. A URL's text says little (a public-looking name may resolve to
// 127.0.0.2 today and to 10.0.0.5 tomorrow), so every connection — HTTP fetches, each
// redirect hop, and everything the browser loads through the egress proxy — asks this guard
// for the address to use. The URL-text check (`checkUrl`) only refuses early and cheaply.
import * as dns from 'node:dns';
import { isIP } from 'node:net';
import {
  canonicalHost,
  checkTargetUrl,
  classifyHost,
  isAllowedTarget,
  type AllowedTargets,
  type BlockedRange,
} from '@fieldwork/url-safety';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to addresses. Injectable so tests can play DNS rebinding. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The target (its text or the address it resolved to) is not allowed: never connected to. */
export class UnsafeTargetError extends Error {
  readonly code = 'UNSAFE_TARGET';
  constructor(
    readonly host: string,
    readonly range: BlockedRange | 'invalid',
    message: string,
    readonly address?: string,
  ) {
    super(message);
    this.name = 'UnsafeTargetError';
  }
}

/** The name does not resolve (`transient` when the resolver could not answer now). */
export class DnsLookupError extends Error {
  constructor(
    readonly host: string,
    readonly code: string,
    readonly transient: boolean,
  ) {
    super(`${host} does not resolve (${code})`);
    this.name = 'DnsLookupError';
  }
}

/** RFC 6761: `localhost` and `*.localhost` are loopback, whatever a resolver would say. */
export function isLocalhostName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}

export const systemResolver: Resolver = async (hostname) => {
  const host = canonicalHost(hostname);
  const family = isIP(host);
  if (family) return [{ address: host, family: family as 4 | 6 }];
  if (isLocalhostName(host)) return [{ address: '127.0.0.1', family: 4 }];
  try {
    const found = await dns.promises.lookup(host, { all: true, verbatim: true });
    return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'ENOTFOUND';
    throw new DnsLookupError(host, code, code === 'EAI_AGAIN' || code === 'ETIMEOUT' || code === 'ESERVFAIL');
  }
};

export type UrlCheck = { ok: true; url: URL } | { ok: false; error: UnsafeTargetError };

export interface AddressVerdict {
  allowed: boolean;
  range?: BlockedRange;
}

export class EgressGuard {
  constructor(
    readonly allowed: AllowedTargets,
    private readonly resolver: Resolver = systemResolver,
  ) {}

  /** Early refusal from the URL's text alone (scheme, IP literal, reserved names). No DNS. */
  checkUrl(raw: string): UrlCheck {
    const checked = checkTargetUrl(raw, this.allowed);
    if (!checked.ok) {
      const range = checked.code === 'blocked_address' ? (checked.range ?? 'reserved') : 'invalid';
      return { ok: false, error: new UnsafeTargetError(checked.host ?? raw, range, checked.message) };
    }
    return { ok: true, url: new URL(checked.url) };
  }

  /**
   * Judges one resolved address for a host. A blocked address passes only when the allowlist
   * names the host itself (or a `*.suffix` of it) or covers the address; what a name "stands
   * for" is never trusted here, or `anything.localhost → 127.0.0.2` would pass for `127.0.0.1`.
   */
  verdict(hostname: string, address: string): AddressVerdict {
    const classified = classifyHost(address);
    if (!classified.blocked) return { allowed: true };
    const host = canonicalHost(hostname);
    const byName = isIP(host) === 0 && isAllowedTarget({ host, kind: 'name', blocked: true, addresses: [] }, this.allowed);
    const byAddress = isAllowedTarget(classified, this.allowed);
    return { allowed: byName || byAddress, range: classified.range };
  }

  /** The address to connect to for `hostname`, or UnsafeTargetError / DnsLookupError. */
  async resolve(hostname: string): Promise<ResolvedAddress> {
    const host = canonicalHost(hostname);
    const literal = isIP(host);
    // An address needs no DNS (and no resolver gets to reinterpret it).
    const addresses = literal ? [{ address: host, family: literal as 4 | 6 }] : await this.resolver(host);
    if (addresses.length === 0) throw new DnsLookupError(host, 'ENOTFOUND', false);
    let refused: { address: string; range?: BlockedRange } | undefined;
    for (const candidate of addresses) {
      const verdict = this.verdict(host, candidate.address);
      if (verdict.allowed) return candidate;
      refused ??= { address: candidate.address, range: verdict.range };
    }
    const range = refused?.range ?? 'reserved';
    const shown = host === refused?.address ? host : `${host} (${refused?.address})`;
    throw new UnsafeTargetError(
      host,
      range,
      `${shown} is ${describe(range)}; not connected to because FIELDWORK_ALLOWED_TARGETS does not allow it`,
      refused?.address,
    );
  }
}

function describe(range: BlockedRange): string {
  switch (range) {
    case 'loopback':
      return 'a loopback address';
    case 'private':
      return 'a private network address';
    case 'link_local':
      return 'a link-local address';
    case 'cgnat':
      return 'a carrier-grade NAT address';
    case 'multicast':
      return 'a multicast address';
    case 'cloud_metadata':
      return 'a cloud metadata endpoint';
    case 'unspecified':
      return 'the unspecified address';
    case 'broadcast':
      return 'the broadcast address';
    case 'reserved':
      return 'a reserved address';
    case 'private_name':
      return 'a private host name';
    default: {
      const never: never = range;
      return String(never);
    }
  }
}

/** Finds an UnsafeTargetError / DnsLookupError anywhere in an error's cause chain. */
export function findCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth += 1) {
    if (current instanceof type) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
