import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { getRecord } from '../records/recordService.js';

interface AssignmentRow {
  id: string;
  routing: string | null;
  rule_id: string | null;
  strategy: string | null;
  owner_id: string | null;
  previous_owner_id: string | null;
  pool_id: string | null;
  reason: string;
  skipped: unknown;
  cause: string;
  actor_id: string | null;
  at: Date | string;
}

/**
 * Why a record has its owner: every routing decision about it, newest first, with the rule and
 * strategy that chose, the sentence explaining it and who was passed over. Same scope as reading
 * the record (a record the caller may not see is NOT_FOUND).
 */
export async function listAssignments(ctx: RuntimeContext, actor: Actor, object: string, id: string) {
  const record = await getRecord(ctx, actor, object, id);
  const { rows } = await ctx.db.query<AssignmentRow>(
    `SELECT id::text AS id, routing, rule_id, strategy, owner_id, previous_owner_id, pool_id, reason, skipped, cause, actor_id, at
       FROM routing_assignments WHERE tenant_id = $1 AND record_id = $2 ORDER BY id DESC LIMIT 200`,
    [actor.tenantId, record.id],
  );
  return {
    assignments: rows.map((r) => ({
      id: r.id,
      routing: r.routing,
      ruleId: r.rule_id,
      strategy: r.strategy,
      ownerId: r.owner_id,
      previousOwnerId: r.previous_owner_id,
      poolId: r.pool_id,
      reason: r.reason,
      skipped: r.skipped,
      cause: r.cause,
      actorId: r.actor_id,
      at: new Date(r.at).toISOString(),
    })),
  };
}
