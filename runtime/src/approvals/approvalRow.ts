import { type SqlExecutor, type SqlFragment, sql } from '@leadforge/engine';

/** An approval as the API shows it. */
export interface ApiApproval {
  readonly id: string;
  readonly status: 'pending' | 'approved' | 'rejected';
  /** `transition`: a stage move; `action`: another action (an automation step) waiting for a decision. */
  readonly kind: string;
  readonly record: { readonly object: string; readonly id: string };
  readonly pipeline: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly request: Record<string, unknown>;
  readonly approverRole: string | null;
  readonly approverId: string | null;
  readonly requestedBy: string | null;
  readonly requestedAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly comment: string | null;
}

export interface ApprovalDbRow {
  id: string;
  status: 'pending' | 'approved' | 'rejected';
  kind: string;
  object: string;
  record_id: string;
  pipeline: string | null;
  from_stage: string | null;
  to_stage: string | null;
  request: Record<string, unknown>;
  approver_role: string | null;
  approver_id: string | null;
  requested_by: string | null;
  requested_at: Date | string;
  decided_by: string | null;
  decided_at: Date | string | null;
  decision_comment: string | null;
}

const COLUMN_NAMES = [
  'id',
  'status',
  'kind',
  'object',
  'record_id',
  'pipeline',
  'from_stage',
  'to_stage',
  'request',
  'approver_role',
  'approver_id',
  'requested_by',
  'requested_at',
  'decided_by',
  'decided_at',
  'decision_comment',
] as const;

/** The columns of an approval row, from the table aliased `a`. */
export const APPROVAL_COLUMNS = COLUMN_NAMES.map((c) => `a.${c}`).join(', ');

export function approvalColumnsSql(): SqlFragment {
  return sql.join(
    COLUMN_NAMES.map((c) => sql`a.${sql.ident(c)}`),
    ', ',
  );
}

export function toApiApproval(r: ApprovalDbRow): ApiApproval {
  return {
    id: r.id,
    status: r.status,
    kind: r.kind,
    record: { object: r.object, id: r.record_id },
    pipeline: r.pipeline,
    from: r.from_stage,
    to: r.to_stage,
    request: r.request,
    approverRole: r.approver_role,
    approverId: r.approver_id,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
    comment: r.decision_comment,
  };
}

/** The record's pending approval, if any. */
export async function pendingApprovalOf(
  db: SqlExecutor,
  tenantId: string,
  recordId: string,
): Promise<ApiApproval | null> {
  const { rows } = await db.query<ApprovalDbRow>(
    `SELECT ${APPROVAL_COLUMNS} FROM approvals a WHERE a.tenant_id = $1 AND a.record_id = $2 AND a.status = 'pending'`,
    [tenantId, recordId],
  );
  return rows[0] ? toApiApproval(rows[0]) : null;
}
