import type { RecordDbRow, SqlExecutor } from '@leadforge/engine';
import type { AutomationRecord } from '../../../engine/src/automation/index.js';

/** The columns an automation reads of a record (selected by `AUTOMATION_RECORD_COLUMNS`). */
export type AutomationRecordRow = Omit<RecordDbRow, 'created_by' | 'deleted_at'>;

export function toAutomationRecord(r: AutomationRecordRow): AutomationRecord {
  return {
    id: r.id,
    object: r.object,
    version: Number(r.version),
    ownerId: r.owner_id,
    teamId: r.team_id,
    data: r.data,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

export const AUTOMATION_RECORD_COLUMNS =
  'id::text AS id, object, version, owner_id::text AS owner_id, team_id::text AS team_id, data, created_at, updated_at';

/**
 * The live (not deleted) records among `ids`, by id. With `lock`, locked for the transaction in
 * id order by one statement: two dispatchers whose batches share records lock them in the same
 * order and cannot deadlock on them.
 */
export async function loadAutomationRecords(
  db: SqlExecutor,
  tenantId: string,
  ids: readonly string[],
  options: { readonly lock?: boolean } = {},
): Promise<Map<string, AutomationRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<AutomationRecordRow>(
    `SELECT ${AUTOMATION_RECORD_COLUMNS} FROM records WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL${
      options.lock ? ' ORDER BY id FOR UPDATE' : ''
    }`,
    [tenantId, [...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, toAutomationRecord(r)]));
}

/** One live record, locked for the run's transaction; null when it is gone. */
export async function lockAutomationRecord(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
): Promise<AutomationRecord | null> {
  const { rows } = await tx.query<AutomationRecordRow>(
    `SELECT ${AUTOMATION_RECORD_COLUMNS} FROM records WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`,
    [tenantId, id],
  );
  return rows[0] ? toAutomationRecord(rows[0]) : null;
}
