import { findTeam } from '@leadforge/engine';
import type { RuntimeContext } from '../context.js';
import { lockPoolEntry, movePoolEntry } from '../pools/poolEntries.js';
import { routingOf } from './appRouting.js';
import { lockRecord } from './recordOwner.js';
import { routeRecord } from './routeRecord.js';
import { loadRoutingTeams } from './routingState.js';

/**
 * When a user is deactivated (issue 6): leads they hold in a lead pool go back to it, and their
 * other open records of every routed object are routed again, each in its own transaction and
 * recorded with cause `deactivation` (routing never picks an inactive user). Answers how many moved.
 */
export async function rerouteLeadsOf(
  ctx: RuntimeContext,
  tenantId: string,
  userId: string,
  actorId: string | null,
): Promise<number> {
  const published = await ctx.apps.current(tenantId);
  if (!published) return 0;
  const appRouting = routingOf(published.app);
  let moved = 0;
  const held = await ctx.db.query<{ pool: string; record_id: string; object: string }>(
    `SELECT pool, record_id, object FROM pool_entries
      WHERE tenant_id = $1 AND holder_id = $2 AND status IN ('pending', 'in_progress') ORDER BY pool, record_id`,
    [tenantId, userId],
  );
  for (const row of held.rows) {
    const def = appRouting.pools.get(row.pool);
    if (!def) continue;
    await ctx.db.transaction(async (tx) => {
      const record = await lockRecord(tx, tenantId, row.object, row.record_id);
      const entry = await lockPoolEntry(tx, tenantId, row.pool, row.record_id);
      if (!record || !entry || entry.holderId !== userId || !['pending', 'in_progress'].includes(entry.status)) return;
      const teams = await loadRoutingTeams(tx, tenantId);
      const team = def.pool.members.team !== undefined ? findTeam(teams, def.pool.members.team) : undefined;
      await movePoolEntry(tx, {
        tenantId,
        def,
        record,
        entry,
        action: 'reclaim',
        poolTeamId: team?.id ?? null,
        reason: 'owner deactivated',
        actorId,
        now: ctx.clock.now(),
      });
      moved += 1;
    });
  }
  for (const routing of appRouting.routings.values()) {
    if (appRouting.forObject(routing.object) !== routing) continue;
    const { rows } = await ctx.db.query<{ id: string }>(
      `SELECT id FROM records WHERE tenant_id = $1 AND object = $2 AND owner_id = $3 AND deleted_at IS NULL
          AND COALESCE(data->>'stage', '') NOT IN ('won', 'lost') ORDER BY created_at, id`,
      [tenantId, routing.object, userId],
    );
    for (const { id } of rows) {
      const outcome = await ctx.db.transaction((tx) =>
        routeRecord(tx, {
          tenantId,
          app: published.app,
          object: routing.object,
          recordId: id,
          cause: 'deactivation',
          actorId,
          now: ctx.clock.now(),
        }),
      );
      if (outcome.decision.kind !== 'none') moved += 1;
    }
  }
  return moved;
}
