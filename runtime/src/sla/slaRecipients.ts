import type { SlaNotifyTarget, SqlExecutor } from '@leadforge/engine';

/**
 * Who a step notifies: the owner, or the owner's manager (`users.manager_id`, else the manager
 * of the owner's team, else of the record's team). Null when nobody fits (or only the owner
 * would be their own manager).
 */
export async function slaRecipient(
  tx: SqlExecutor,
  tenantId: string,
  target: SlaNotifyTarget,
  ownerId: string,
  recordTeamId: string | null,
): Promise<string | null> {
  if (target === 'owner') return ownerId;
  const { rows } = await tx.query<{ manager: string | null }>(
    `SELECT COALESCE(u.manager_id, ut.manager_id, rt.manager_id)::text AS manager
       FROM (SELECT 1) one
       LEFT JOIN users u ON u.tenant_id = $1 AND u.id = $2
       LEFT JOIN teams ut ON ut.tenant_id = $1 AND ut.id = u.team_id
       LEFT JOIN teams rt ON rt.tenant_id = $1 AND rt.id = $3`,
    [tenantId, ownerId, recordTeamId],
  );
  const manager = rows[0]?.manager ?? null;
  return manager === ownerId ? null : manager;
}
