import type { Request } from 'express';

/**
 * The client address, trusting X-Forwarded-For for exactly `trustedHops` proxies: the address is
 * taken that many entries from the right, so a client cannot forge its way to a new identity.
 */
export function clientIp(req: Request, trustedHops: number): string {
  const direct = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return direct;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const hops = [...chain, direct];
  return hops[Math.max(0, hops.length - 1 - trustedHops)] ?? direct;
}
