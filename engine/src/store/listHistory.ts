import { getRecord, type RecordKey } from './getRecord.js';
import { type HistoryEntry, isoString } from './recordRow.js';
import type { SqlExecutor } from './types.js';

interface HistoryDbRow {
  version: number;
  action: HistoryEntry['action'];
  actor_id: string | null;
  at: Date | string;
  changes: HistoryEntry['changes'];
}

/** A record's history, oldest first; null when the record (live or deleted) is not visible in the scope. */
export async function listHistory(db: SqlExecutor, key: RecordKey): Promise<HistoryEntry[] | null> {
  const record = await getRecord(db, { ...key, includeDeleted: true });
  if (record === null) return null;
  const { rows } = await db.query<HistoryDbRow>(
    `SELECT version, action, actor_id, at, changes FROM record_history
     WHERE tenant_id = $1 AND record_id = $2::uuid ORDER BY id`,
    [key.tenantId, record.id],
  );
  return rows.map((r) => ({
    version: Number(r.version),
    action: r.action,
    actorId: r.actor_id,
    at: isoString(r.at),
    changes: r.changes,
  }));
}
