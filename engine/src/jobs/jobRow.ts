import type { ClaimedJob, JobRecord, JobState } from './types.js';

/** The columns every job query returns, in the shape `claimedJobFromRow` and `jobRecordFromRow` read. */
export const JOB_COLUMNS = `tenant_id, id::text AS id, kind, key, target, payload, state, run_at, attempt,
  max_attempts, lease, locked_by, last_error, created_at`;

export interface JobRow {
  tenant_id: string;
  id: string;
  kind: string;
  key: string | null;
  target: string | null;
  payload: unknown;
  state: JobState;
  run_at: Date | string;
  attempt: number;
  max_attempts: number;
  lease: number;
  locked_by: string | null;
  last_error: string | null;
  created_at: Date | string;
}

function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function claimedJobFromRow(row: JobRow): ClaimedJob {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    kind: row.kind,
    key: row.key,
    target: row.target,
    payload: row.payload,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    lease: row.lease,
    leaseUntil: asDate(row.run_at),
    createdAt: asDate(row.created_at),
    lastError: row.last_error,
  };
}

export function jobRecordFromRow(row: JobRow): JobRecord {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    kind: row.kind,
    key: row.key,
    target: row.target,
    payload: row.payload,
    state: row.state,
    runAt: asDate(row.run_at),
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    lockedBy: row.locked_by,
    lastError: row.last_error,
    createdAt: asDate(row.created_at),
  };
}
