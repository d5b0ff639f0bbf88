import { isRecordId, type RecordKey, recordWhere } from './getRecord.js';
import { query } from './query.js';
import { RECORD_COLUMNS, type RecordDbRow, timestamp, toRecordRow } from './recordRow.js';
import { sql } from './sql.js';
import type { SqlExecutor } from './types.js';
import { explainNoWrite, type WriteResult } from './updateRecord.js';

export interface RecordLifecycleChange extends RecordKey {
  readonly actorId: string | null;
  /** When given, the change only applies to this version (409 otherwise). */
  readonly expectedVersion?: number;
  readonly now?: Date;
}

async function setDeleted(db: SqlExecutor, input: RecordLifecycleChange, deleting: boolean): Promise<WriteResult> {
  if (!isRecordId(input.id)) return { status: 'not_found' };
  const at = timestamp(input.now);
  const state = deleting ? sql`deleted_at IS NULL` : sql`deleted_at IS NOT NULL`;
  const version = input.expectedVersion === undefined ? sql`` : sql` AND version = ${input.expectedVersion}::int`;
  const action = deleting ? 'delete' : 'restore';
  const rows = await query<RecordDbRow>(
    db,
    sql`WITH u AS (
  UPDATE records SET deleted_at = ${deleting ? at : sql`NULL`}, updated_at = ${at}, version = version + 1
  WHERE ${recordWhere(input)} AND ${state}${version}
  RETURNING *
), h AS (
  INSERT INTO record_history (tenant_id, record_id, object, version, actor_id, at, action, changes)
  SELECT tenant_id, id, object, version, ${input.actorId}::uuid, updated_at, ${action}, '{}'::jsonb FROM u
)
SELECT ${RECORD_COLUMNS} FROM u`,
  );
  if (rows[0]) return { status: 'ok', record: toRecordRow(rows[0]) };
  return explainNoWrite(db, input, input.expectedVersion, !deleting).then((r) =>
    // the record is in the requested state already: that is "not found" for this verb, not a success
    r.status === 'ok' ? { status: 'not_found' } : r,
  );
}

/**
 * Marks a live record deleted (it leaves lists and reads, keeps its data and history) and bumps
 * its version. Deleting a record that is already deleted answers not_found.
 */
export function softDeleteRecord(db: SqlExecutor, input: RecordLifecycleChange): Promise<WriteResult> {
  return setDeleted(db, input, true);
}

/** Brings a deleted record back and bumps its version. Restoring a live record answers not_found. */
export function restoreRecord(db: SqlExecutor, input: RecordLifecycleChange): Promise<WriteResult> {
  return setDeleted(db, input, false);
}
