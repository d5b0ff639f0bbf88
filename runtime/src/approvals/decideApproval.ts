import { type CompiledApp, getRecord as getRow, LeadforgeError, type SqlExecutor } from '@leadforge/engine';
import { planTransition } from '../../../engine/src/pipelines/index.js';
import { isAdmin, objectPermission, rowScope } from '../access/permissions.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { applyMove } from '../pipelines/applyMove.js';
import { lockRecordOrThrow, ruleDataOf } from '../pipelines/lockedRecord.js';
import { pipelineOrThrow } from '../pipelines/pipelines.js';
import { appendRecordEvents } from '../pipelines/recordEvents.js';
import { textOrThrow } from '../pipelines/textInput.js';
import { envelopeOrThrow, UUID } from '../records/recordInput.js';
import { APPROVAL_COLUMNS, type ApiApproval, type ApprovalDbRow, toApiApproval } from './approvalRow.js';

export type Decision = 'approved' | 'rejected';

function notFound(): LeadforgeError {
  return new LeadforgeError('NOT_FOUND', 'approval not found');
}

/** True when the actor's role lets them read the record (its object, inside their row scope). */
async function seesRecord(db: SqlExecutor, app: CompiledApp, actor: Actor, a: ApprovalDbRow): Promise<boolean> {
  const permission = objectPermission(app, actor, a.object);
  if (!permission?.read) return false;
  const row = await getRow(db, {
    tenantId: actor.tenantId,
    object: a.object,
    id: a.record_id,
    scope: rowScope(permission, actor),
    includeDeleted: true,
  });
  return row !== null;
}

/**
 * Who may decide: an admin; the owner's manager named on the approval; a user holding the
 * approval's role who can see the record. Nobody approves their own request (they may reject it,
 * which withdraws it). Someone who cannot see the record learns nothing (404).
 */
async function mayDecideOrThrow(
  db: SqlExecutor,
  app: CompiledApp,
  actor: Actor,
  a: ApprovalDbRow,
  decision: Decision,
): Promise<void> {
  const sees = await seesRecord(db, app, actor, a);
  const named = a.approver_id === actor.userId;
  if (!sees && !named && !isAdmin(app, actor)) throw notFound();
  const qualified = isAdmin(app, actor) || named || (a.approver_role !== null && a.approver_role === actor.role);
  const own = a.requested_by === actor.userId;
  if (own && decision === 'rejected') return;
  if (!qualified)
    throw new LeadforgeError('FORBIDDEN', 'you may not decide this approval', [
      {
        path: '/id',
        message: `decided by ${[
          a.approver_role && `a user with role "${a.approver_role}"`,
          a.approver_id && "the owner's manager",
        ]
          .filter(Boolean)
          .join(' or ')}`,
      },
    ]);
  if (own && !isAdmin(app, actor))
    throw new LeadforgeError('FORBIDDEN', 'you may not approve your own request', [
      { path: '/id', message: 'was requested by you' },
    ]);
}

/**
 * Approves or rejects a pending approval with a comment (required to reject), in one transaction.
 * Approving a move re-checks the guards now (a refusal keeps it pending and says what is missing)
 * and then moves the record; rejecting leaves the stage. Both append `approval.decided`.
 */
export async function decideApproval(
  ctx: RuntimeContext,
  actor: Actor,
  id: string,
  decision: Decision,
  body: unknown,
): Promise<ApiApproval> {
  const input = envelopeOrThrow(body ?? {}, ['comment']);
  const comment = textOrThrow(input.comment, '/comment', 2000, decision === 'rejected');
  if (!UUID.test(id)) throw notFound();
  const published = await ctx.apps.current(actor.tenantId);
  if (!published) throw new LeadforgeError('NOT_FOUND', 'no app is published yet');
  const { app } = published;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<ApprovalDbRow>(
      `SELECT ${APPROVAL_COLUMNS} FROM approvals a WHERE a.tenant_id = $1 AND a.id = $2 FOR UPDATE`,
      [actor.tenantId, id.toLowerCase()],
    );
    const a = rows[0];
    if (!a) throw notFound();
    await mayDecideOrThrow(tx, app, actor, a, decision);
    if (a.status !== 'pending')
      throw new LeadforgeError('CONFLICT', `this approval was already ${a.status}`, [
        { path: '/id', message: `is ${a.status}` },
      ]);
    if (decision === 'approved' && a.kind === 'transition') {
      const object = app.objects[a.object];
      if (!object || a.pipeline === null || a.to_stage === null)
        throw new LeadforgeError('INVALID', 'the approved move no longer exists in the published app');
      const pipeline = pipelineOrThrow(app, a.object, a.pipeline);
      const record = await lockRecordOrThrow(tx, actor.tenantId, a.object, a.record_id, undefined);
      const request = a.request as { reason?: string | null; comment?: string | null };
      const plan = planTransition(
        pipeline,
        object,
        { data: record.data, ruleData: ruleDataOf(record) },
        { to: a.to_stage, reason: request.reason ?? undefined, comment: request.comment ?? undefined, approved: true },
        now,
      );
      if (!plan.ok) throw new LeadforgeError(plan.code, `${plan.message}; the approval stays pending`, plan.details);
      if (plan.kind !== 'move') throw new LeadforgeError('INTERNAL', 'an approved move must move');
      await applyMove(
        tx,
        { tenantId: actor.tenantId, pipeline, record, actorId: a.requested_by, approvalId: a.id, now },
        plan.effects,
      );
    }
    const decided = await tx.query<ApprovalDbRow>(
      `UPDATE approvals a SET status = $3, decided_by = $4, decided_at = $5, decision_comment = $6
       WHERE a.tenant_id = $1 AND a.id = $2 RETURNING ${APPROVAL_COLUMNS}`,
      [actor.tenantId, a.id, decision, actor.userId, now.toISOString(), comment ?? null],
    );
    const approval = toApiApproval(decided.rows[0]!);
    await appendRecordEvents(
      tx,
      actor.tenantId,
      [
        {
          recordId: a.record_id,
          object: a.object,
          type: 'approval.decided',
          data: {
            approvalId: a.id,
            kind: a.kind,
            decision,
            comment: comment ?? null,
            decidedBy: actor.userId,
            pipeline: a.pipeline,
            from: a.from_stage,
            to: a.to_stage,
            ...(a.kind === 'action' ? { action: (a.request as { action?: unknown }).action ?? null } : {}),
          },
        },
      ],
      now,
    );
    return approval;
  });
}
