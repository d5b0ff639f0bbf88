import type { SqlExecutor } from '@leadforge/engine';
import type { AutomationRecord } from '../../../engine/src/automation/index.js';

interface RecordDbRow {
  id: string;
  object: string;
  version: number;
  owner_id: string | null;
  team_id: string | null;
  data: Record<string, unknown>;
  created_at: Date | string;
  updated_at: Date | string;
}

function toRecord(r: RecordDbRow): AutomationRecord {
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

const COLUMNS =
  'id::text AS id, object, version, owner_id::text AS owner_id, team_id::text AS team_id, data, created_at, updated_at';

/** The live (not deleted) records among `ids`, by id. */
export async function loadAutomationRecords(
  db: SqlExecutor,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, AutomationRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<RecordDbRow>(
    `SELECT ${COLUMNS} FROM records WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL`,
    [tenantId, [...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, toRecord(r)]));
}

/** One live record, locked for the run's transaction; null when it is gone. */
export async function lockAutomationRecord(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
): Promise<AutomationRecord | null> {
  const { rows } = await tx.query<RecordDbRow>(
    `SELECT ${COLUMNS} FROM records WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`,
    [tenantId, id],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}
