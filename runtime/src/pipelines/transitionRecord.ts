import {
  type CompiledObject,
  LeadforgeError,
  type RecordRow,
  type RowScope,
  type SqlExecutor,
} from '@leadforge/engine';
import { type CompiledPipeline, planTransition } from '../../../engine/src/pipelines/index.js';
import type { Actor } from '../access/types.js';
import type { ApiApproval } from '../approvals/approvalRow.js';
import { refuseWhilePending, requestApproval } from '../approvals/requestApproval.js';
import type { RuntimeContext } from '../context.js';
import { type ApiRecord, toApiRecord, visibleFieldNames } from '../records/apiRecord.js';
import { objectAccessOrThrow } from '../records/recordAccess.js';
import { envelopeOrThrow, recordIdOrThrow, versionOrThrow } from '../records/recordInput.js';
import { applyMove } from './applyMove.js';
import { lockRecordOrThrow, ruleDataOf } from './lockedRecord.js';
import { pipelineOrThrow } from './pipelines.js';
import { codeOrThrow, textOrThrow } from './textInput.js';

export type TransitionResult =
  | { readonly status: 'moved'; readonly record: ApiRecord }
  | { readonly status: 'pending'; readonly record: ApiRecord; readonly approval: ApiApproval };

/**
 * Moves a record to another stage of its pipeline (`{ stage, reason?, comment?, pipeline?, version? }`),
 * in one transaction: the record is locked, the engine decides, and either the move is written
 * (stage field, stays, `stage.changed`) or, for a stage that needs approval, a pending approval.
 * A refused move throws INVALID with every missing field and failed criterion, and writes nothing.
 */
export async function transitionRecord(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  id: string,
  body: unknown,
): Promise<TransitionResult> {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'update');
  const input = envelopeOrThrow(body, ['stage', 'reason', 'comment', 'pipeline', 'version']);
  const stage = codeOrThrow(input.stage, '/stage');
  if (stage === undefined)
    throw new LeadforgeError('MALFORMED', 'stage is required', [{ path: '/stage', message: 'is required' }]);
  const reason = textOrThrow(input.reason, '/reason', 200);
  const comment = textOrThrow(input.comment, '/comment', 2000);
  const pipelineId = codeOrThrow(input.pipeline, '/pipeline');
  const version = versionOrThrow(input.version, false);
  const recordId = recordIdOrThrow(id);
  const pipeline = pipelineOrThrow(access.app, objectName, pipelineId);
  if (access.unwritable.has(pipeline.field))
    throw new LeadforgeError('FORBIDDEN', `your role may not change ${pipeline.field}`, [
      { path: '/stage', message: 'your role may not move records between stages' },
    ]);
  const now = ctx.clock.now();
  const fields = visibleFieldNames(access);
  return ctx.db.transaction(async (tx): Promise<TransitionResult> => {
    const moved = await transitionInTx(tx, {
      tenantId: actor.tenantId,
      pipeline,
      object: access.object,
      recordId,
      scope: access.scope,
      expectedVersion: version,
      request: { to: stage, reason, comment },
      actorId: actor.userId,
      now,
    });
    return moved.status === 'moved'
      ? { status: 'moved', record: toApiRecord(moved.record, fields) }
      : { status: 'pending', approval: moved.approval, record: toApiRecord(moved.record, fields) };
  });
}

export interface TransitionInput {
  readonly tenantId: string;
  readonly pipeline: CompiledPipeline;
  readonly object: CompiledObject;
  readonly recordId: string;
  /** The caller's row scope; undefined for a system caller (an automation's set-stage). */
  readonly scope: RowScope | undefined;
  readonly expectedVersion?: number | undefined;
  readonly request: {
    readonly to: string;
    readonly reason?: string | undefined;
    readonly comment?: string | undefined;
  };
  /** Who moves it (null for an automation). */
  readonly actorId: string | null;
  readonly now: Date;
}

export type TransitionOutcome =
  | { readonly status: 'moved'; readonly record: RecordRow }
  | { readonly status: 'pending'; readonly record: RecordRow; readonly approval: ApiApproval };

/**
 * The transition inside the caller's transaction, for the HTTP route and for automations (a
 * set-stage action goes through the same guards and approvals): locks the record, refuses while an
 * approval is pending, asks the engine, then writes the move or the pending approval. Throws
 * INVALID with every missing field and failed criterion; the caller's rollback undoes nothing written.
 */
export async function transitionInTx(tx: SqlExecutor, input: TransitionInput): Promise<TransitionOutcome> {
  const { tenantId, pipeline, now } = input;
  const record = await lockRecordOrThrow(tx, tenantId, pipeline.object, input.recordId, input.scope);
  if (input.expectedVersion !== undefined && input.expectedVersion !== record.version)
    throw new LeadforgeError(
      'STALE_VERSION',
      `the record was changed by someone else (now version ${record.version})`,
      [{ path: '/version', message: `current version is ${record.version}` }],
    );
  await refuseWhilePending(tx, tenantId, record.id);
  const { to, reason, comment } = input.request;
  const plan = planTransition(
    pipeline,
    input.object,
    { data: record.data, ruleData: ruleDataOf(record) },
    { to, reason, comment },
    now,
  );
  if (!plan.ok) throw new LeadforgeError(plan.code, plan.message, plan.details);
  if (plan.kind === 'approval') {
    const approval = await requestApproval(tx, {
      tenantId,
      record,
      policy: plan.approval,
      subject: {
        kind: 'transition',
        pipeline: pipeline.id,
        from: plan.from,
        to: plan.to,
        reason: reason ?? null,
        comment: comment ?? null,
      },
      requestedBy: input.actorId,
      now,
    });
    const unchanged: RecordRow = {
      ...record,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      deletedAt: null,
    };
    return { status: 'pending', approval, record: unchanged };
  }
  const row = await applyMove(
    tx,
    { tenantId, pipeline, record, actorId: input.actorId, approvalId: null, now },
    plan.effects,
  );
  return { status: 'moved', record: row };
}
