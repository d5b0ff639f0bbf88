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
