import { randomUUID } from 'node:crypto';
import { LeadforgeError, type SqlExecutor } from '@leadforge/engine';
import type { ApprovalPolicy } from '../../../engine/src/pipelines/index.js';
import { appendRecordEvents } from '../pipelines/recordEvents.js';
import { APPROVAL_COLUMNS, type ApiApproval, type ApprovalDbRow, toApiApproval } from './approvalRow.js';

/** What waits for the decision: a stage move, or another action an automation wants approved. */
export type ApprovalSubject =
  | {
      readonly kind: 'transition';
      readonly pipeline: string;
      readonly from: string | null;
      readonly to: string;
      readonly reason: string | null;
      readonly comment: string | null;
    }
  | { readonly kind: 'action'; readonly action: Record<string, unknown>; readonly summary: string | null };

export interface ApprovalRequestInput {
  readonly tenantId: string;
  readonly record: { readonly id: string; readonly object: string; readonly ownerId: string | null };
  readonly policy: ApprovalPolicy;
  readonly subject: ApprovalSubject;
  /** The user asking (null for an automation). */
  readonly requestedBy: string | null;
  readonly now: Date;
}

/** The owner's manager: the user's own manager, else their team's manager. */
async function ownerManager(tx: SqlExecutor, tenantId: string, ownerId: string | null): Promise<string | null> {
  if (ownerId === null) return null;
  const { rows } = await tx.query<{ manager: string | null }>(
    `SELECT COALESCE(u.manager_id, t.manager_id) AS manager FROM users u
     LEFT JOIN teams t ON t.tenant_id = u.tenant_id AND t.id = u.team_id
     WHERE u.tenant_id = $1 AND u.id = $2`,
    [tenantId, ownerId],
  );
  return rows[0]?.manager ?? null;
}

/**
 * Puts a record on hold for a decision (issue 6, point 6), inside the caller's transaction (the
 * record should be locked): writes a pending approval naming who may decide (the policy's role,
 * the owner's manager resolved now) and appends `approval.requested`. A record has at most one
 * pending approval: a second request is a CONFLICT. Automations call this to require approval
 * for an action; the decision comes back as an `approval.decided` event carrying the action.
 */
export async function requestApproval(tx: SqlExecutor, input: ApprovalRequestInput): Promise<ApiApproval> {
  const { tenantId, record, policy, subject } = input;
  const managerId = policy.ownerManager ? await ownerManager(tx, tenantId, record.ownerId) : null;
  if (policy.role === null && managerId === null)
    throw new LeadforgeError('INVALID', "nobody can approve this: the record's owner has no manager", [
      { path: '/owner', message: "has no manager (set the user's or the team's manager)" },
    ]);
  const request =
    subject.kind === 'transition'
      ? { reason: subject.reason, comment: subject.comment }
      : { action: subject.action, summary: subject.summary };
  const transition = subject.kind === 'transition' ? subject : null;
  const { rows } = await tx.query<ApprovalDbRow>(
    `INSERT INTO approvals AS a (tenant_id, id, record_id, object, kind, pipeline, from_stage, to_stage, request,
       approver_role, approver_id, status, requested_by, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, 'pending', $12, $13)
     ON CONFLICT (tenant_id, record_id) WHERE status = 'pending' DO NOTHING
     RETURNING ${APPROVAL_COLUMNS}`,
    [
      tenantId,
      randomUUID(),
      record.id,
      record.object,
      subject.kind,
      transition?.pipeline ?? null,
      transition?.from ?? null,
      transition?.to ?? null,
      JSON.stringify(request),
      policy.role,
      managerId,
      input.requestedBy,
      input.now.toISOString(),
    ],
  );
  if (!rows[0])
    throw new LeadforgeError('CONFLICT', 'the record is already waiting for an approval', [
      { path: '/id', message: 'has a pending approval' },
    ]);
  const approval = toApiApproval(rows[0]);
  await appendRecordEvents(
    tx,
    tenantId,
    [
      {
        recordId: record.id,
        object: record.object,
        type: 'approval.requested',
        data: {
          approvalId: approval.id,
          kind: approval.kind,
          pipeline: approval.pipeline,
          from: approval.from,
          to: approval.to,
          approverRole: approval.approverRole,
          approverId: approval.approverId,
          requestedBy: approval.requestedBy,
        },
      },
    ],
    input.now,
  );
  return approval;
}

/** Refuses a move while the record waits for an approval. */
export async function refuseWhilePending(tx: SqlExecutor, tenantId: string, recordId: string): Promise<void> {
  const { rows } = await tx.query<{ id: string; to_stage: string | null }>(
    `SELECT id, to_stage FROM approvals WHERE tenant_id = $1 AND record_id = $2 AND status = 'pending'`,
    [tenantId, recordId],
  );
  const pending = rows[0];
  if (pending)
    throw new LeadforgeError(
      'CONFLICT',
      `the record is waiting for approval ${pending.id}${pending.to_stage ? ` of a move to "${pending.to_stage}"` : ''}; approve or reject it first`,
      [{ path: '/stage', message: 'the record has a pending approval' }],
    );
}
