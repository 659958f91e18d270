// The platform's explicit exceptions to the blocked ranges: `FIELDWORK_ALLOWED_TARGETS`, a
// comma-separated list of host names (`intranet.example`), subdomain wildcards
// (`*.farm.localhost`), IP addresses (`127.0.0.1`) and CIDR blocks (`10.20.0.0/16`, `fd00::/8`).
// A blocked name is allowed when it is listed, or when an address it stands for without DNS
// (127.0.0.1 for `*.localhost`) falls in a listed address or block.
import ipaddr from 'ipaddr.js';
import { canonicalHost, classifyHost, type HostClassification } from './classify-host';

export interface AllowedTargets {
  /** Exact host names. */
  readonly names: ReadonlySet<string>;
  /** Suffixes from `*.example` entries, with their leading dot. */
  readonly suffixes: readonly string[];
  readonly blocks: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
  /** The entries as given, for logs and error messages. */
  readonly entries: readonly string[];
}

export const NO_ALLOWED_TARGETS: AllowedTargets = { names: new Set(), suffixes: [], blocks: [], entries: [] };

export class AllowedTargetsError extends Error {}

/** Parses the allowlist; throws on an entry that is neither a host, a wildcard, an IP nor a CIDR. */
export function parseAllowedTargets(value: string | undefined): AllowedTargets {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const names = new Set<string>();
  const suffixes: string[] = [];
  const blocks: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of entries) {
    const lower = canonicalHost(entry);
    if (lower.includes('/')) {
      try {
        blocks.push(ipaddr.parseCIDR(lower));
      } catch {
        throw new AllowedTargetsError(`"${entry}" is not a valid CIDR block`);
      }
    } else if (ipaddr.isValid(lower) && (lower.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(lower))) {
      const address = ipaddr.parse(lower);
      blocks.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^\*\.[a-z0-9.-]+$/.test(lower)) {
      suffixes.push(lower.slice(1));
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(lower)) {
      names.add(lower);
    } else {
      throw new AllowedTargetsError(`"${entry}" is not a host name, *.suffix, IP address or CIDR block`);
    }
  }
  return { names, suffixes, blocks, entries };
}

function inBlocks(address: string, blocks: AllowedTargets['blocks']): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return false;
  }
  return blocks.some(([network, bits]) => parsed.kind() === network.kind() && parsed.match(network, bits));
}

/** True when the allowlist names the host, or covers an address it stands for. */
export function isAllowedTarget(host: string | HostClassification, allowed: AllowedTargets): boolean {
  const classification = typeof host === 'string' ? classifyHost(host) : host;
  const name = classification.host;
  if (allowed.names.has(name)) return true;
  if (allowed.suffixes.some((suffix) => name.endsWith(suffix) && name.length > suffix.length)) return true;
  return classification.addresses.some((address) => inBlocks(address, allowed.blocks));
}
