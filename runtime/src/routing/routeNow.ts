import { LeadforgeError } from '@leadforge/engine';
import { isAdmin } from '../access/permissions.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { objectAccessOrThrow } from '../records/recordAccess.js';
import { recordIdOrThrow } from '../records/recordInput.js';
import { routingOf } from './appRouting.js';
import { routeRecord } from './routeRecord.js';

/**
 * Routes a record now (admins, and roles that update every record of the object, e.g. ops): the
 * same decision capture would make, recorded with cause `route-now`.
 */
export async function routeNow(
  ctx: RuntimeContext,
  actor: Actor,
  object: string,
  id: string,
  body: { routing?: string },
) {
  const access = await objectAccessOrThrow(ctx, actor, object, 'update');
  if (!isAdmin(access.app, actor) && access.permission.scope !== 'all')
    throw new LeadforgeError('FORBIDDEN', `only admins and roles that update every ${object} record may route`);
  const recordId = recordIdOrThrow(id);
  if (body.routing !== undefined) {
    const known = routingOf(access.app).routings.get(body.routing);
    if (!known || known.object !== object)
      throw new LeadforgeError('INVALID', `unknown routing "${body.routing}" for object "${object}"`, [
        { path: '/routing', message: 'no routing file of the published app has this id for this object' },
      ]);
  }
  const outcome = await ctx.db.transaction((tx) =>
    routeRecord(tx, {
      tenantId: actor.tenantId,
      app: access.app,
      object,
      recordId,
      ...(body.routing !== undefined ? { routingId: body.routing } : {}),
      cause: 'route-now',
      actorId: actor.userId,
      now: ctx.clock.now(),
    }),
  );
  if (outcome.assignmentId === null && outcome.decision.kind === 'none' && outcome.routing === null)
    throw new LeadforgeError('INVALID', outcome.decision.reason, [{ path: '/object', message: 'has no routing' }]);
  if (outcome.assignmentId === null) throw new LeadforgeError('NOT_FOUND', 'record not found');
  return outcome;
}
