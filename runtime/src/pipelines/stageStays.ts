import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@leadforge/engine';

export interface StayKey {
  readonly tenantId: string;
  readonly recordId: string;
  readonly object: string;
  readonly pipeline: string;
}

/**
 * Ends the record's open stay in `from` at `at`. A record that reached its stage without a
 * transition (created with the default stage, captured, imported) has no open stay yet: its first
 * stay is written now, as entered when the record was created.
 */
export async function closeStay(
  tx: SqlExecutor,
  key: StayKey,
  from: string | null,
  recordCreatedAt: Date,
  at: Date,
  by: string | null,
): Promise<void> {
  const closed = await tx.query(
    `UPDATE stage_history SET exited_at = $4, exited_by = $5,
       duration_ms = (extract(epoch FROM ($4::timestamptz - entered_at)) * 1000)::bigint
     WHERE tenant_id = $1 AND record_id = $2 AND pipeline = $3 AND exited_at IS NULL`,
    [key.tenantId, key.recordId, key.pipeline, at.toISOString(), by],
  );
  if (closed.rowCount > 0 || from === null) return;
  const entered = recordCreatedAt.getTime() <= at.getTime() ? recordCreatedAt : at;
  await tx.query(
    `INSERT INTO stage_history (tenant_id, id, record_id, object, pipeline, stage, entered_at, exited_at, duration_ms, exited_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      key.tenantId,
      randomUUID(),
      key.recordId,
      key.object,
      key.pipeline,
      from,
      entered.toISOString(),
      at.toISOString(),
      at.getTime() - entered.getTime(),
      by,
    ],
  );
}

export interface NewStay {
  readonly stage: string;
  readonly from: string | null;
  readonly at: Date;
  readonly by: string | null;
  readonly reason: string | null;
  readonly comment: string | null;
  readonly approvalId: string | null;
}

export async function openStay(tx: SqlExecutor, key: StayKey, stay: NewStay): Promise<void> {
  await tx.query(
    `INSERT INTO stage_history (tenant_id, id, record_id, object, pipeline, stage, from_stage, entered_at, entered_by,
       reason, comment, approval_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      key.tenantId,
      randomUUID(),
      key.recordId,
      key.object,
      key.pipeline,
      stay.stage,
      stay.from,
      stay.at.toISOString(),
      stay.by,
      stay.reason,
      stay.comment,
      stay.approvalId,
    ],
  );
}

/** One stay of a record in a stage, as the API shows it. */
export interface StageStay {
  readonly pipeline: string;
  readonly stage: string;
  readonly from: string | null;
  readonly enteredAt: string;
  readonly exitedAt: string | null;
  /** Milliseconds; null while the record is still in the stage. */
  readonly durationMs: number | null;
  readonly enteredBy: string | null;
  readonly exitedBy: string | null;
  readonly reason: string | null;
  readonly comment: string | null;
  readonly approvalId: string | null;
}

interface StayRow {
  pipeline: string;
  stage: string;
  from_stage: string | null;
  entered_at: Date | string;
  exited_at: Date | string | null;
  duration_ms: string | number | null;
  entered_by: string | null;
  exited_by: string | null;
  reason: string | null;
  comment: string | null;
  approval_id: string | null;
}

/** Every stay of a record, oldest first. */
export async function listStays(db: SqlExecutor, tenantId: string, recordId: string): Promise<StageStay[]> {
  const { rows } = await db.query<StayRow>(
    `SELECT pipeline, stage, from_stage, entered_at, exited_at, duration_ms, entered_by, exited_by, reason, comment, approval_id
     FROM stage_history WHERE tenant_id = $1 AND record_id = $2 ORDER BY entered_at, exited_at NULLS LAST, id`,
    [tenantId, recordId],
  );
  return rows.map((r) => ({
    pipeline: r.pipeline,
    stage: r.stage,
    from: r.from_stage,
    enteredAt: new Date(r.entered_at).toISOString(),
    exitedAt: r.exited_at === null ? null : new Date(r.exited_at).toISOString(),
    durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
    enteredBy: r.entered_by,
    exitedBy: r.exited_by,
    reason: r.reason,
    comment: r.comment,
    approvalId: r.approval_id,
  }));
}
