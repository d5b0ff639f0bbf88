import { formatIpv4, type IpBytes, parseIpv4, parseIpv6 } from './ipAddress.js';

interface Range {
  readonly prefix: IpBytes;
  readonly bits: number;
  readonly reason: string;
}

function v4(cidr: string, reason: string): Range {
  const [addr, bits] = cidr.split('/');
  return { prefix: parseIpv4(addr!)!, bits: Number(bits), reason };
}

function v6(cidr: string, reason: string): Range {
  const [addr, bits] = cidr.split('/');
  return { prefix: parseIpv6(addr!)!, bits: Number(bits), reason };
}

/** Cloud metadata services are named apart: they are the classic SSRF prize. */
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192']);

// Special-purpose IPv4 registry (RFC 6890 and successors): nothing here is a public web server.
const V4_RANGES: readonly Range[] = [
  v4('0.0.0.0/8', '"this network" (0.0.0.0/8)'),
  v4('10.0.0.0/8', 'private (10.0.0.0/8)'),
  v4('100.64.0.0/10', 'carrier-grade NAT (100.64.0.0/10)'),
  v4('127.0.0.0/8', 'loopback (127.0.0.0/8)'),
  v4('169.254.0.0/16', 'link-local (169.254.0.0/16)'),
  v4('172.16.0.0/12', 'private (172.16.0.0/12)'),
  v4('192.0.0.0/24', 'IETF protocol assignments (192.0.0.0/24)'),
  v4('192.0.2.0/24', 'documentation (192.0.2.0/24)'),
  v4('192.88.99.0/24', '6to4 relay anycast (192.88.99.0/24)'),
  v4('192.168.0.0/16', 'private (192.168.0.0/16)'),
  v4('198.18.0.0/15', 'benchmarking (198.18.0.0/15)'),
  v4('198.51.100.0/24', 'documentation (198.51.100.0/24)'),
  v4('203.0.113.0/24', 'documentation (203.0.113.0/24)'),
  v4('224.0.0.0/4', 'multicast (224.0.0.0/4)'),
  v4('240.0.0.0/4', 'reserved (240.0.0.0/4)'),
];

// Checked in order: ranges that embed an IPv4 address come first and are judged by that address.
const V6_RANGES: readonly Range[] = [
  v6('::/128', 'unspecified (::)'),
  v6('::1/128', 'loopback (::1)'),
  v6('::/96', 'IPv4-compatible (::/96, deprecated)'),
  v6('100::/64', 'discard (100::/64)'),
  v6('64:ff9b:1::/48', 'local-use NAT64 (64:ff9b:1::/48)'),
  v6('2001::/23', 'IETF protocol assignments, incl. Teredo (2001::/23)'),
  v6('2001:db8::/32', 'documentation (2001:db8::/32)'),
  v6('fc00::/7', 'unique local (fc00::/7)'),
  v6('fe80::/10', 'link-local (fe80::/10)'),
  v6('fec0::/10', 'site-local (fec0::/10, deprecated)'),
  v6('ff00::/8', 'multicast (ff00::/8)'),
];

function inRange(bytes: IpBytes, range: Range): boolean {
  let bits = range.bits;
  for (let i = 0; bits > 0; i += 1, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i]! & mask) !== (range.prefix[i]! & mask)) return false;
  }
  return true;
}

function ipv4Reason(bytes: IpBytes): string | null {
  const text = formatIpv4(bytes);
  if (METADATA_V4.has(text)) return `cloud metadata service (${text})`;
  return V4_RANGES.find((r) => inRange(bytes, r))?.reason ?? null;
}

const MAPPED = v6('::ffff:0:0/96', '');
const NAT64 = v6('64:ff9b::/96', '');
const SIX_TO_FOUR = v6('2002::/16', '');
const GLOBAL_UNICAST = v6('2000::/3', '');

function ipv6Reason(bytes: IpBytes): string | null {
  // IPv4 carried inside IPv6 is judged as the IPv4 address it reaches
  if (inRange(bytes, MAPPED) || inRange(bytes, NAT64)) {
    const inner = ipv4Reason(bytes.slice(12));
    return inner ? `IPv4 ${formatIpv4(bytes.slice(12))} inside IPv6: ${inner}` : null;
  }
  if (inRange(bytes, SIX_TO_FOUR)) {
    const inner = ipv4Reason(bytes.slice(2, 6));
    return inner ? `6to4 of ${formatIpv4(bytes.slice(2, 6))}: ${inner}` : null;
  }
  const special = V6_RANGES.find((r) => inRange(bytes, r));
  if (special) return special.reason;
  if (bytes[0] === 0xfd && bytes[1] === 0x00 && bytes[2] === 0x0e && bytes[3] === 0xc2) return 'cloud metadata service';
  return inRange(bytes, GLOBAL_UNICAST) ? null : 'not global unicast (outside 2000::/3)';
}

/**
 * Why an outbound connection to this address is refused, or null when it is a public address.
 * Refuses loopback, private, link-local, CGNAT, unique-local, multicast, reserved, documentation
 * and cloud-metadata addresses, and IPv6 forms that carry such an IPv4 address. Text that is not
 * a canonical address literal is refused too (callers pass resolver output or normalised hosts).
 */
export function forbiddenAddressReason(address: string): string | null {
  const four = parseIpv4(address);
  if (four) return ipv4Reason(four);
  const six = parseIpv6(address);
  if (six) return ipv6Reason(six);
  return `not an IP address: ${JSON.stringify(address)}`;
}
