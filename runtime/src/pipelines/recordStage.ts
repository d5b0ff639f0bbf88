import { getRecord as getRow, LeadforgeError } from '@leadforge/engine';
import { allowedTargets } from '../../../engine/src/pipelines/index.js';
import type { Actor } from '../access/types.js';
import { type ApiApproval, pendingApprovalOf } from '../approvals/approvalRow.js';
import type { RuntimeContext } from '../context.js';
import { objectAccessOrThrow } from '../records/recordAccess.js';
import { recordIdOrThrow } from '../records/recordInput.js';
import { pipelinesOf } from './pipelines.js';
import { listStays, type StageStay } from './stageStays.js';

export interface PipelinePosition {
  readonly pipeline: string;
  readonly field: string;
  readonly stage: string | null;
  /** When the record entered its current stage (its creation when it never moved). */
  readonly enteredAt: string | null;
  readonly sla: { readonly within: string; readonly escalateTo: string | null } | null;
  /** Stages the skip/back rules allow next (guards are checked when moving); empty while an approval is pending. */
  readonly next: readonly string[];
}

export interface RecordStage {
  readonly pipelines: readonly PipelinePosition[];
  readonly pendingApproval: ApiApproval | null;
  /** Every stay, oldest first. */
  readonly history: readonly StageStay[];
}

/** Where a record stands in its pipelines, whether it waits for an approval, and its stage history. */
export async function recordStage(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  id: string,
): Promise<RecordStage> {
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
  const history = await listStays(ctx.db, actor.tenantId, recordId);
  const pendingApproval = await pendingApprovalOf(ctx.db, actor.tenantId, recordId);
  const pipelines = pipelinesOf(access.app)
    .byObject(objectName)
    .map((p): PipelinePosition => {
      const value = row.data[p.field];
      const stage = typeof value === 'string' && value !== '' ? value : null;
      const open = history.find((s) => s.pipeline === p.id && s.exitedAt === null);
      const sla = p.stages.find((s) => s.id === stage)?.sla ?? null;
      return {
        pipeline: p.id,
        field: p.field,
        stage,
        enteredAt: open?.enteredAt ?? (stage === null ? null : row.createdAt),
        sla,
        next: pendingApproval ? [] : allowedTargets(p, stage),
      };
    });
  return { pipelines, pendingApproval, history };
}
