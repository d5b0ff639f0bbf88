import { query, sql } from '@leadforge/engine';
import { prepareCapture, spamSignals } from '../../../engine/src/capture/index.js';
import type { RuntimeContext } from '../context.js';
import { captchaVerifier } from './captcha/captchaVerifiers.js';
import type { CaptchaVerdict } from './captcha/types.js';
import { captureInTx, scoreCommitted } from './captureService.js';
import { claimPending, deletePending, type PendingRow, reschedulePending } from './pendingQueue.js';
import { quarantine } from './quarantineStore.js';
import { claimQuota, minuteWindow } from './rateLimits.js';
import { withCaptureRetry } from './retry.js';

/** How long a claimed submission is reserved for one processor before another may take it. */
const LEASE_MS = 60_000;
/** A held submission whose captcha cannot be checked for this long goes to quarantine for an admin. */
export const HOLD_MAX_MS = 24 * 60 * 60 * 1000;

export interface PendingReport {
  readonly captured: number;
  readonly quarantined: number;
  /** Claimed but put back: the tenant is still at its quota, or the verifier is still down. */
  readonly waiting: number;
}

type Result = 'captured' | 'quarantined' | 'waiting';

function backoff(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

async function toQuarantine(ctx: RuntimeContext, row: PendingRow, reasons: readonly string[]): Promise<Result> {
  await ctx.db.transaction(async (tx) => {
    await quarantine(tx, row.tenantId, { submissionId: row.id, input: row.payload.input }, reasons, ctx.clock.now());
    await deletePending(tx, row.tenantId, row.id);
  });
  return 'quarantined';
}

async function verifyHeld(ctx: RuntimeContext, row: PendingRow): Promise<CaptchaVerdict> {
  const captcha = row.payload.captcha;
  if (!captcha) return { outcome: 'passed' };
  const verifier = captchaVerifier(ctx, captcha.provider);
  if (!verifier) return { outcome: 'unavailable', reason: `no verifier for ${captcha.provider}` };
  return verifier.verify(captcha.token, { remoteIp: captcha.remoteIp, siteKey: captcha.siteKey });
}

async function processOne(ctx: RuntimeContext, row: PendingRow, atQuota: Set<string>): Promise<Result> {
  const now = ctx.clock.now();
  let kind = row.kind;
  if (kind === 'held') {
    const verdict = await verifyHeld(ctx, row);
    if (verdict.outcome === 'unavailable') {
      if (now.getTime() - row.createdAt.getTime() > HOLD_MAX_MS)
        return toQuarantine(ctx, row, [`captcha could not be checked for a day: ${verdict.reason}`]);
      await reschedulePending(
        ctx.db,
        row.tenantId,
        row.id,
        new Date(now.getTime() + backoff(row.attempts)),
        verdict.reason,
      );
      return 'waiting';
    }
    // a token refused after our outage may only have expired meanwhile: an admin decides, nothing is lost
    if (verdict.outcome === 'failed')
      return toQuarantine(ctx, row, [`captcha refused after a hold: ${verdict.reason}`]);
    kind = 'queued';
  }
  const published = await ctx.apps.current(row.tenantId);
  if (!published) throw new Error(`tenant ${row.tenantId} has no app`);
  const prepared = prepareCapture(published.app, row.payload.input);
  if (!prepared.ok)
    return toQuarantine(
      ctx,
      row,
      prepared.problems.map((p) => `no longer valid: ${p.path} ${p.message}`),
    );
  const reasons = spamSignals(prepared.value.policy.object, prepared.value.data, {
    blockedDomains: row.payload.blockedDomains ?? [],
  });
  if (reasons.length > 0) return toQuarantine(ctx, row, reasons);
  if (atQuota.has(row.tenantId) || !claimQuota(ctx, row.tenantId)) {
    atQuota.add(row.tenantId);
    await reschedulePending(ctx.db, row.tenantId, row.id, minuteWindow(now).end, null, kind);
    return 'waiting';
  }
  const captured = await withCaptureRetry(() =>
    ctx.db.transaction(async (tx) => {
      const success = await captureInTx(ctx, tx, row.tenantId, {
        prepared: prepared.value,
        actorId: row.payload.actorId ?? null,
        submissionId: row.id,
        eventKey: `submission:${row.id}`,
      });
      await deletePending(tx, row.tenantId, row.id);
      return success;
    }),
  );
  // scored once committed, in its own short transaction; never fails the processing
  await scoreCommitted(ctx, row.tenantId, captured, row.payload.visitorId);
  return 'captured';
}

/**
 * Works the durable queue once (issue 3): submissions past a tenant's quota are captured as
 * capacity returns, oldest first; held submissions get their captcha checked again. Nothing is
 * dropped: what cannot be captured goes to quarantine for an admin. Safe to run in several
 * processes at once. `leadforge start` runs it every few seconds (startCaptureProcessor).
 */
export async function processPendingCaptures(
  ctx: RuntimeContext,
  options: { readonly limit?: number } = {},
): Promise<PendingReport> {
  const rows = await claimPending(ctx.db, ctx.clock.now(), options.limit ?? 200, LEASE_MS);
  const counts: Record<Result, number> = { captured: 0, quarantined: 0, waiting: 0 };
  const atQuota = new Set<string>();
  for (const row of rows) {
    try {
      counts[await processOne(ctx, row, atQuota)] += 1;
    } catch (error) {
      const retryAt = new Date(ctx.clock.now().getTime() + backoff(row.attempts));
      await reschedulePending(ctx.db, row.tenantId, row.id, retryAt, String((error as Error).message).slice(0, 500));
      counts.waiting += 1;
    }
  }
  return counts;
}

/** Forgets counter windows older than an hour, idempotency answers and spent captcha tokens older than a day. */
export async function pruneCaptureState(ctx: RuntimeContext): Promise<void> {
  const now = ctx.clock.now().getTime();
  const hourAgo = new Date(now - 60 * 60 * 1000).toISOString();
  const dayAgo = new Date(now - 24 * 60 * 60 * 1000).toISOString();
  await query(ctx.db, sql`DELETE FROM capture_counters WHERE window_start < ${hourAgo}::timestamptz`);
  await query(ctx.db, sql`DELETE FROM capture_idempotency WHERE created_at < ${dayAgo}::timestamptz`);
  await query(ctx.db, sql`DELETE FROM capture_captcha_tokens WHERE used_at < ${dayAgo}::timestamptz`);
}

/**
 * Runs the pending-queue processor every `intervalMs` (and prunes old capture state every
 * hundred runs) until `stop()`. One run at a time per process; errors are logged, never thrown.
 */
export function startCaptureProcessor(
  ctx: RuntimeContext,
  options: { readonly intervalMs?: number; readonly log?: (message: string) => void } = {},
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let runs = 0;
  const log = options.log ?? ((m: string) => console.error(m));
  const tick = () => {
    if (running) return;
    running = (async () => {
      try {
        await processPendingCaptures(ctx);
        if (runs++ % 100 === 0) await pruneCaptureState(ctx);
      } catch (error) {
        log(`capture processor: ${(error as Error).message}`);
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(tick, options.intervalMs ?? 5000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
