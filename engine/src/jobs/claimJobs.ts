import type { SqlExecutor } from '../store/types.js';
import { claimedJobFromRow, type JobRow } from './jobRow.js';
import type { ClaimedJob, ClaimOptions } from './types.js';

// One statement: pick due rows no other worker holds, then take them for the lease. A claimed
// row's run_at becomes its lease expiry, so a dead worker's jobs simply fall due again.
const CLAIM = `WITH due AS (
  SELECT tenant_id, id FROM jobs
  WHERE state = 'pending' AND run_at <= $1 AND kind = ANY($2::text[])
    AND (target IS NULL OR target <> ALL($3::text[]))
  ORDER BY run_at
  LIMIT $4
  FOR UPDATE SKIP LOCKED
)
UPDATE jobs AS j
SET attempt = j.attempt + 1, lease = j.lease + 1, run_at = $5, locked_by = $6
FROM due
WHERE j.tenant_id = due.tenant_id AND j.id = due.id
RETURNING j.tenant_id, j.id::text AS id, j.kind, j.key, j.target, j.payload, j.state, j.run_at, j.attempt,
  j.max_attempts, j.lease, j.locked_by, j.last_error, j.created_at`;

/**
 * Takes up to `limit` due jobs for `leaseMs`. Any number of workers in any number of processes
 * may call this at once: `SKIP LOCKED` hands each row to one of them.
 */
export async function claimJobs(db: SqlExecutor, options: ClaimOptions): Promise<ClaimedJob[]> {
  if (options.limit <= 0 || options.kinds.length === 0) return [];
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const { rows } = await db.query<JobRow>(CLAIM, [
    options.now,
    options.kinds,
    options.busyTargets ?? [],
    options.limit,
    leaseUntil,
    options.workerId,
  ]);
  return rows.map(claimedJobFromRow);
}
