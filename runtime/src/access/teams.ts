import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@leadforge/engine';
import type { TeamRow } from './types.js';

interface TeamDbRow {
  id: string;
  name: string;
  manager_id: string | null;
}

const toTeam = (r: TeamDbRow): TeamRow => ({ id: r.id, name: r.name, managerId: r.manager_id });

export async function createTeam(
  db: SqlExecutor,
  tenantId: string,
  input: { name: string; managerId?: string | null },
): Promise<TeamRow> {
  const { rows } = await db.query<TeamDbRow>(
    'INSERT INTO teams (tenant_id, id, name, manager_id, created_at) VALUES ($1, $2, $3, $4, now()) RETURNING id, name, manager_id',
    [tenantId, randomUUID(), input.name, input.managerId ?? null],
  );
  return toTeam(rows[0]!);
}

export async function listTeams(db: SqlExecutor, tenantId: string): Promise<TeamRow[]> {
  const { rows } = await db.query<TeamDbRow>(
    'SELECT id, name, manager_id FROM teams WHERE tenant_id = $1 ORDER BY name, id',
    [tenantId],
  );
  return rows.map(toTeam);
}

export async function getTeam(db: SqlExecutor, tenantId: string, teamId: string): Promise<TeamRow | null> {
  const { rows } = await db.query<TeamDbRow>(
    'SELECT id, name, manager_id FROM teams WHERE tenant_id = $1 AND id = $2',
    [tenantId, teamId],
  );
  return rows[0] ? toTeam(rows[0]) : null;
}
