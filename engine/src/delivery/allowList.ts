import { normalizeHost } from './normalizeHost.js';

/** One operator-approved host, optionally limited to one port. */
export interface AllowedHost {
  readonly host: string;
  readonly port: number | null;
}

/** Hosts the operator trusts even though they resolve to internal addresses (an ERP on the LAN). */
export type AllowList = readonly AllowedHost[];

function parseEntry(entry: string): AllowedHost {
  const text = entry.trim();
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracket) return { host: normalizeHost(bracket[1]!), port: bracket[2] ? Number(bracket[2]) : null };
  const colons = text.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = text.split(':');
    if (!/^\d+$/.test(port!)) throw new Error(`allow-list entry "${entry}": the port must be a number`);
    return { host: normalizeHost(host!), port: Number(port) };
  }
  return { host: normalizeHost(text), port: null };
}

/**
 * Reads an allow-list: entries separated by commas or whitespace, each `host`, `host:port`,
 * `[v6]` or `[v6]:port` (e.g. `erp.corp.example, 10.0.0.5:8443`). Names match exactly, after
 * normalisation; there are no wildcards. Throws on an entry that is not a host.
 */
export function parseAllowList(spec: string | readonly string[] | undefined): AllowList {
  if (spec === undefined) return [];
  const entries = typeof spec === 'string' ? spec.split(/[\s,]+/) : spec;
  return entries.filter((e) => e.trim() !== '').map(parseEntry);
}

/** Whether `host` (already normalised) on `port` is on the operator's allow-list. */
export function isAllowListed(list: AllowList, host: string, port: number): boolean {
  return list.some((entry) => entry.host === host && (entry.port === null || entry.port === port));
}
