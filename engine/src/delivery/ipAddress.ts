/**
 * IP address parsing for the SSRF guard. Only canonical textual forms are accepted here
 * (dotted-quad IPv4, RFC 4291 IPv6): odd spellings such as `127.1` or `0x7f.0.0.1` are first
 * turned into canonical form by the WHATWG URL parser (see `normalizeHost`) or by the resolver.
 */

/** Four bytes for an IPv4 address, sixteen for IPv6. */
export type IpBytes = readonly number[];

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): IpBytes | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  const bytes = m.slice(1, 5).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

function parseHextets(part: string): number[] | null {
  if (part === '') return [];
  const out: number[] = [];
  for (const group of part.split(':')) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    out.push(Number.parseInt(group, 16));
  }
  return out;
}

/** Parses IPv6 text (with `::`, an embedded IPv4 tail, brackets or a `%zone`) into 16 bytes. */
export function parseIpv6(input: string): IpBytes | null {
  let text = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!text.includes(':')) return null;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // an embedded IPv4 tail ("::ffff:127.0.0.1") becomes its two hextets
    const v4 = parseIpv4(last);
    if (!v4) return null;
    const high = ((v4[0]! << 8) | v4[1]!).toString(16);
    const low = ((v4[2]! << 8) | v4[3]!).toString(16);
    text = `${text.slice(0, lastColon + 1)}${high}:${low}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  let groups: number[];
  if (halves.length === 2) {
    const head = parseHextets(halves[0]!);
    const rest = parseHextets(halves[1]!);
    if (!head || !rest) return null;
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return null;
    groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
  } else {
    const all = parseHextets(halves[0]!);
    if (!all) return null;
    groups = all;
  }
  if (groups.length !== 8) return null;
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

/** 4 or 6 for an address literal, 0 for anything else (a host name). */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (parseIpv4(text)) return 4;
  if (parseIpv6(text)) return 6;
  return 0;
}

/** Canonical text of IPv4 bytes (for reasons and embedded addresses). */
export function formatIpv4(bytes: IpBytes): string {
  return bytes.join('.');
}
