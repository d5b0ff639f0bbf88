import { LeadforgeError } from '@leadforge/engine';
import type { CompiledForm } from '../../../engine/src/forms/index.js';
import type { RuntimeContext } from '../context.js';
import { countInWindow } from './captureStore.js';

const WINDOW_MS = 60_000;

/** The fixed one-minute window `now` falls in, and the seconds until it ends (for Retry-After). */
export function minuteWindow(now: Date): { start: Date; end: Date; retryAfter: number } {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  return {
    start: new Date(start),
    end: new Date(start + WINDOW_MS),
    retryAfter: Math.max(1, Math.ceil((start + WINDOW_MS - now.getTime()) / 1000)),
  };
}

export const TENANT_BUCKET = 'tenant';

/**
 * Counts one public submission against the per-IP and per-form limits (429 with Retry-After past
 * either) and the tenant's quota, in one statement. Answers whether the tenant is past its quota:
 * then a valid submission waits in the queue instead of being captured now.
 */
export async function countSubmission(
  ctx: RuntimeContext,
  tenantId: string,
  form: CompiledForm,
  ip: string,
): Promise<{ readonly overQuota: boolean }> {
  const window = minuteWindow(ctx.clock.now());
  const ipBucket = `ip:${form.id}:${ip}`;
  const formBucket = `form:${form.id}`;
  const perForm = form.protection.maxPerMinute;
  const buckets = [ipBucket, TENANT_BUCKET, ...(perForm !== undefined ? [formBucket] : [])];
  const counts = await countInWindow(ctx.db, tenantId, buckets, window.start);
  const perIp = form.protection.maxPerMinutePerIp ?? ctx.config.capturePerIpPerMinute;
  if ((counts.get(ipBucket) ?? 0) > perIp || (perForm !== undefined && (counts.get(formBucket) ?? 0) > perForm)) {
    throw new LeadforgeError(
      'RATE_LIMITED',
      'too many submissions; try again shortly',
      [{ path: '', message: `try again in ${window.retryAfter} seconds` }],
      window.retryAfter,
    );
  }
  return { overQuota: (counts.get(TENANT_BUCKET) ?? 0) > ctx.config.captureTenantPerMinute };
}

/** Claims capacity for one queued submission in the current window; false when the tenant is still at its quota. */
export async function claimQuota(ctx: RuntimeContext, tenantId: string, now: Date): Promise<boolean> {
  const counts = await countInWindow(ctx.db, tenantId, [TENANT_BUCKET], minuteWindow(now).start);
  return (counts.get(TENANT_BUCKET) ?? 0) <= ctx.config.captureTenantPerMinute;
}
