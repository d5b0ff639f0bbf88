import type { CompiledObject } from '../compile/types.js';
import type { Problem } from '../errors/types.js';
import { labelText } from './labelText.js';
import { moveRefusal } from './moveRefusal.js';
import { stageGuardFailures } from './stageGuardFailures.js';
import type { CompiledPipeline, StageRecord, TransitionPlan, TransitionRequest } from './types.js';

function refused(message: string, details: readonly Problem[]): TransitionPlan {
  return { ok: false, code: 'INVALID', message, details };
}

function reasonProblem(pipeline: CompiledPipeline, outcome: 'won' | 'lost' | null, reason: string | undefined) {
  const list = outcome === 'lost' ? pipeline.lostReasons : outcome === 'won' ? pipeline.wonReasons : [];
  const required = outcome === 'lost' || list.length > 0;
  if (reason === undefined || reason.trim() === '')
    return required
      ? `a ${outcome} move needs a reason${list.length > 0 ? `: one of ${list.map((r) => r.id).join(', ')}` : ''}`
      : undefined;
  if (list.length > 0 && !list.some((r) => r.id === reason))
    return `unknown ${outcome} reason "${reason}"; one of ${list.map((r) => r.id).join(', ')}`;
  return undefined;
}

/**
 * Decides a stage move (issue 6, point 1): `transition(record, to, now) → { effects }`. Refuses a
 * move the skip/back rules forbid, a won/lost move without a valid reason, and a move that breaks a
 * guard, listing every missing field and failed criterion at once. A target stage with an approval
 * answers `approval` instead of moving, unless the request says the move was approved. Pure: the
 * runtime writes the effects (stage field, stays, `stage.changed` event) in one transaction.
 */
export function planTransition(
  pipeline: CompiledPipeline,
  object: CompiledObject,
  record: StageRecord,
  request: TransitionRequest,
  now: Date,
): TransitionPlan {
  const to = pipeline.stages.find((s) => s.id === request.to);
  const ids = pipeline.stages.map((s) => s.id);
  if (!to)
    return refused(`unknown stage "${request.to}"`, [{ path: '/stage', message: `must be one of: ${ids.join(', ')}` }]);
  const current = record.data[pipeline.field];
  const fromId = typeof current === 'string' && current !== '' ? current : null;
  const from = pipeline.stages.find((s) => s.id === fromId);
  const toName = labelText(to.label, to.id);
  if (from === to)
    return refused(`the record is already in "${toName}"`, [{ path: '/stage', message: 'is the current stage' }]);
  const notAllowed = moveRefusal(pipeline, from, to);
  if (notAllowed)
    return refused(`cannot move to "${toName}": ${notAllowed}`, [{ path: '/stage', message: notAllowed }]);
  const problems: Problem[] = [];
  const reason = reasonProblem(pipeline, to.outcome, request.reason);
  if (reason) problems.push({ path: '/reason', message: reason });
  problems.push(...stageGuardFailures(pipeline, object, record, from, to, now));
  if (problems.length > 0)
    return refused(
      `cannot move to "${toName}": ${problems.length} requirement${problems.length === 1 ? ' is' : 's are'} not met`,
      problems,
    );
  if (to.approval && request.approved !== true)
    return { ok: true, kind: 'approval', from: fromId, to: to.id, approval: to.approval };
  const reasonText = request.reason?.trim() ? request.reason.trim() : null;
  return {
    ok: true,
    kind: 'move',
    from: fromId,
    to: to.id,
    effects: [
      { type: 'set-field', field: pipeline.field, value: to.id },
      { type: 'close-stay', stage: fromId, at: now },
      { type: 'open-stay', stage: to.id, at: now, reason: reasonText, comment: request.comment?.trim() || null },
      {
        type: 'event',
        event: 'stage.changed',
        data: { pipeline: pipeline.id, from: fromId, to: to.id, reason: reasonText, outcome: to.outcome },
      },
    ],
  };
}
