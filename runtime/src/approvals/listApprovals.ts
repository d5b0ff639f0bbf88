import { type CompiledApp, LeadforgeError, query, type SqlFragment, scopeCondition, sql } from '@leadforge/engine';
import { isAdmin, objectPermission, rowScope } from '../access/permissions.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { choiceOrThrow } from '../pipelines/textInput.js';
import { onlyParamsOrThrow } from '../records/recordInput.js';
import { type ApiApproval, type ApprovalDbRow, approvalColumnsSql, toApiApproval } from './approvalRow.js';

const STATUSES = ['pending', 'approved', 'rejected', 'all'] as const;

/** Approvals the actor may decide: named as the manager, or holding the role with the record in scope. */
function decidableBy(app: CompiledApp, actor: Actor): SqlFragment {
  if (isAdmin(app, actor)) return sql`TRUE`;
  const byRole = Object.keys(app.objects)
    .map((object) => {
      const permission = objectPermission(app, actor, object);
      return permission?.read ? sql`(a.object = ${object} AND ${scopeCondition(rowScope(permission, actor))})` : null;
    })
    .filter((f): f is SqlFragment => f !== null);
  const inScope = byRole.length === 0 ? sql`FALSE` : byRole.reduce((x, y) => sql`${x} OR ${y}`);
  return sql`(a.approver_id = ${actor.userId}::uuid OR (a.approver_role = ${actor.role} AND (${inScope})))`;
}

/** `GET /api/v1/approvals?status=pending&limit=50`: the approvals waiting for (or decided by) people like the caller, newest first. */
export async function listApprovals(
  ctx: RuntimeContext,
  actor: Actor,
  params: Record<string, unknown>,
): Promise<{ approvals: ApiApproval[] }> {
  onlyParamsOrThrow(params, ['status', 'limit']);
  const status = choiceOrThrow(params['status'], '/status', STATUSES) ?? 'pending';
  const rawLimit = params['limit'];
  const limit = rawLimit === undefined ? 50 : /^\d{1,3}$/.test(String(rawLimit)) ? Number(rawLimit) : 0;
  if (limit < 1 || limit > 200)
    throw new LeadforgeError('MALFORMED', 'limit is a whole number from 1 to 200', [
      { path: '/limit', message: 'must be 1 to 200' },
    ]);
  const published = await ctx.apps.current(actor.tenantId);
  if (!published) return { approvals: [] };
  const rows = await query<ApprovalDbRow>(
    ctx.db,
    sql`SELECT ${approvalColumnsSql()} FROM approvals a
JOIN records r ON r.tenant_id = a.tenant_id AND r.id = a.record_id
WHERE a.tenant_id = ${actor.tenantId} AND (${status === 'all'}::boolean OR a.status = ${status})
  AND ${decidableBy(published.app, actor)}
ORDER BY a.requested_at DESC, a.id DESC LIMIT ${limit}::int`,
  );
  return { approvals: rows.map(toApiApproval) };
}
