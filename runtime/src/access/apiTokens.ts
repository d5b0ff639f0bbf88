import { randomUUID } from 'node:crypto';
import { type Clock, LeadforgeError, type SqlExecutor } from '@leadforge/engine';
import type { RuntimeContext } from '../context.js';
import { UUID } from '../records/recordInput.js';
import { hashToken, newSecretToken } from './secretTokens.js';
import type { Actor } from './types.js';

export interface ApiTokenInfo {
  readonly id: string;
  readonly name: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

interface TokenDbRow {
  id: string;
  name: string;
  user_id: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
const toInfo = (r: TokenDbRow): ApiTokenInfo => ({
  id: r.id,
  name: r.name,
  userId: r.user_id,
  createdAt: iso(r.created_at)!,
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});

/** An API token acts as the user who made it, with that user's role and scope. The secret is shown once. */
export async function createApiToken(
  db: SqlExecutor,
  tenantId: string,
  userId: string,
  name: string,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = newSecretToken('lft_');
  const { rows } = await db.query<TokenDbRow>(
    `INSERT INTO api_tokens (tenant_id, id, token_hash, user_id, name) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, name, user_id, created_at, last_used_at, revoked_at`,
    [tenantId, randomUUID(), hashToken(token), userId, name],
  );
  return { token, info: toInfo(rows[0]!) };
}

export async function listApiTokens(db: SqlExecutor, tenantId: string, userId: string): Promise<ApiTokenInfo[]> {
  const { rows } = await db.query<TokenDbRow>(
    `SELECT id, name, user_id, created_at, last_used_at, revoked_at FROM api_tokens
      WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at, id`,
    [tenantId, userId],
  );
  return rows.map(toInfo);
}

export async function revokeApiToken(
  db: SqlExecutor,
  clock: Clock,
  tenantId: string,
  userId: string,
  id: string,
): Promise<boolean> {
  const res = await db.query(
    'UPDATE api_tokens SET revoked_at = $4 WHERE tenant_id = $1 AND user_id = $2 AND id = $3 AND revoked_at IS NULL',
    [tenantId, userId, id, clock.now()],
  );
  return res.rowCount > 0;
}

/**
 * Revokes one of the actor's own tokens and forgets the actor's cached sessions, so the token
 * stops working at once; any other id (malformed, someone else's, already revoked) is NOT_FOUND.
 */
export async function revokeOwnApiTokenOrThrow(ctx: RuntimeContext, actor: Actor, id: string): Promise<void> {
  if (!UUID.test(id) || !(await revokeApiToken(ctx.db, ctx.clock, actor.tenantId, actor.userId, id.toLowerCase())))
    throw new LeadforgeError('NOT_FOUND', 'token not found');
  ctx.actors.forgetUser(actor.tenantId, actor.userId);
}

interface TokenJoinRow {
  tenant_id: string;
  id: string;
  user_id: string;
  last_used_at: Date | string | null;
  role: string;
  team_id: string | null;
}

export async function resolveApiToken(db: SqlExecutor, clock: Clock, token: string): Promise<Actor | null> {
  const { rows } = await db.query<TokenJoinRow>(
    `SELECT t.tenant_id, t.id, t.user_id, t.last_used_at, u.role, u.team_id
       FROM api_tokens t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  const now = clock.now();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.query('UPDATE api_tokens SET last_used_at = $3 WHERE tenant_id = $1 AND id = $2', [
      row.tenant_id,
      row.id,
      now,
    ]);
  }
  return { tenantId: row.tenant_id, userId: row.user_id, role: row.role, teamId: row.team_id, via: 'token' };
}
