import type { SqlExecutor } from '../store/types.js';
import { JOB_COLUMNS, type JobRow, jobRecordFromRow } from './jobRow.js';
import type { JobRecord, JobState } from './types.js';

/** One job, or null once it completed (completed jobs are deleted). */
export async function getJob(db: SqlExecutor, tenantId: string, id: string): Promise<JobRecord | null> {
  const { rows } = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE tenant_id = $1 AND id = $2::bigint`, [
    tenantId,
    id,
  ]);
  const row = rows[0];
  return row ? jobRecordFromRow(row) : null;
}

export interface ListJobsOptions {
  readonly state?: JobState;
  readonly kind?: string;
  readonly limit?: number;
}

/** A tenant's jobs, oldest first: pending ones (timers, deliveries waiting to retry) or failed ones. */
export async function listJobs(db: SqlExecutor, tenantId: string, options: ListJobsOptions = {}): Promise<JobRecord[]> {
  const { rows } = await db.query<JobRow>(
    `SELECT ${JOB_COLUMNS} FROM jobs
     WHERE tenant_id = $1 AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR kind = $3)
     ORDER BY id LIMIT $4`,
    [tenantId, options.state ?? null, options.kind ?? null, options.limit ?? 100],
  );
  return rows.map(jobRecordFromRow);
}

/** Puts failed jobs back in the queue as new (attempts reset), due at `now`; returns how many. */
export async function retryFailedJobs(
  db: SqlExecutor,
  tenantId: string,
  ids: readonly string[],
  now: Date,
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE jobs SET state = 'pending', attempt = 0, run_at = $3, last_error = NULL
     WHERE tenant_id = $1 AND id = ANY($2::bigint[]) AND state = 'failed'`,
    [tenantId, ids, now],
  );
  return rowCount;
}

/** Counts jobs by state for one tenant, or all tenants when `tenantId` is null (health checks, tests). */
export async function countJobs(db: SqlExecutor, tenantId: string | null): Promise<Record<JobState, number>> {
  const { rows } = await db.query<{ state: JobState; n: number }>(
    `SELECT state, count(*)::int AS n FROM jobs WHERE ($1::text IS NULL OR tenant_id = $1) GROUP BY state`,
    [tenantId],
  );
  const counts: Record<JobState, number> = { pending: 0, failed: 0 };
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}
