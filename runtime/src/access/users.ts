import { randomUUID } from 'node:crypto';
import { LeadforgeError, type SqlExecutor } from '@leadforge/engine';
import { hashPassword, PASSWORD_MIN_LENGTH } from './passwords.js';
import type { UserRow } from './types.js';

interface UserDbRow {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: string;
  team_id: string | null;
  manager_id: string | null;
  active: boolean;
  away: boolean;
  created_at: Date | string;
}

export const USER_COLUMNS = 'id, tenant_id, email, name, role, team_id, manager_id, active, away, created_at';

export function toUser(row: UserDbRow): UserRow {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamId: row.team_id,
    managerId: row.manager_id,
    active: row.active,
    away: row.away,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly role: string;
  readonly teamId?: string | null;
  readonly managerId?: string | null;
}

export async function createUser(db: SqlExecutor, tenantId: string, input: NewUser): Promise<UserRow> {
  if (input.password.length < PASSWORD_MIN_LENGTH) {
    throw new LeadforgeError('INVALID', 'password is too short', [
      { path: '/password', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` },
    ]);
  }
  const email = input.email.trim().toLowerCase();
  const taken = await db.query('SELECT 1 FROM users WHERE tenant_id = $1 AND lower(email) = $2', [tenantId, email]);
  if (taken.rowCount > 0) {
    throw new LeadforgeError('CONFLICT', 'a user with this email already exists', [
      { path: '/email', message: 'is already taken' },
    ]);
  }
  const hash = await hashPassword(input.password);
  const { rows } = await db.query<UserDbRow>(
    `INSERT INTO users (tenant_id, id, email, name, password_hash, role, team_id, manager_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${USER_COLUMNS}`,
    [tenantId, randomUUID(), email, input.name, hash, input.role, input.teamId ?? null, input.managerId ?? null],
  );
  return toUser(rows[0]!);
}

export async function getUser(db: SqlExecutor, tenantId: string, userId: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserDbRow>(`SELECT ${USER_COLUMNS} FROM users WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    userId,
  ]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: SqlExecutor, tenantId: string): Promise<UserRow[]> {
  const { rows } = await db.query<UserDbRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE tenant_id = $1 ORDER BY lower(email)`,
    [tenantId],
  );
  return rows.map(toUser);
}

export interface UserChanges {
  readonly name?: string;
  readonly role?: string;
  readonly teamId?: string | null;
  readonly managerId?: string | null;
  readonly active?: boolean;
  readonly away?: boolean;
  readonly password?: string;
}

/** Updates a user; disabling one ends all of their sessions and API tokens at once. */
export async function updateUser(
  db: SqlExecutor,
  tenantId: string,
  userId: string,
  changes: UserChanges,
): Promise<UserRow | null> {
  const current = await getUser(db, tenantId, userId);
  if (!current) return null;
  if (changes.password !== undefined && changes.password.length < PASSWORD_MIN_LENGTH) {
    throw new LeadforgeError('INVALID', 'password is too short', [
      { path: '/password', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` },
    ]);
  }
  const hash = changes.password !== undefined ? await hashPassword(changes.password) : null;
  const { rows } = await db.query<UserDbRow>(
    `UPDATE users SET
       name = COALESCE($3, name),
       role = COALESCE($4, role),
       team_id = CASE WHEN $5::boolean THEN $6::uuid ELSE team_id END,
       manager_id = CASE WHEN $7::boolean THEN $8::uuid ELSE manager_id END,
       active = COALESCE($9, active),
       away = COALESCE($10, away),
       password_hash = COALESCE($11, password_hash)
     WHERE tenant_id = $1 AND id = $2 RETURNING ${USER_COLUMNS}`,
    [
      tenantId,
      userId,
      changes.name ?? null,
      changes.role ?? null,
      changes.teamId !== undefined,
      changes.teamId ?? null,
      changes.managerId !== undefined,
      changes.managerId ?? null,
      changes.active ?? null,
      changes.away ?? null,
      hash,
    ],
  );
  if (changes.active === false || changes.password !== undefined) {
    await db.query('DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId]);
  }
  return rows[0] ? toUser(rows[0]) : null;
}

export async function countUsers(db: SqlExecutor, tenantId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE tenant_id = $1', [
    tenantId,
  ]);
  return rows[0]?.n ?? 0;
}
