import type { RoutingTeam, RoutingUser, SqlExecutor } from '@leadforge/engine';

interface UserDbRow {
  id: string;
  email: string;
  role: string;
  team_id: string | null;
  active: boolean;
  away: boolean;
}

/** Every user of the tenant as routing sees them (inactive ones too: a reason names them). */
export async function loadRoutingUsers(db: SqlExecutor, tenantId: string): Promise<RoutingUser[]> {
  const { rows } = await db.query<UserDbRow>(
    'SELECT id, email, role, team_id, active, away FROM users WHERE tenant_id = $1 ORDER BY lower(email), id',
    [tenantId],
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    teamId: r.team_id,
    active: r.active,
    away: r.away,
  }));
}

export async function loadRoutingTeams(db: SqlExecutor, tenantId: string): Promise<RoutingTeam[]> {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM teams WHERE tenant_id = $1 ORDER BY name, id',
    [tenantId],
  );
  return rows;
}

/**
 * Open leads per owner: live records of the object, not in a won/lost stage and not converted or
 * invalid in a lead pool (docs/routing.md, capacity).
 */
export async function openLoads(
  db: SqlExecutor,
  tenantId: string,
  object: string,
  userIds: readonly string[],
): Promise<Record<string, number>> {
  if (userIds.length === 0) return {};
  const { rows } = await db.query<{ owner_id: string; n: number }>(
    `SELECT r.owner_id, count(*)::int AS n FROM records r
      WHERE r.tenant_id = $1 AND r.object = $2 AND r.owner_id = ANY($3::uuid[]) AND r.deleted_at IS NULL
        AND COALESCE(r.data->>'stage', '') NOT IN ('won', 'lost')
        AND NOT EXISTS (SELECT 1 FROM pool_entries p WHERE p.tenant_id = r.tenant_id AND p.record_id = r.id
                          AND p.status IN ('converted', 'invalid'))
      GROUP BY r.owner_id`,
    [tenantId, object, userIds],
  );
  return Object.fromEntries(rows.map((r) => [r.owner_id, Number(r.n)]));
}

/** Namespace of the advisory lock that serialises decisions about users' loads. */
const LOAD_LOCK = 471_104_207;

/**
 * Holds the tenant's load lock until the transaction ends: a capacity decision or a pool claim
 * counts loads no one else is changing. One lock per tenant rather than one per user: a router
 * that falls from one capacity rule to another would otherwise take user locks out of order and
 * could deadlock with another router.
 */
export async function lockLoads(tx: SqlExecutor, tenantId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [LOAD_LOCK, tenantId]);
}

/** Advances a rule's turn counter and answers the turn this router took (0 for the first lead). */
export async function takeTurn(tx: SqlExecutor, tenantId: string, routing: string, key: string): Promise<number> {
  const { rows } = await tx.query<{ turns: string | number }>(
    `INSERT INTO routing_counters (tenant_id, routing, counter_key, turns) VALUES ($1, $2, $3, 1)
     ON CONFLICT (tenant_id, routing, counter_key) DO UPDATE SET turns = routing_counters.turns + 1
     RETURNING turns`,
    [tenantId, routing, key],
  );
  return Number(rows[0]!.turns) - 1;
}

/** Current turn counters of a routing (dry runs read them without taking a turn). */
export async function readTurns(db: SqlExecutor, tenantId: string, routing: string): Promise<Record<string, number>> {
  const { rows } = await db.query<{ counter_key: string; turns: string | number }>(
    'SELECT counter_key, turns FROM routing_counters WHERE tenant_id = $1 AND routing = $2',
    [tenantId, routing],
  );
  return Object.fromEntries(rows.map((r) => [r.counter_key, Number(r.turns)]));
}
