import { LeadforgeError } from '@leadforge/engine';
import { prepareCapture } from '../../../engine/src/capture/index.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { onlyParamsOrThrow, recordIdOrThrow } from '../records/recordInput.js';
import { captureInTx } from './captureService.js';
import { listQuarantine, lockQuarantined, markReleased, type QuarantineEntry } from './quarantineStore.js';
import { withCaptureRetry } from './retry.js';

/** Quarantined submissions of the admin's tenant, newest first (released ones on request). */
export async function quarantinedSubmissions(
  ctx: RuntimeContext,
  actor: Actor,
  query: Record<string, unknown>,
): Promise<QuarantineEntry[]> {
  onlyParamsOrThrow(query, ['limit', 'released']);
  const { limit, released } = query;
  const n = limit === undefined ? 100 : /^\d{1,3}$/.test(String(limit)) ? Number(limit) : Number.NaN;
  if (!(n >= 1 && n <= 500))
    throw new LeadforgeError('MALFORMED', 'limit must be 1 to 500', [{ path: '/limit', message: 'must be 1 to 500' }]);
  if (released !== undefined && released !== 'include' && released !== 'exclude')
    throw new LeadforgeError('MALFORMED', 'released must be include or exclude', [
      { path: '/released', message: 'must be include or exclude' },
    ]);
  return listQuarantine(ctx.db, actor.tenantId, { limit: n, includeReleased: released === 'include' });
}

/**
 * Releases a quarantined submission: it runs the normal capture (validation against the current
 * app, normalisation, dedupe, events) as the admin, and the entry remembers the record it became.
 */
export async function releaseQuarantined(ctx: RuntimeContext, actor: Actor, id: string) {
  const entryId = recordIdOrThrow(id);
  const published = await ctx.apps.current(actor.tenantId);
  if (!published) throw new LeadforgeError('NOT_FOUND', 'no app is published yet');
  return withCaptureRetry(() =>
    ctx.db.transaction(async (tx) => {
      const payload = await lockQuarantined(tx, actor.tenantId, entryId);
      if (!payload) throw new LeadforgeError('NOT_FOUND', 'no quarantined submission with this id');
      const prepared = prepareCapture(published.app, payload.input);
      if (!prepared.ok)
        throw new LeadforgeError('INVALID', 'the submission does not fit the current app version', prepared.problems);
      const outcome = await captureInTx(ctx, tx, actor.tenantId, {
        prepared: prepared.value,
        actorId: actor.userId,
        submissionId: payload.submissionId,
        eventKey: `submission:${payload.submissionId}`,
      });
      await markReleased(tx, actor.tenantId, entryId, actor.userId, outcome.recordId, ctx.clock.now());
      return { status: outcome.status, recordId: outcome.recordId, version: outcome.version };
    }),
  );
}
