import type { RuntimeContext } from '../context.js';
import { DISPATCH_BATCH, dispatchInboxBatch } from './dispatchInbox.js';
import { DISPATCH_JOB } from './runStore.js';

/** Batch loops one drain pass runs side by side (each its own transactions, disjoint rows through SKIP LOCKED). */
export const DRAIN_LOOPS = 4;
/** Waiting dispatch jobs one pass completes at most (the rest run and join a later pass). */
const COVERED_JOBS = 10_000;

interface TenantDrain {
  running: Promise<number> | null;
  next: Promise<number> | null;
}

const drains = new WeakMap<RuntimeContext, Map<string, TenantDrain>>();

/** One batch in its own transaction; answers how many inbox rows it took. */
async function dispatchOnce(ctx: RuntimeContext, tenantId: string): Promise<number> {
  // read before the transaction: a cache miss needs a pool connection of its own
  const published = await ctx.apps.current(tenantId);
  return ctx.db.transaction((tx) => dispatchInboxBatch(ctx, tx, tenantId, published));
}

/** One loop: batches until one finds fewer rows than it may take. */
async function drainLoop(ctx: RuntimeContext, tenantId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const taken = await dispatchOnce(ctx, tenantId);
    total += taken;
    if (taken < DISPATCH_BATCH) return total;
  }
}

/**
 * At the start of a pass: whether the tenant's inbox holds a row no dispatcher holds, and the
 * dispatch jobs no worker has claimed yet — their writers committed before the pass began, so
 * the pass covers their rows. One statement, no transaction.
 */
async function inboxAtStart(ctx: RuntimeContext, tenantId: string): Promise<{ free: boolean; waiting: string[] }> {
  const { rows } = await ctx.db.query<{ free: boolean; waiting: string[] }>(
    `SELECT EXISTS (SELECT 1 FROM automation_inbox WHERE tenant_id = $1 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) AS free,
       ARRAY(SELECT id::text FROM jobs WHERE tenant_id = $1 AND kind = $2 AND key IS NOT NULL AND state = 'pending'
         AND locked_by IS NULL LIMIT $3) AS waiting`,
    [tenantId, DISPATCH_JOB, COVERED_JOBS],
  );
  return { free: rows[0]!.free, waiting: rows[0]!.waiting };
}

/**
 * After a pass: deletes the dispatch jobs it covered that no worker has claimed since (a claimed
 * one runs and joins the next pass). Each inbox row is still taken once: rows are only ever
 * taken by a committed dispatch transaction, and a row another dispatcher held during the pass
 * stays with that dispatcher's own claimed jobs, which run again if it fails.
 */
async function completeCoveredJobs(ctx: RuntimeContext, tenantId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.db.query(
    `DELETE FROM jobs WHERE tenant_id = $1 AND id IN (
       SELECT id FROM jobs WHERE tenant_id = $1 AND id = ANY($2::bigint[]) AND kind = $3 AND state = 'pending'
         AND locked_by IS NULL FOR UPDATE SKIP LOCKED)`,
    [tenantId, ids, DISPATCH_JOB],
  );
}

/**
 * One pass over the inbox: nothing when no row is free (the common case for the later jobs of a
 * burst), one batch when that takes all there is, else DRAIN_LOOPS loops side by side; it ends
 * when all have ended, and fails if one failed. A pass that ends well also completes the
 * dispatch jobs that were waiting when it began: a burst of writes is one pass, not one per job.
 */
async function drainPass(ctx: RuntimeContext, tenantId: string): Promise<number> {
  const { free, waiting } = await inboxAtStart(ctx, tenantId);
  const total = free ? await takeAll(ctx, tenantId) : 0;
  await completeCoveredJobs(ctx, tenantId, waiting);
  return total;
}

async function takeAll(ctx: RuntimeContext, tenantId: string): Promise<number> {
  const first = await dispatchOnce(ctx, tenantId);
  if (first < DISPATCH_BATCH) return first;
  const loops = await Promise.allSettled(Array.from({ length: DRAIN_LOOPS }, () => drainLoop(ctx, tenantId)));
  let total = first;
  for (const loop of loops) {
    if (loop.status === 'rejected') throw loop.reason;
    total += loop.value;
  }
  return total;
}

/**
 * Drains a tenant's inbox with a pass that starts after this call (so it sees every inbox row
 * committed before it) and answers how many rows the pass took; rows other dispatchers hold are
 * theirs to finish. Callers in one process share passes: while one runs, every caller waits for
 * the single pass that starts after it — a burst of writing transactions, each with its own
 * `automation.dispatch` job, costs a few passes instead of one transaction per job. A pass that
 * fails rejects every caller waiting for it (their jobs are retried).
 */
export function drainInbox(ctx: RuntimeContext, tenantId: string): Promise<number> {
  const byTenant = drains.get(ctx) ?? new Map<string, TenantDrain>();
  drains.set(ctx, byTenant);
  const state = byTenant.get(tenantId) ?? { running: null, next: null };
  byTenant.set(tenantId, state);
  const start = (): Promise<number> => {
    const pass = drainPass(ctx, tenantId);
    state.running = pass;
    const clear = () => {
      if (state.running === pass) state.running = null;
    };
    pass.then(clear, clear);
    return pass;
  };
  if (state.next) return state.next;
  if (!state.running) return start();
  state.next = state.running
    .catch(() => 0)
    .then(() => {
      state.next = null;
      return start();
    });
  return state.next;
}
