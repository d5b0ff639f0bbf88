import { ipFamily } from './ipAddress.js';

/**
 * The canonical form of a host as a connection would use it: lower case, brackets and a trailing
 * dot removed, and every numeric spelling of an IPv4 address (`127.1`, `0x7f.0.0.1`,
 * `017700000001`, `2130706433`) or IPv6 address (`[::ffff:127.0.0.1]`) turned into its canonical
 * text by the WHATWG URL parser — the same parser that reads webhook URLs. Throws on a host
 * the URL parser rejects.
 */
export function normalizeHost(host: string): string {
  const trimmed = host.trim();
  const bracketed = trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
  const parsed = new URL(`http://${bracketed}/`).hostname;
  const bare = parsed.startsWith('[') ? parsed.slice(1, -1) : parsed;
  return ipFamily(bare) === 0 && bare.endsWith('.') ? bare.slice(0, -1) : bare;
}

/** True for names that always mean this machine (RFC 6761), whatever the resolver says. */
export function isLocalhostName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}
