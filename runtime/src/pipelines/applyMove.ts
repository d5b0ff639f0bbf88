import { LeadforgeError, type SqlExecutor, updateRecord } from '@leadforge/engine';
import type { CompiledPipeline, TransitionEffect } from '../../../engine/src/pipelines/index.js';
import type { LockedRecord } from './lockedRecord.js';
import { appendRecordEvents } from './recordEvents.js';
import { closeStay, openStay } from './stageStays.js';

export interface MoveContext {
  readonly tenantId: string;
  readonly pipeline: CompiledPipeline;
  readonly record: LockedRecord;
  readonly actorId: string | null;
  readonly approvalId: string | null;
  readonly now: Date;
}

/**
 * Writes an accepted move's effects inside the caller's transaction (the record is locked): the
 * stage field (a new record version and history row), the stays, the `stage.changed` event.
 */
export async function applyMove(tx: SqlExecutor, move: MoveContext, effects: readonly TransitionEffect[]) {
  const { record, pipeline, tenantId } = move;
  const key = { tenantId, recordId: record.id, object: record.object, pipeline: pipeline.id };
  let updated: Awaited<ReturnType<typeof updateRecord>> | undefined;
  let from: string | null = null;
  for (const effect of effects) {
    switch (effect.type) {
      case 'set-field':
        updated = await updateRecord(tx, {
          tenantId,
          object: record.object,
          id: record.id,
          scope: { kind: 'all' },
          expectedVersion: record.version,
          set: { [effect.field]: effect.value },
          actorId: move.actorId,
          now: move.now,
        });
        if (updated.status !== 'ok') throw new LeadforgeError('STALE_VERSION', 'the record changed; try again');
        break;
      case 'close-stay':
        from = effect.stage;
        await closeStay(tx, key, effect.stage, record.createdAt, effect.at, move.actorId);
        break;
      case 'open-stay':
        await openStay(tx, key, {
          stage: effect.stage,
          from,
          at: effect.at,
          by: move.actorId,
          reason: effect.reason,
          comment: effect.comment,
          approvalId: move.approvalId,
        });
        break;
      case 'event':
        await appendRecordEvents(
          tx,
          tenantId,
          [
            {
              recordId: record.id,
              object: record.object,
              type: effect.event,
              data: { ...effect.data, ...(move.approvalId ? { approvalId: move.approvalId } : {}) },
            },
          ],
          move.now,
        );
        break;
    }
  }
  if (updated?.status !== 'ok') throw new LeadforgeError('INTERNAL', 'a move must set the stage field');
  return updated.record;
}
