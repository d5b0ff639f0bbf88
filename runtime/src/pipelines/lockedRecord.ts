import {
  LeadforgeError,
  query,
  type RecordDbRow,
  type RowScope,
  type SqlExecutor,
  scopeCondition,
  sql,
} from '@leadforge/engine';

/** A live record read under a row lock, as pipeline, task and approval writes need it. */
export interface LockedRecord {
  readonly id: string;
  readonly object: string;
  readonly version: number;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly data: Record<string, unknown>;
}

type Row = Omit<RecordDbRow, 'deleted_at'>;

/** Locks a live record the scope lets the caller see (scope undefined: a system caller); NOT_FOUND otherwise. */
export async function lockRecordOrThrow(
  tx: SqlExecutor,
  tenantId: string,
  object: string,
  id: string,
  scope: RowScope | undefined,
): Promise<LockedRecord> {
  const rows = await query<Row>(
    tx,
    sql`SELECT id, object, version, owner_id, team_id, created_by, created_at, updated_at, data FROM records
WHERE tenant_id = ${tenantId} AND object = ${object} AND id = ${id}::uuid AND deleted_at IS NULL
  AND ${scope ? scopeCondition(scope) : sql`TRUE`} FOR UPDATE`,
  );
  const row = rows[0];
  if (!row) throw new LeadforgeError('NOT_FOUND', 'record not found');
  return {
    id: row.id,
    object: row.object,
    version: Number(row.version),
    ownerId: row.owner_id,
    teamId: row.team_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    data: row.data,
  };
}

/** The record as rules read it: field values plus the system names (id, owner, team, created_at…). */
export function ruleDataOf(record: LockedRecord): Record<string, unknown> {
  return {
    ...record.data,
    id: record.id,
    owner: record.ownerId,
    team: record.teamId,
    created_by: record.createdBy,
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
  };
}
