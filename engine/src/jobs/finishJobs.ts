import type { SqlExecutor } from '../store/types.js';
import { LeaseLostError } from './leaseLostError.js';
import type { JobClaim } from './types.js';

// Every write that finishes a job names the lease it was claimed with: a worker whose lease ran
// out and whose job was claimed again matches no row, so its late result changes nothing.

const COMPLETE_MANY = `DELETE FROM jobs AS j
USING unnest($1::text[], $2::bigint[], $3::int[]) AS c(tenant_id, id, lease)
WHERE j.tenant_id = c.tenant_id AND j.id = c.id AND j.lease = c.lease AND j.state = 'pending'
RETURNING j.tenant_id, j.id::text AS id`;

const COMPLETE_ONE = `DELETE FROM jobs WHERE tenant_id = $1 AND id = $2::bigint AND lease = $3 AND state = 'pending'`;

const RETRY = `UPDATE jobs SET run_at = $4, locked_by = NULL, last_error = $5
WHERE tenant_id = $1 AND id = $2::bigint AND lease = $3 AND state = 'pending'`;

const FAIL = `UPDATE jobs SET state = 'failed', locked_by = NULL, last_error = $4
WHERE tenant_id = $1 AND id = $2::bigint AND lease = $3 AND state = 'pending'`;

const RELEASE = `UPDATE jobs AS j SET attempt = j.attempt - 1, run_at = $4, locked_by = NULL
FROM unnest($1::text[], $2::bigint[], $3::int[]) AS c(tenant_id, id, lease)
WHERE j.tenant_id = c.tenant_id AND j.id = c.id AND j.lease = c.lease AND j.state = 'pending'`;

function key(tenantId: string, id: string): string {
  return `${tenantId}\u0000${id}`;
}

/** Deletes finished jobs in one statement; returns the claims that still held their lease. */
export async function completeJobs<C extends JobClaim>(db: SqlExecutor, claims: readonly C[]): Promise<C[]> {
  if (claims.length === 0) return [];
  const { rows } = await db.query<{ tenant_id: string; id: string }>(COMPLETE_MANY, [
    claims.map((c) => c.tenantId),
    claims.map((c) => c.id),
    claims.map((c) => c.lease),
  ]);
  const done = new Set(rows.map((r) => key(r.tenant_id, r.id)));
  return claims.filter((c) => done.has(key(c.tenantId, c.id)));
}

/**
 * Completes one job inside the caller's transaction, so the job's own database effects commit
 * with its completion or not at all. Throws LeaseLostError when the claim is stale; the caller's
 * transaction then rolls back and its effects never happen.
 */
export async function completeJobOrThrow(tx: SqlExecutor, claim: JobClaim): Promise<void> {
  const { rowCount } = await tx.query(COMPLETE_ONE, [claim.tenantId, claim.id, claim.lease]);
  if (rowCount !== 1) throw new LeaseLostError(claim);
}

/** Puts a job back to run at `at` (a retry); false when the claim was stale. */
export async function retryJob(db: SqlExecutor, claim: JobClaim, at: Date, error: string): Promise<boolean> {
  const { rowCount } = await db.query(RETRY, [claim.tenantId, claim.id, claim.lease, at, error]);
  return rowCount === 1;
}

/** Marks a job failed for good (kept for operators, see `retryFailedJobs`); false when the claim was stale. */
export async function failJob(db: SqlExecutor, claim: JobClaim, error: string): Promise<boolean> {
  const { rowCount } = await db.query(FAIL, [claim.tenantId, claim.id, claim.lease, error]);
  return rowCount === 1;
}

/** Hands claimed jobs back untouched (not counted as an attempt), due at `now`. */
export async function releaseJobs(db: SqlExecutor, claims: readonly JobClaim[], now: Date): Promise<number> {
  if (claims.length === 0) return 0;
  const { rowCount } = await db.query(RELEASE, [
    claims.map((c) => c.tenantId),
    claims.map((c) => c.id),
    claims.map((c) => c.lease),
    now,
  ]);
  return rowCount;
}
