import { lookup as dnsLookup } from 'node:dns/promises';
import { type AllowList, parseAllowList } from '../../../engine/src/delivery/index.js';

/** One resolved address of a name. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Resolves a name to every address it has (tests inject one to simulate DNS rebinding). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** How outbound deliveries may connect (every channel, and the "send test" button). */
export interface DeliveryPolicy {
  /** Hosts the operator trusts even when they resolve to internal addresses. */
  readonly allowList: AllowList;
  /** Deadline for one request or connection, including DNS, connect, and reading the response. */
  readonly timeoutMs: number;
  /** Bytes of a response body kept (the rest is discarded). */
  readonly maxResponseBytes: number;
  readonly resolve: Resolver;
}

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** Builds a policy; unspecified settings take the defaults documented in docs/delivery.md. */
export function deliveryPolicy(overrides: Partial<DeliveryPolicy> = {}): DeliveryPolicy {
  return { allowList: [], timeoutMs: 10_000, maxResponseBytes: 64 * 1024, resolve: systemResolver, ...overrides };
}

/** LEADFORGE_DELIVERY_ALLOW_HOSTS (comma separated host or host:port) and LEADFORGE_DELIVERY_TIMEOUT_MS. */
export function deliveryPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): DeliveryPolicy {
  return deliveryPolicy({
    allowList: parseAllowList(env['LEADFORGE_DELIVERY_ALLOW_HOSTS'] ?? ''),
    timeoutMs: intFrom(env, 'LEADFORGE_DELIVERY_TIMEOUT_MS', 10_000),
  });
}
