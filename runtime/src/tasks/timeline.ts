import { getRecord as getRow, LeadforgeError } from '@leadforge/engine';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { objectAccessOrThrow } from '../records/recordAccess.js';
import { onlyParamsOrThrow, recordIdOrThrow } from '../records/recordInput.js';

/** Event types whose story the timeline tells from their own rows (stays, activities, tasks, approvals). */
const TOLD_ELSEWHERE = [
  'stage.changed',
  'activity.logged',
  'task.created',
  'task.updated',
  'task.completed',
  'approval.requested',
  'approval.decided',
];

/** One entry of a record's timeline, newest first. */
export interface TimelineItem {
  readonly type: 'event' | 'activity' | 'task' | 'stage' | 'approval' | 'approval-decision';
  readonly id: string;
  readonly at: string;
  readonly data: Record<string, unknown>;
}

interface Row {
  type: TimelineItem['type'];
  id: string;
  at: Date | string;
  at_us: string;
  k: string;
  data: Record<string, unknown>;
}

const ITEMS = `
SELECT 'event' AS type, e.id::text AS id, e.at, 'e' || e.id::text AS k,
  jsonb_build_object('event', e.type, 'data', e.data) AS data
FROM events e WHERE e.tenant_id = $1 AND e.record_id = $2 AND NOT (e.type = ANY($3::text[]))
UNION ALL
SELECT 'activity', a.id::text, a.occurred_at, 'a' || a.id::text,
  jsonb_build_object('kind', a.kind, 'outcome', a.outcome, 'summary', a.summary, 'durationMinutes', a.duration_minutes,
    'taskId', a.task_id, 'actor', a.actor_id)
FROM activities a WHERE a.tenant_id = $1 AND a.record_id = $2
UNION ALL
SELECT 'task', t.id::text, t.created_at, 't' || t.id::text,
  jsonb_build_object('title', t.title, 'kind', t.kind, 'priority', t.priority, 'status', t.status,
    'assignee', t.assignee_id, 'dueAt', t.due_at, 'completedAt', t.completed_at, 'outcome', t.outcome,
    'createdBy', t.created_by)
FROM tasks t WHERE t.tenant_id = $1 AND t.record_id = $2
UNION ALL
SELECT 'stage', s.id::text, s.entered_at, 's' || s.id::text,
  jsonb_build_object('pipeline', s.pipeline, 'from', s.from_stage, 'to', s.stage, 'reason', s.reason,
    'comment', s.comment, 'by', s.entered_by, 'exitedAt', s.exited_at, 'durationMs', s.duration_ms,
    'approvalId', s.approval_id)
FROM stage_history s WHERE s.tenant_id = $1 AND s.record_id = $2
UNION ALL
SELECT 'approval', p.id::text, p.requested_at, 'p' || p.id::text,
  jsonb_build_object('status', p.status, 'kind', p.kind, 'pipeline', p.pipeline, 'from', p.from_stage, 'to', p.to_stage,
    'request', p.request, 'approverRole', p.approver_role, 'approverId', p.approver_id, 'requestedBy', p.requested_by)
FROM approvals p WHERE p.tenant_id = $1 AND p.record_id = $2
UNION ALL
SELECT 'approval-decision', p.id::text, p.decided_at, 'q' || p.id::text,
  jsonb_build_object('decision', p.status, 'comment', p.decision_comment, 'decidedBy', p.decided_by, 'to', p.to_stage)
FROM approvals p WHERE p.tenant_id = $1 AND p.record_id = $2 AND p.decided_at IS NOT NULL`;

function cursorOrThrow(value: unknown): { atUs: string; k: string } | undefined {
  if (value === undefined) return undefined;
  const bad = () =>
    new LeadforgeError('MALFORMED', 'cursor is not one this timeline gave', [
      { path: '/cursor', message: 'is invalid' },
    ]);
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(value)) throw bad();
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const m = /^(-?\d{1,20})\|([aetspq][0-9a-f-]{36})$/.exec(text);
  if (!m) throw bad();
  return { atUs: m[1]!, k: m[2]! };
}

/**
 * `GET /api/v1/records/:object/:id/timeline?limit=&cursor=`: everything that happened to a record —
 * its events (form submissions, tracked visits, conversions…), activities, tasks, stage moves and
 * approvals — newest first, a page at a time. Only for a record the caller may see.
 */
export async function recordTimeline(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  id: string,
  params: Record<string, unknown>,
): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  onlyParamsOrThrow(params, ['limit', 'cursor']);
  const rawLimit = params['limit'];
  const limit = rawLimit === undefined ? 50 : /^\d{1,3}$/.test(String(rawLimit)) ? Number(rawLimit) : 0;
  if (limit < 1 || limit > 200)
    throw new LeadforgeError('MALFORMED', 'limit is a whole number from 1 to 200', [
      { path: '/limit', message: 'must be 1 to 200' },
    ]);
  const cursor = cursorOrThrow(params['cursor']);
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'read');
  const recordId = recordIdOrThrow(id);
  const row = await getRow(ctx.db, {
    tenantId: actor.tenantId,
    object: objectName,
    id: recordId,
    scope: access.scope,
    includeDeleted: true,
  });
  if (!row) throw new LeadforgeError('NOT_FOUND', 'record not found');
  const { rows } = await ctx.db.query<Row>(
    `SELECT type, id, at, (extract(epoch FROM at) * 1000000)::bigint::text AS at_us, k, data FROM (${ITEMS}) x
     WHERE $4::bigint IS NULL OR ((extract(epoch FROM at) * 1000000)::bigint, k) < ($4::bigint, $5::text)
     ORDER BY at DESC, k DESC LIMIT $6`,
    [actor.tenantId, recordId, TOLD_ELSEWHERE, cursor?.atUs ?? null, cursor?.k ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? Buffer.from(`${last.at_us}|${last.k}`, 'utf8').toString('base64url') : null;
  return {
    items: page.map((r) => ({ type: r.type, id: r.id, at: new Date(r.at).toISOString(), data: r.data })),
    nextCursor,
  };
}
