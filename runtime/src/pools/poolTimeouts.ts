import { findTeam, poolMembers, unavailability } from '@leadforge/engine';
import type { RuntimeContext } from '../context.js';
import type { JobHandler } from '../jobs/types.js';
import { notifyUser } from '../notifications/notifyUser.js';
import { routingOf } from '../routing/appRouting.js';
import { lockRecord, recordTitle } from '../routing/recordOwner.js';
import { loadRoutingTeams, loadRoutingUsers } from '../routing/routingState.js';
import { lockPoolEntry, movePoolEntry } from './poolEntries.js';
import { POOL_ACCEPT_TIMEOUT, POOL_FOLLOW_UP_TIMEOUT, type PoolTimeoutPayload } from './poolJobs.js';

/** Events that count as following a lead up (issue 6: activity logged or stage changed). */
export const FOLLOW_UP_EVENTS: readonly string[] = ['activity.logged', 'stage.changed'];

/** Most pool members one unclaimed-lead reminder goes to. */
const MEMBER_REMINDERS = 50;

function payloadOf(raw: unknown): PoolTimeoutPayload | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const p = raw as Record<string, unknown>;
  if (typeof p['pool'] !== 'string' || typeof p['recordId'] !== 'string' || typeof p['epoch'] !== 'number') return null;
  return { pool: p['pool'], recordId: p['recordId'], epoch: p['epoch'] };
}

function timeoutHandler(
  ctx: RuntimeContext,
  kind: typeof POOL_ACCEPT_TIMEOUT | typeof POOL_FOLLOW_UP_TIMEOUT,
): JobHandler {
  return async ({ job, completeWith, clock }) => {
    const payload = payloadOf(job.payload);
    const tenantId = job.tenantId;
    const published = await ctx.apps.current(tenantId);
    const def = payload && published ? routingOf(published.app).pools.get(payload.pool) : undefined;
    if (!payload || !def) return { outcome: 'done' };
    await completeWith(async (tx) => {
      const record = await lockRecord(tx, tenantId, def.object, payload.recordId);
      const entry = record ? await lockPoolEntry(tx, tenantId, def.pool.id, payload.recordId) : null;
      // a transition since the timer was armed disarmed it
      if (!record || !entry || entry.epoch !== payload.epoch) return;
      const now = clock.now();
      if (kind === POOL_FOLLOW_UP_TIMEOUT) {
        if (entry.status !== 'in_progress') return;
        const { rows } = await tx.query(
          'SELECT 1 FROM events WHERE tenant_id = $1 AND record_id = $2 AND type = ANY($3::text[]) AND at >= $4 LIMIT 1',
          [tenantId, record.id, FOLLOW_UP_EVENTS, entry.acceptedAt],
        );
        if (rows.length > 0) return; // followed up in time: the timer stops
      } else if (entry.status !== 'unassigned' && entry.status !== 'pending') return;
      const users = await loadRoutingUsers(tx, tenantId);
      const teams = await loadRoutingTeams(tx, tenantId);
      const title = recordTitle(record);
      const what =
        kind === POOL_FOLLOW_UP_TIMEOUT
          ? 'has had no follow-up'
          : entry.status === 'unassigned'
            ? 'is waiting to be claimed'
            : 'was claimed but not accepted';
      const hours = kind === POOL_FOLLOW_UP_TIMEOUT ? def.pool.followUpWithinHours : def.pool.acceptWithinHours;
      const recipients = new Set<string>();
      if (entry.holderId) {
        recipients.add(entry.holderId);
        const manager = await tx.query<{ manager_id: string | null }>(
          'SELECT manager_id FROM users WHERE tenant_id = $1 AND id = $2',
          [tenantId, entry.holderId],
        );
        if (manager.rows[0]?.manager_id) recipients.add(manager.rows[0].manager_id);
      } else {
        for (const u of poolMembers(def.pool.members, { users, teams })
          .filter((m) => !unavailability(m))
          .slice(0, MEMBER_REMINDERS))
          recipients.add(u.id);
      }
      const returning = def.pool.returnOnTimeout === true && entry.status !== 'unassigned';
      for (const userId of recipients)
        await notifyUser(
          tx,
          {
            tenantId,
            userId,
            kind,
            title: `${title} ${what} (pool ${def.pool.id}, ${hours} h)`,
            body: returning ? 'It went back to the pool.' : null,
            object: record.object,
            recordId: record.id,
            data: { pool: def.pool.id, status: entry.status, holderId: entry.holderId, returned: returning },
          },
          now,
        );
      if (returning) {
        const team = def.pool.members.team !== undefined ? findTeam(teams, def.pool.members.team) : undefined;
        await movePoolEntry(tx, {
          tenantId,
          def,
          record,
          entry,
          action: 'timeout',
          poolTeamId: team?.id ?? null,
          reason: kind === POOL_FOLLOW_UP_TIMEOUT ? 'no follow-up in time' : 'not accepted in time',
          actorId: null,
          now,
        });
      } else {
        await tx.query(
          `INSERT INTO events (tenant_id, id, record_id, object, type, at, data) VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6::jsonb)`,
          [
            tenantId,
            record.id,
            record.object,
            kind,
            now,
            JSON.stringify({ pool: def.pool.id, status: entry.status, reminded: [...recipients] }),
          ],
        );
      }
    });
    return undefined;
  };
}

/** The lead pools' durable timers, by job kind (registered with the job worker). */
export function poolJobHandlers(ctx: RuntimeContext): Record<string, JobHandler> {
  return {
    [POOL_ACCEPT_TIMEOUT]: timeoutHandler(ctx, POOL_ACCEPT_TIMEOUT),
    [POOL_FOLLOW_UP_TIMEOUT]: timeoutHandler(ctx, POOL_FOLLOW_UP_TIMEOUT),
  };
}
