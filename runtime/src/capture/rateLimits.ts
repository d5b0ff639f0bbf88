import { LeadforgeError } from '@leadforge/engine';
import type { CompiledForm } from '../../../engine/src/forms/index.js';
import type { RuntimeContext } from '../context.js';
import { countInWindow, minuteWindow } from './windowCounters.js';

export { minuteWindow } from './windowCounters.js';

const tenantBucket = (tenantId: string) => `tenant\u0001${tenantId}`;

/**
 * Counts one public submission against the per-IP and per-form limits (429 with Retry-After past
 * either) and the tenant's quota. Answers whether the tenant is past its quota: then a valid
 * submission waits in the durable queue instead of being captured now.
 */
export function countSubmission(
  ctx: RuntimeContext,
  tenantId: string,
  form: CompiledForm,
  ip: string,
): { readonly overQuota: boolean } {
  const ipBucket = `ip\u0001${tenantId}\u0001${form.id}\u0001${ip}`;
  const formBucket = `form\u0001${tenantId}\u0001${form.id}`;
  const perForm = form.protection.maxPerMinute;
  const counts = countInWindow(ctx, [ipBucket, tenantBucket(tenantId), ...(perForm !== undefined ? [formBucket] : [])]);
  const perIp = form.protection.maxPerMinutePerIp ?? ctx.config.capturePerIpPerMinute;
  if ((counts.get(ipBucket) ?? 0) > perIp || (perForm !== undefined && (counts.get(formBucket) ?? 0) > perForm)) {
    const { retryAfter } = minuteWindow(ctx.clock.now());
    throw new LeadforgeError(
      'RATE_LIMITED',
      'too many submissions; try again shortly',
      [{ path: '', message: `try again in ${retryAfter} seconds` }],
      retryAfter,
    );
  }
  return { overQuota: (counts.get(tenantBucket(tenantId)) ?? 0) > ctx.config.captureTenantPerMinute };
}

/** Claims capacity for one queued submission in the current window; false when the tenant is still at its quota. */
export function claimQuota(ctx: RuntimeContext, tenantId: string): boolean {
  const counts = countInWindow(ctx, [tenantBucket(tenantId)]);
  return (counts.get(tenantBucket(tenantId)) ?? 0) <= ctx.config.captureTenantPerMinute;
}
