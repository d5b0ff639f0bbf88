import { enqueueJob } from '../jobs/enqueueJob.js';
import type { EnqueuedJob } from '../jobs/types.js';
import type { SqlExecutor } from '../store/types.js';
import { DELIVERY_MAX_ATTEMPTS } from './backoff.js';
import type { DeliveryMessage } from './types.js';

/** The job kind of outbox deliveries; the runtime's delivery handler runs it. */
export const DELIVERY_JOB_KIND = 'delivery';

/** Claims allowed beyond the retry schedule, for attempts lost to a worker that was killed. */
const CRASH_ALLOWANCE = 3;

/** What a delivery job carries. */
export interface DeliveryPayload {
  readonly endpointId: string;
  readonly message: DeliveryMessage;
}

export interface OutboxEntry {
  readonly tenantId: string;
  readonly endpointId: string;
  readonly message: DeliveryMessage;
  /** Send later than now (a delayed automation step); default: as soon as a worker is free. */
  readonly runAt?: Date;
}

/** The per-target concurrency key of an endpoint's deliveries. */
export function deliveryTarget(tenantId: string, endpointId: string): string {
  return `endpoint:${tenantId}:${endpointId}`;
}

/**
 * Puts a delivery in the outbox through the caller's executor. Call it with the transaction
 * that makes the change being announced: the message commits with the change, a rollback never
 * sends, and a crash after commit still sends (the job is durable). Idempotent per endpoint and
 * message id.
 */
export async function enqueueDelivery(tx: SqlExecutor, entry: OutboxEntry, now: Date): Promise<EnqueuedJob> {
  const payload: DeliveryPayload = { endpointId: entry.endpointId, message: entry.message };
  return enqueueJob(
    tx,
    {
      tenantId: entry.tenantId,
      kind: DELIVERY_JOB_KIND,
      key: `${entry.endpointId}:${entry.message.id}`,
      target: deliveryTarget(entry.tenantId, entry.endpointId),
      payload,
      runAt: entry.runAt ?? now,
      maxAttempts: DELIVERY_MAX_ATTEMPTS + CRASH_ALLOWANCE,
    },
    now,
  );
}

/** A delivery still in the outbox: waiting for its first attempt, retrying, or failed for good. */
export interface QueuedDelivery {
  readonly jobId: string;
  readonly messageId: string;
  readonly event: string;
  /** `pending`: not tried yet; `retrying`: tried and due again at `nextAttemptAt`; `failed`: given up. */
  readonly status: 'pending' | 'retrying' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  /** When the next attempt is due (a claimed job: when its lease runs out); null once failed. */
  readonly nextAttemptAt: Date | null;
  readonly createdAt: Date;
}

interface QueuedDeliveryRow {
  id: string;
  payload: DeliveryPayload;
  state: 'pending' | 'failed';
  run_at: Date | string;
  attempt: number;
  last_error: string | null;
  created_at: Date | string;
}

function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * An endpoint's deliveries still in the outbox, newest first: the ones waiting or retrying and
 * the ones that failed for good (delivered ones leave the outbox).
 */
export async function listEndpointDeliveries(
  db: SqlExecutor,
  tenantId: string,
  endpointId: string,
  limit = 50,
): Promise<QueuedDelivery[]> {
  const { rows } = await db.query<QueuedDeliveryRow>(
    `SELECT id::text AS id, payload, state, run_at, attempt, last_error, created_at FROM jobs
     WHERE tenant_id = $1 AND kind = $2 AND target = $3
     ORDER BY id DESC LIMIT $4`,
    [tenantId, DELIVERY_JOB_KIND, deliveryTarget(tenantId, endpointId), limit],
  );
  return rows.map((row) => ({
    jobId: row.id,
    messageId: row.payload.message.id,
    event: row.payload.message.event,
    status: row.state === 'failed' ? 'failed' : row.attempt === 0 ? 'pending' : 'retrying',
    attempts: row.attempt,
    lastError: row.last_error,
    nextAttemptAt: row.state === 'failed' ? null : asDate(row.run_at),
    createdAt: asDate(row.created_at),
  }));
}

/** Drops an endpoint's deliveries that failed for good (when it is deleted); pending ones stay and fail on their own. */
export async function deleteFailedDeliveries(db: SqlExecutor, tenantId: string, endpointId: string): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM jobs WHERE tenant_id = $1 AND kind = $2 AND target = $3 AND state = 'failed'`,
    [tenantId, DELIVERY_JOB_KIND, deliveryTarget(tenantId, endpointId)],
  );
  return rowCount;
}
