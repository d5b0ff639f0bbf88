import { enqueueJob, type LeadPoolDefinition, type SqlExecutor } from '@leadforge/engine';

/** A lead not claimed, or claimed and not accepted, in time (the pool's acceptWithinHours). */
export const POOL_ACCEPT_TIMEOUT = 'pool.accept-timeout';
/** An accepted lead with no activity or stage change in time (the pool's followUpWithinHours). */
export const POOL_FOLLOW_UP_TIMEOUT = 'pool.follow-up-timeout';

export interface PoolTimeoutPayload {
  readonly pool: string;
  readonly recordId: string;
  /** The entry's epoch when the timer was armed: a later transition disarms it. */
  readonly epoch: number;
}

const HOUR_MS = 3_600_000;

/** Arms the timer that fits the entry's new status, in the caller's transaction. */
export async function armPoolTimer(
  tx: SqlExecutor,
  tenantId: string,
  pool: LeadPoolDefinition,
  entry: { readonly recordId: string; readonly status: string; readonly epoch: number },
  now: Date,
): Promise<void> {
  const hours =
    entry.status === 'unassigned' || entry.status === 'pending'
      ? pool.acceptWithinHours
      : entry.status === 'in_progress'
        ? pool.followUpWithinHours
        : undefined;
  if (hours === undefined) return;
  const kind = entry.status === 'in_progress' ? POOL_FOLLOW_UP_TIMEOUT : POOL_ACCEPT_TIMEOUT;
  const payload: PoolTimeoutPayload = { pool: pool.id, recordId: entry.recordId, epoch: entry.epoch };
  await enqueueJob(
    tx,
    {
      tenantId,
      kind,
      key: `${pool.id}:${entry.recordId}:${entry.epoch}`,
      payload,
      runAt: new Date(now.getTime() + hours * HOUR_MS),
      maxAttempts: 10,
    },
    now,
  );
}
