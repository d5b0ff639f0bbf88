import { LeadforgeError } from '../errors/types.js';
import type { SqlExecutor } from '../store/types.js';
import type { EnqueuedJob, NewJob } from './types.js';

/** Claims before a job is given up when the job itself sets no limit. */
export const DEFAULT_MAX_ATTEMPTS = 25;

const INSERT = `INSERT INTO jobs (tenant_id, kind, key, target, payload, run_at, max_attempts, created_at)
VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
ON CONFLICT (tenant_id, kind, key) WHERE key IS NOT NULL DO NOTHING
RETURNING id::text AS id`;

const EXISTING = 'SELECT id::text AS id FROM jobs WHERE tenant_id = $1 AND kind = $2 AND key = $3';

function checkJob(job: NewJob): void {
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new LeadforgeError('MALFORMED', `maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  if (Number.isNaN(job.runAt.getTime())) throw new LeadforgeError('MALFORMED', 'runAt is not a valid time');
}

/**
 * Writes a job through the caller's executor — pass the transaction that makes the change, so
 * the job commits with it and a rollback never leaves a job behind (the outbox pattern).
 * With a `key`, a second enqueue of the same kind and key is a no-op returning the first job's id.
 */
export async function enqueueJob(tx: SqlExecutor, job: NewJob, now: Date): Promise<EnqueuedJob> {
  checkJob(job);
  const { rows } = await tx.query<{ id: string }>(INSERT, [
    job.tenantId,
    job.kind,
    job.key ?? null,
    job.target ?? null,
    JSON.stringify(job.payload ?? null),
    job.runAt,
    job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    now,
  ]);
  const inserted = rows[0];
  if (inserted) return { id: inserted.id, created: true };
  const existing = await tx.query<{ id: string }>(EXISTING, [job.tenantId, job.kind, job.key]);
  const found = existing.rows[0];
  if (!found) throw new LeadforgeError('INTERNAL', `job ${job.kind}/${job.key} conflicted but cannot be found`);
  return { id: found.id, created: false };
}

const INSERT_MANY = `INSERT INTO jobs (tenant_id, kind, key, target, payload, run_at, max_attempts, created_at)
SELECT t, k, key, target, p::jsonb, r, m, $8
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::int[])
  AS n(t, k, key, target, p, r, m)
ON CONFLICT (tenant_id, kind, key) WHERE key IS NOT NULL DO NOTHING`;

/** Writes many jobs in one statement (imports, benches); keyed duplicates are skipped. Returns how many were written. */
export async function enqueueJobs(tx: SqlExecutor, jobs: readonly NewJob[], now: Date): Promise<number> {
  if (jobs.length === 0) return 0;
  for (const job of jobs) checkJob(job);
  const { rowCount } = await tx.query(INSERT_MANY, [
    jobs.map((j) => j.tenantId),
    jobs.map((j) => j.kind),
    jobs.map((j) => j.key ?? null),
    jobs.map((j) => j.target ?? null),
    jobs.map((j) => JSON.stringify(j.payload ?? null)),
    jobs.map((j) => j.runAt.toISOString()),
    jobs.map((j) => j.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    now,
  ]);
  return rowCount;
}
