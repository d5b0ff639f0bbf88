import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@leadforge/engine';

/** A record as the router locks it. */
export interface LockedRecord {
  readonly id: string;
  readonly object: string;
  readonly data: Record<string, unknown>;
  readonly ownerId: string | null;
  readonly teamId: string | null;
}

/** Locks a live record for the rest of the transaction; null when it does not exist (or is deleted). */
export async function lockRecord(
  tx: SqlExecutor,
  tenantId: string,
  object: string,
  id: string,
): Promise<LockedRecord | null> {
  const { rows } = await tx.query<{
    id: string;
    object: string;
    data: Record<string, unknown>;
    owner_id: string | null;
    team_id: string | null;
  }>(
    `SELECT id, object, data, owner_id, team_id FROM records
      WHERE tenant_id = $1 AND object = $2 AND id = $3::uuid AND deleted_at IS NULL FOR UPDATE`,
    [tenantId, object, id],
  );
  const r = rows[0];
  return r ? { id: r.id, object: r.object, data: r.data, ownerId: r.owner_id, teamId: r.team_id } : null;
}

/** How a record reads in a notification: its name, else its email, else its id. */
export function recordTitle(record: Pick<LockedRecord, 'id' | 'data'>): string {
  for (const field of ['name', 'company_name', 'email']) {
    const v = record.data[field];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return record.id;
}

/**
 * Gives a locked record a new owner and team (null = nobody): bumps its version and writes an
 * `assign` history row and a `record.assigned` event, in the caller's transaction.
 */
export async function setRecordOwner(
  tx: SqlExecutor,
  tenantId: string,
  record: LockedRecord,
  to: { readonly ownerId: string | null; readonly teamId: string | null },
  actorId: string | null,
  now: Date,
  eventData: Readonly<Record<string, unknown>>,
): Promise<void> {
  if (record.ownerId === to.ownerId && record.teamId === to.teamId) return;
  const { rows } = await tx.query<{ version: number }>(
    `UPDATE records SET owner_id = $3, team_id = $4, version = version + 1, updated_at = $5
      WHERE tenant_id = $1 AND id = $2 RETURNING version`,
    [tenantId, record.id, to.ownerId, to.teamId, now],
  );
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (record.ownerId !== to.ownerId) changes['owner'] = { from: record.ownerId, to: to.ownerId };
  if (record.teamId !== to.teamId) changes['team'] = { from: record.teamId, to: to.teamId };
  await tx.query(
    `INSERT INTO record_history (tenant_id, record_id, object, version, actor_id, at, action, changes)
     VALUES ($1, $2, $3, $4, $5, $6, 'assign', $7::jsonb)`,
    [tenantId, record.id, record.object, rows[0]!.version, actorId, now, JSON.stringify(changes)],
  );
  await tx.query(
    `INSERT INTO events (tenant_id, id, record_id, object, type, at, data) VALUES ($1, $2, $3, $4, 'record.assigned', $5, $6::jsonb)`,
    [
      tenantId,
      randomUUID(),
      record.id,
      record.object,
      now,
      JSON.stringify({ ownerId: to.ownerId, teamId: to.teamId, ...eventData }),
    ],
  );
}
