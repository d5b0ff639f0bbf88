import { type AllowList, isAllowListed } from './allowList.js';
import { forbiddenAddressReason } from './forbiddenAddress.js';
import { ipFamily } from './ipAddress.js';
import { isLocalhostName, normalizeHost } from './normalizeHost.js';

export type TargetProblem = 'invalid-url' | 'scheme' | 'credentials' | 'forbidden-address';

/** A destination that passed the checks that need no DNS; names are checked again at connect. */
export interface CheckedTarget {
  readonly ok: true;
  /** Normalised host: a canonical address literal or a lower-case name. */
  readonly host: string;
  readonly port: number;
  /** 4 or 6 for an address literal (nothing will be resolved), 0 for a name. */
  readonly family: 0 | 4 | 6;
  readonly allowListed: boolean;
}

export type TargetCheck =
  | CheckedTarget
  | { readonly ok: false; readonly problem: TargetProblem; readonly message: string };

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/** Checks a host and port (SMTP, or a URL's parts): address literals must be public unless allow-listed. */
export function checkHost(rawHost: string, port: number, allow: AllowList): TargetCheck {
  let host: string;
  try {
    host = normalizeHost(rawHost);
  } catch {
    return { ok: false, problem: 'invalid-url', message: `"${rawHost}" is not a host name or address` };
  }
  if (host === '') return { ok: false, problem: 'invalid-url', message: 'the host is empty' };
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { ok: false, problem: 'invalid-url', message: `port ${port} is out of range` };
  }
  const allowListed = isAllowListed(allow, host, port);
  const family = ipFamily(host);
  if (!allowListed) {
    const reason =
      family !== 0 ? forbiddenAddressReason(host) : isLocalhostName(host) ? 'this machine (localhost)' : null;
    if (reason) {
      return { ok: false, problem: 'forbidden-address', message: `${rawHost} is not allowed as a target: ${reason}` };
    }
  }
  return { ok: true, host, port, family, allowListed };
}

/**
 * The SSRF checks that need no network: http or https only, no credentials in the URL, and a
 * literal address (however spelt) must be public unless the operator allow-listed the host. A
 * name passes here and is checked again when the connection is made (DNS rebinding).
 */
export function checkTargetUrl(raw: string, allow: AllowList): TargetCheck & { readonly url?: URL } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'invalid-url', message: 'not a valid URL' };
  }
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined) {
    return { ok: false, problem: 'scheme', message: `only http and https URLs are allowed, not ${url.protocol}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, problem: 'credentials', message: 'a URL must not carry a user name or password' };
  }
  const checked = checkHost(url.hostname, url.port === '' ? defaultPort : Number(url.port), allow);
  return checked.ok ? { ...checked, url } : checked;
}
