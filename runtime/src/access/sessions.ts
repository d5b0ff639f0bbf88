import type { Clock, SqlExecutor } from '@leadforge/engine';
import type { RuntimeConfig } from '../config.js';
import { hashToken, newSecretToken } from './secretTokens.js';
import type { Actor } from './types.js';

export interface NewSession {
  readonly token: string;
  readonly expiresAt: string;
}

/** Starts a session with a fresh token (rotation: a token from before the login is never reused). */
export async function createSession(
  db: SqlExecutor,
  clock: Clock,
  config: RuntimeConfig,
  tenantId: string,
  userId: string,
): Promise<NewSession> {
  const token = newSecretToken('lfs_');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + config.sessionAbsoluteHours * 3600_000);
  await db.query(
    'INSERT INTO sessions (token_hash, tenant_id, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)',
    [hashToken(token), tenantId, userId, now, expiresAt],
  );
  return { token, expiresAt: expiresAt.toISOString() };
}

export async function endSession(db: SqlExecutor, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

interface SessionJoinRow {
  tenant_id: string;
  user_id: string;
  last_seen_at: Date | string;
  expires_at: Date | string;
  role: string;
  team_id: string | null;
  active: boolean;
}

export interface ResolvedCredential {
  readonly actor: Actor;
  /** Epoch ms; a token's is the time it was checked. */
  readonly lastSeenAt: number;
  /** Epoch ms; Infinity for API tokens. */
  readonly expiresAt: number;
}

/** The actor behind a session token, or null when it is unknown, idle too long, past its end or its user is disabled. */
export async function resolveSession(
  db: SqlExecutor,
  clock: Clock,
  config: RuntimeConfig,
  token: string,
): Promise<ResolvedCredential | null> {
  const tokenHash = hashToken(token);
  const { rows } = await db.query<SessionJoinRow>(
    `SELECT s.tenant_id, s.user_id, s.last_seen_at, s.expires_at, u.role, u.team_id, u.active
       FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
      WHERE s.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  const now = clock.now().getTime();
  const idleLimit = new Date(row.last_seen_at).getTime() + config.sessionIdleMinutes * 60_000;
  if (!row.active || now >= new Date(row.expires_at).getTime() || now >= idleLimit) {
    await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    return null;
  }
  let lastSeenAt = new Date(row.last_seen_at).getTime();
  // Touch at most once a minute: a busy client should not turn every read into a write.
  if (now - lastSeenAt > 60_000) {
    await db.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, new Date(now)]);
    lastSeenAt = now;
  }
  return {
    actor: { tenantId: row.tenant_id, userId: row.user_id, role: row.role, teamId: row.team_id, via: 'session' },
    lastSeenAt,
    expiresAt: new Date(row.expires_at).getTime(),
  };
}
