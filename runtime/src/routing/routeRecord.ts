import {
  assign,
  type CompiledApp,
  type CompiledRouting,
  findTeam,
  type RoutingDecision,
  type RoutingState,
  type SqlExecutor,
} from '@leadforge/engine';
import { notifyUser } from '../notifications/notifyUser.js';
import { lockPoolEntry, movePoolEntry } from '../pools/poolEntries.js';
import { routingOf } from './appRouting.js';
import { type LockedRecord, lockRecord, recordTitle, setRecordOwner } from './recordOwner.js';
import { loadRoutingTeams, loadRoutingUsers, lockLoads, openLoads, takeTurn } from './routingState.js';

/** Why a record is being routed (kept on the assignment row). */
export type RoutingCause = 'capture' | 'route-now' | 'deactivation' | 'automation' | 'import';

export interface RouteRecordInput {
  readonly tenantId: string;
  readonly app: CompiledApp;
  readonly object: string;
  readonly recordId: string;
  /** A routing file's id; default: the first routing for the record's object. */
  readonly routingId?: string;
  readonly cause: RoutingCause;
  readonly actorId: string | null;
  readonly now: Date;
}

/** What routing did: the decision, and the assignment row that explains it (null when nothing routed). */
export interface RouteOutcome {
  readonly routing: string | null;
  readonly decision: RoutingDecision;
  readonly assignmentId: string | null;
}

/**
 * Takes the turns and load locks a decision relies on, then decides again with them: the
 * decision stands only on state no concurrent router can change before this transaction ends.
 */
async function decideUnderLocks(
  tx: SqlExecutor,
  tenantId: string,
  routing: CompiledRouting,
  record: LockedRecord,
  base: Omit<RoutingState, 'ticks' | 'loads'>,
): Promise<RoutingDecision> {
  const ticks: Record<string, number> = {};
  const loads: Record<string, number> = {};
  const loaded = new Set<string>();
  for (let round = 0; ; round += 1) {
    const decision = assign(record, routing, { ...base, ticks, loads });
    if (decision.kind !== 'owner' || round > 2 * (routing.rules.length + 2)) return decision;
    if (decision.counterKey !== undefined && !(decision.counterKey in ticks)) {
      ticks[decision.counterKey] = await takeTurn(tx, tenantId, routing.id, decision.counterKey);
      continue;
    }
    const unloaded = (decision.loadUsers ?? []).filter((u) => !loaded.has(u));
    if (unloaded.length > 0) {
      if (loaded.size === 0) await lockLoads(tx, tenantId);
      Object.assign(loads, await openLoads(tx, tenantId, routing.object, unloaded));
      for (const u of unloaded) loaded.add(u);
      continue;
    }
    return decision;
  }
}

async function recordAssignment(
  tx: SqlExecutor,
  input: RouteRecordInput,
  routing: string,
  record: LockedRecord,
  decision: RoutingDecision,
): Promise<string> {
  const chosen = decision.kind === 'none' ? null : decision;
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO routing_assignments (tenant_id, record_id, object, routing, rule_id, strategy, owner_id, previous_owner_id,
                                      pool_id, reason, skipped, cause, actor_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14) RETURNING id::text AS id`,
    [
      input.tenantId,
      record.id,
      record.object,
      routing,
      chosen?.ruleId ?? null,
      chosen?.strategy ?? null,
      decision.kind === 'owner' ? decision.ownerId : null,
      record.ownerId,
      decision.kind === 'pool' ? decision.poolId : null,
      decision.reason,
      JSON.stringify(decision.skipped),
      input.cause,
      input.actorId,
      input.now,
    ],
  );
  return rows[0]!.id;
}

/**
 * Routes one record inside the caller's transaction (capture, route-now, deactivation, the
 * automation `assign` action): locks it, decides with `assign` under the turn and load locks,
 * gives it to the owner (or queues it in a lead pool), records why and notifies the new owner.
 * A record that is gone, or an object without routing, routes nowhere and writes nothing.
 */
export async function routeRecord(tx: SqlExecutor, input: RouteRecordInput): Promise<RouteOutcome> {
  const appRouting = routingOf(input.app);
  const routing =
    input.routingId !== undefined ? appRouting.routings.get(input.routingId) : appRouting.forObject(input.object);
  const none = (reason: string): RouteOutcome => ({
    routing: routing?.id ?? null,
    decision: { kind: 'none', reason, skipped: [] },
    assignmentId: null,
  });
  if (!routing || routing.object !== input.object) return none(`no routing for object "${input.object}"`);
  const record = await lockRecord(tx, input.tenantId, input.object, input.recordId);
  if (!record) return none('the record does not exist');
  const users = await loadRoutingUsers(tx, input.tenantId);
  const teams = await loadRoutingTeams(tx, input.tenantId);
  const decision = await decideUnderLocks(tx, input.tenantId, routing, record, { users, teams, now: input.now });
  const assignmentId = await recordAssignment(tx, input, routing.id, record, decision);
  const why = { routing: routing.id, assignmentId, cause: input.cause };
  if (decision.kind === 'owner') {
    await setRecordOwner(
      tx,
      input.tenantId,
      record,
      { ownerId: decision.ownerId, teamId: decision.teamId },
      input.actorId,
      input.now,
      {
        ...why,
        ruleId: decision.ruleId,
        strategy: decision.strategy,
      },
    );
    if (decision.ownerId !== record.ownerId) {
      await notifyUser(
        tx,
        {
          tenantId: input.tenantId,
          userId: decision.ownerId,
          kind: 'lead.assigned',
          title: `New ${record.object} for you: ${recordTitle(record)}`,
          body: decision.reason,
          object: record.object,
          recordId: record.id,
          data: { ...why, ruleId: decision.ruleId, strategy: decision.strategy },
        },
        input.now,
      );
    }
  } else if (decision.kind === 'pool') {
    const def = appRouting.pools.get(decision.poolId);
    if (def) {
      const entry = await lockPoolEntry(tx, input.tenantId, def.pool.id, record.id);
      const team = def.pool.members.team !== undefined ? findTeam(teams, def.pool.members.team) : undefined;
      await movePoolEntry(tx, {
        tenantId: input.tenantId,
        def,
        record,
        entry,
        action: 'enter',
        poolTeamId: team?.id ?? null,
        reason: null,
        actorId: input.actorId,
        now: input.now,
      });
    }
  }
  return { routing: routing.id, decision, assignmentId };
}
