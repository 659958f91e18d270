// Which hosts Fieldwork must never fetch on its own: IP literals and names in private,
// loopback, link-local, carrier-grade NAT, multicast, reserved or cloud-metadata ranges.
// Pure text rules — no DNS, no sockets. A name is judged by what it is reserved to mean
// (`localhost` and `*.localhost` are loopback by RFC 6761), not by what a resolver says today;
// the agent repeats the address check at connect time, after DNS, against the real address.
import ipaddr from 'ipaddr.js';

export type BlockedRange =
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'cgnat'
  | 'multicast'
  | 'cloud_metadata'
  | 'unspecified'
  | 'broadcast'
  | 'reserved'
  | 'private_name';

export type HostKind = 'ipv4' | 'ipv6' | 'name';

export interface HostClassification {
  /** The host as judged: lower case, no brackets, no trailing dot. */
  host: string;
  kind: HostKind;
  blocked: boolean;
  range?: BlockedRange;
  /** Addresses the host stands for without DNS: itself when a literal, 127.0.0.1 for `*.localhost`… */
  addresses: string[];
  /** Plain words for a validation report, when blocked. */
  reason?: string;
}

const RANGE_WORDS: Record<BlockedRange, string> = {
  loopback: 'a loopback address (this machine)',
  private: 'a private network address',
  link_local: 'a link-local address',
  cgnat: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  cloud_metadata: 'a cloud metadata endpoint',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved or special-purpose address',
  private_name: 'a private or internal host name',
};

/** Cloud instance-metadata services (AWS, GCP, Azure, ECS, Alibaba, Oracle). */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254']);
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/** Suffixes reserved or conventionally used for internal names. */
const PRIVATE_SUFFIXES = ['.internal', '.local', '.localdomain', '.home.arpa', '.lan', '.intranet', '.corp', '.home', '.private'];

/** Wildcard-DNS services that answer `10.0.0.1.nip.io` with 10.0.0.1: judged by the address in the name. */
const ECHO_IP_SUFFIXES = ['.nip.io', '.sslip.io', '.xip.io', '.traefik.me', '.localtest.me'];

const IPV4_RANGES: Record<string, BlockedRange | undefined> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link_local',
  loopback: 'loopback',
  carrierGradeNat: 'cgnat',
  private: 'private',
  reserved: 'reserved',
  as112: 'reserved',
  amt: 'reserved',
  unicast: undefined,
};

const IPV6_RANGES: Record<string, BlockedRange | undefined> = {
  unspecified: 'unspecified',
  linkLocal: 'link_local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'private',
  deprecatedSiteLocal: 'private',
  unicast: undefined,
};

function blocked(host: string, kind: HostKind, range: BlockedRange, addresses: string[]): HostClassification {
  return { host, kind, blocked: true, range, addresses, reason: `${host} is ${RANGE_WORDS[range]}` };
}

function open(host: string, kind: HostKind, addresses: string[]): HostClassification {
  return { host, kind, blocked: false, addresses };
}

/** Lower-cases, strips IPv6 brackets and a trailing dot. */
export function canonicalHost(host: string): string {
  let value = host.trim().toLowerCase();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  while (value.endsWith('.')) value = value.slice(0, -1);
  return value;
}

function classifyIpv4(address: ipaddr.IPv4): BlockedRange | undefined {
  const text = address.toString();
  if (METADATA_ADDRESSES.has(text)) return 'cloud_metadata';
  const range = address.range();
  // Anything ipaddr.js names and we do not list is special-purpose: block it too.
  return range in IPV4_RANGES ? IPV4_RANGES[range] : 'reserved';
}

/** The IPv4 address carried inside an IPv6 one (mapped, translated, compatible, NAT64, 6to4). */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const parts = address.parts;
  const range = address.range();
  const fromLow32 = () => new ipaddr.IPv4([parts[6] >> 8, parts[6] & 0xff, parts[7] >> 8, parts[7] & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') return fromLow32();
  if (range === '6to4') return new ipaddr.IPv4([parts[1] >> 8, parts[1] & 0xff, parts[2] >> 8, parts[2] & 0xff]);
  // Deprecated IPv4-compatible form ::a.b.c.d (not :: or ::1, which are their own ranges).
  if (parts.slice(0, 6).every((part) => part === 0) && (parts[6] !== 0 || parts[7] > 1)) return fromLow32();
  return undefined;
}

function classifyIpv6(address: ipaddr.IPv6): BlockedRange | undefined {
  if (METADATA_ADDRESSES.has(address.toString())) return 'cloud_metadata';
  const inner = embeddedIpv4(address);
  if (inner) return classifyIpv4(inner);
  const range = address.range();
  // Teredo hides its client address; tunnels, benchmarking, ORCHID, discard: all special-purpose.
  return range in IPV6_RANGES ? IPV6_RANGES[range] : 'reserved';
}

const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

function parseIpLiteral(host: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // Only canonical literals: "0x7f.1" or "2130706433" are normalised to dotted quads by the
  // WHATWG URL parser before they reach here (see normalizeTargetUrl).
  // Cheap shape checks first: ipaddr.js validates by throwing, which is slow for the common
  // case of a plain host name.
  if (DOTTED_QUAD.test(host) && ipaddr.IPv4.isValidFourPartDecimal(host)) return ipaddr.IPv4.parse(host);
  if (host.includes(':') && ipaddr.IPv6.isValid(host)) return ipaddr.IPv6.parse(host);
  return undefined;
}

function addressInName(host: string, suffix: string): string | undefined {
  const label = host.slice(0, -suffix.length);
  // "10.0.0.1.nip.io", "app.10.0.0.1.nip.io", "10-0-0-1.sslip.io", "app-10-0-0-1.sslip.io"
  const dotted = /(?:^|\.)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(label);
  const dashed = /(?:^|[.-])(\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3})$/.exec(label);
  const candidate = dotted?.[1] ?? dashed?.[1]?.replace(/-/g, '.');
  return candidate && DOTTED_QUAD.test(candidate) && ipaddr.IPv4.isValidFourPartDecimal(candidate) ? candidate : undefined;
}

/** Judges a host (name or IP literal, as found in a URL) without resolving it. */
export function classifyHost(rawHost: string): HostClassification {
  const host = canonicalHost(rawHost);
  const literal = parseIpLiteral(host);
  if (literal) {
    const text = literal.toString();
    if (literal.kind() === 'ipv4') {
      const range = classifyIpv4(literal as ipaddr.IPv4);
      return range ? blocked(host, 'ipv4', range, [text]) : open(host, 'ipv4', [text]);
    }
    const range = classifyIpv6(literal as ipaddr.IPv6);
    return range ? blocked(host, 'ipv6', range, [text]) : open(host, 'ipv6', [text]);
  }

  if (host === 'localhost' || host.endsWith('.localhost')) return blocked(host, 'name', 'loopback', ['127.0.0.1', '::1']);
  if (METADATA_NAMES.has(host)) return blocked(host, 'name', 'cloud_metadata', ['169.254.169.254']);
  for (const suffix of ECHO_IP_SUFFIXES) {
    if (!host.endsWith(suffix)) continue;
    const embedded = addressInName(host, suffix);
    if (suffix === '.localtest.me') return blocked(host, 'name', 'loopback', ['127.0.0.1']);
    if (embedded) {
      const inner = classifyHost(embedded);
      if (inner.blocked && inner.range) return blocked(host, 'name', inner.range, inner.addresses);
    }
  }
  if (!host.includes('.') || PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return blocked(host, 'name', 'private_name', []);
  }
  return open(host, 'name', []);
}

export function describeRange(range: BlockedRange): string {
  return RANGE_WORDS[range];
}
