import {
  findTeam,
  HELD_STATUSES,
  LeadforgeError,
  POOL_STATUSES,
  type PoolStatus,
  poolMembers,
  type SqlTransaction,
} from '@leadforge/engine';
import { hiddenFields, isAdmin, objectPermission } from '../access/permissions.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { notifyUser } from '../notifications/notifyUser.js';
import { recordIdOrThrow } from '../records/recordInput.js';
import { type PoolEntryDefinition, routingOf } from '../routing/appRouting.js';
import { lockRecord, recordTitle } from '../routing/recordOwner.js';
import { loadRoutingTeams, loadRoutingUsers, lockLoads } from '../routing/routingState.js';
import {
  lockPoolEntry,
  movePoolEntry,
  POOL_ENTRY_COLUMNS,
  type PoolEntry,
  type PoolEntryDbRow,
  toPoolEntry,
} from './poolEntries.js';

interface PoolCall {
  readonly def: PoolEntryDefinition;
  readonly admin: boolean;
  readonly member: boolean;
}

async function poolOrThrow(ctx: RuntimeContext, actor: Actor, poolId: string): Promise<PoolCall> {
  const published = await ctx.apps.current(actor.tenantId);
  const def = published ? routingOf(published.app).pools.get(poolId) : undefined;
  if (!published || !def) throw new LeadforgeError('NOT_FOUND', `unknown lead pool "${poolId}"`);
  const admin = isAdmin(published.app, actor);
  const users = await loadRoutingUsers(ctx.db, actor.tenantId);
  const teams = await loadRoutingTeams(ctx.db, actor.tenantId);
  const member = poolMembers(def.pool.members, { users, teams }).some((u) => u.id === actor.userId && u.active);
  // a pool is invisible to those outside it: no hint that it exists
  if (!admin && !member) throw new LeadforgeError('NOT_FOUND', `unknown lead pool "${poolId}"`);
  return { def, admin, member };
}

export interface PoolListQuery {
  readonly status?: PoolStatus;
  readonly limit: number;
}

/** A pool's leads (members and admins): entries with the record's visible fields, oldest waiting first. */
export async function listPool(ctx: RuntimeContext, actor: Actor, poolId: string, q: PoolListQuery) {
  const { def } = await poolOrThrow(ctx, actor, poolId);
  if (q.status !== undefined && !POOL_STATUSES.includes(q.status))
    throw new LeadforgeError('MALFORMED', 'unknown status', [
      { path: '/status', message: `must be one of: ${POOL_STATUSES.join(', ')}` },
    ]);
  const published = await ctx.apps.current(actor.tenantId);
  const permission = published ? objectPermission(published.app, actor, def.object) : null;
  const hidden = permission ? hiddenFields(permission) : new Set<string>();
  const { rows } = await ctx.db.query<PoolEntryDbRow & { data: Record<string, unknown> }>(
    `SELECT ${POOL_ENTRY_COLUMNS.split(', ')
      .map((c) => `p.${c}`)
      .join(', ')}, r.data FROM pool_entries p
       JOIN records r ON r.tenant_id = p.tenant_id AND r.id = p.record_id AND r.deleted_at IS NULL
      WHERE p.tenant_id = $1 AND p.pool = $2 AND ($3::text IS NULL OR p.status = $3)
      ORDER BY p.entered_at, p.record_id LIMIT $4`,
    [actor.tenantId, def.pool.id, q.status ?? null, q.limit],
  );
  const held = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pool_entries WHERE tenant_id = $1 AND pool = $2 AND holder_id = $3 AND status = ANY($4::text[])`,
    [actor.tenantId, def.pool.id, actor.userId, HELD_STATUSES],
  );
  return {
    pool: {
      id: def.pool.id,
      label: def.pool.label ?? null,
      object: def.object,
      claimLimit: def.pool.claimLimit ?? null,
      returnReasons: def.pool.returnReasons ?? [],
    },
    youHold: Number(held.rows[0]?.n ?? 0),
    entries: rows.map((r) => ({
      ...toPoolEntry(r),
      data: Object.fromEntries(Object.entries(r.data).filter(([k]) => !hidden.has(k))),
    })),
  };
}

async function inPoolTx<T>(
  ctx: RuntimeContext,
  actor: Actor,
  call: PoolCall,
  recordId: string,
  fn: (
    tx: SqlTransaction,
    m: { record: NonNullable<Awaited<ReturnType<typeof lockRecord>>>; entry: PoolEntry },
  ) => Promise<T>,
): Promise<T> {
  const id = recordIdOrThrow(recordId);
  return ctx.db.transaction(async (tx) => {
    const record = await lockRecord(tx, actor.tenantId, call.def.object, id);
    const entry = record ? await lockPoolEntry(tx, actor.tenantId, call.def.pool.id, id) : null;
    if (!record || !entry) throw new LeadforgeError('NOT_FOUND', 'the lead is not in this pool');
    return fn(tx, { record, entry });
  });
}

async function poolTeamId(ctx: RuntimeContext, tenantId: string, def: PoolEntryDefinition): Promise<string | null> {
  if (def.pool.members.team === undefined) return null;
  return findTeam(await loadRoutingTeams(ctx.db, tenantId), def.pool.members.team)?.id ?? null;
}

/** A member claims an unassigned lead, within the pool's claim limit (counted under the member's load lock). */
export async function claimLead(
  ctx: RuntimeContext,
  actor: Actor,
  poolId: string,
  recordId: string,
): Promise<PoolEntry> {
  const call = await poolOrThrow(ctx, actor, poolId);
  return inPoolTx(ctx, actor, call, recordId, async (tx, { record, entry }) => {
    if (!call.member) throw new LeadforgeError('FORBIDDEN', 'only members of the pool may claim its leads');
    await lockLoads(tx, actor.tenantId);
    const limit = call.def.pool.claimLimit;
    if (limit !== undefined) {
      const { rows } = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pool_entries WHERE tenant_id = $1 AND pool = $2 AND holder_id = $3 AND status = ANY($4::text[])`,
        [actor.tenantId, call.def.pool.id, actor.userId, HELD_STATUSES],
      );
      const held = Number(rows[0]?.n ?? 0);
      if (held >= limit)
        throw new LeadforgeError('CONFLICT', `you already hold ${held} leads of this pool, its claim limit`, [
          { path: '/claimLimit', message: `at most ${limit} leads at once; return or finish one first` },
        ]);
    }
    return movePoolEntry(tx, {
      tenantId: actor.tenantId,
      def: call.def,
      record,
      entry,
      action: 'claim',
      holder: { id: actor.userId, teamId: actor.teamId },
      actorId: actor.userId,
      now: ctx.clock.now(),
    });
  });
}

function holderOrThrow(actor: Actor, entry: PoolEntry, admin: boolean, what: string): void {
  if (entry.holderId !== actor.userId && !admin)
    throw new LeadforgeError('FORBIDDEN', `only the member holding the lead may ${what} it`);
}

/** The holder accepts a claimed lead: pending → in progress (the follow-up timer starts). */
export async function acceptLead(
  ctx: RuntimeContext,
  actor: Actor,
  poolId: string,
  recordId: string,
): Promise<PoolEntry> {
  const call = await poolOrThrow(ctx, actor, poolId);
  return inPoolTx(ctx, actor, call, recordId, async (tx, { record, entry }) => {
    holderOrThrow(actor, entry, false, 'accept');
    return movePoolEntry(tx, {
      tenantId: actor.tenantId,
      def: call.def,
      record,
      entry,
      action: 'accept',
      actorId: actor.userId,
      now: ctx.clock.now(),
    });
  });
}

function reasonOrThrow(call: PoolCall, reason: string): string {
  const allowed = call.def.pool.returnReasons?.map((r) => r.id);
  if (allowed && !allowed.includes(reason))
    throw new LeadforgeError('INVALID', `unknown return reason "${reason}"`, [
      { path: '/reason', message: `must be one of: ${allowed.join(', ')}` },
    ]);
  return reason;
}

/** The holder (or an admin) returns a lead to the pool with a reason. */
export async function returnLead(
  ctx: RuntimeContext,
  actor: Actor,
  poolId: string,
  recordId: string,
  reason: string,
): Promise<PoolEntry> {
  const call = await poolOrThrow(ctx, actor, poolId);
  const why = reasonOrThrow(call, reason);
  const teamId = await poolTeamId(ctx, actor.tenantId, call.def);
  return inPoolTx(ctx, actor, call, recordId, async (tx, { record, entry }) => {
    holderOrThrow(actor, entry, call.admin, 'return');
    return movePoolEntry(tx, {
      tenantId: actor.tenantId,
      def: call.def,
      record,
      entry,
      action: 'return',
      poolTeamId: teamId,
      reason: why,
      actorId: actor.userId,
      now: ctx.clock.now(),
    });
  });
}

/** An admin takes a held lead back into the pool; the holder is told. */
export async function reclaimLead(
  ctx: RuntimeContext,
  actor: Actor,
  poolId: string,
  recordId: string,
  reason: string | undefined,
): Promise<PoolEntry> {
  const call = await poolOrThrow(ctx, actor, poolId);
  if (!call.admin) throw new LeadforgeError('FORBIDDEN', 'only admins may reclaim leads');
  const teamId = await poolTeamId(ctx, actor.tenantId, call.def);
  return inPoolTx(ctx, actor, call, recordId, async (tx, { record, entry }) => {
    const now = ctx.clock.now();
    const moved = await movePoolEntry(tx, {
      tenantId: actor.tenantId,
      def: call.def,
      record,
      entry,
      action: 'reclaim',
      poolTeamId: teamId,
      reason: reason ?? 'reclaimed by an admin',
      actorId: actor.userId,
      now,
    });
    if (entry.holderId && entry.holderId !== actor.userId)
      await notifyUser(
        tx,
        {
          tenantId: actor.tenantId,
          userId: entry.holderId,
          kind: 'pool.reclaimed',
          title: `${recordTitle(record)} went back to pool ${call.def.pool.id}`,
          body: reason ?? 'reclaimed by an admin',
          object: record.object,
          recordId: record.id,
          data: { pool: call.def.pool.id },
        },
        now,
      );
    return moved;
  });
}

/** The holder (or an admin) closes a lead: converted (from in progress) or invalid. */
export async function setPoolStatus(
  ctx: RuntimeContext,
  actor: Actor,
  poolId: string,
  recordId: string,
  status: 'in_progress' | 'converted' | 'invalid',
): Promise<PoolEntry> {
  if (status === 'in_progress') return acceptLead(ctx, actor, poolId, recordId);
  const call = await poolOrThrow(ctx, actor, poolId);
  return inPoolTx(ctx, actor, call, recordId, async (tx, { record, entry }) => {
    if (!(entry.status === 'unassigned' && call.admin)) holderOrThrow(actor, entry, call.admin, 'close');
    return movePoolEntry(tx, {
      tenantId: actor.tenantId,
      def: call.def,
      record,
      entry,
      action: status === 'converted' ? 'convert' : 'invalidate',
      actorId: actor.userId,
      now: ctx.clock.now(),
    });
  });
}
