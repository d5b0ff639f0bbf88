import { type CapturedRecord, scoreCaptured } from '../capture/afterCapture.js';
import type { RuntimeContext } from '../context.js';

/**
 * Rescores the records whose scoring after a capture failed (marked in `scoring_pending` by
 * scoreAfterWrite), `batchSize` at a time, each batch in one transaction that also clears its
 * marks (SKIP LOCKED, so processes share them). A batch that fails again stays marked for the next
 * tick. Answers the records scored.
 */
export async function drainPendingScoring(
  ctx: RuntimeContext,
  tenantId: string,
  batchSize = 500,
  maxBatches = 20,
): Promise<number> {
  const published = await ctx.apps.current(tenantId);
  if (!published) return 0;
  let done = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const n = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ record_id: string; cause: Record<string, unknown> }>(
        `SELECT record_id, cause FROM scoring_pending WHERE tenant_id = $1
          ORDER BY record_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [tenantId, batchSize],
      );
      if (rows.length === 0) return 0;
      const captured: CapturedRecord[] = rows.map((r) => ({
        recordId: r.record_id,
        ...(typeof r.cause['eventId'] === 'string' ? { eventId: r.cause['eventId'] } : {}),
        ...(typeof r.cause['visitorId'] === 'string' ? { visitorId: r.cause['visitorId'] } : {}),
      }));
      await scoreCaptured(tx, published, captured, ctx.clock.now());
      await tx.query('DELETE FROM scoring_pending WHERE tenant_id = $1 AND record_id = ANY($2::uuid[])', [
        tenantId,
        rows.map((r) => r.record_id),
      ]);
      return rows.length;
    });
    done += n;
    if (n < batchSize) break;
  }
  return done;
}
