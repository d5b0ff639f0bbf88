import { isUuid } from '../filter/isUuid.js';
import { query } from './query.js';
import { RECORD_COLUMNS, type RecordDbRow, type RecordRow, toRecordRow } from './recordRow.js';
import { type RowScope, scopeCondition } from './rowScope.js';
import { type SqlFragment, sql } from './sql.js';
import type { SqlExecutor } from './types.js';

export interface RecordKey {
  readonly tenantId: string;
  readonly object: string;
  readonly id: string;
  readonly scope: RowScope;
}

/** False for ids that cannot name a record (a URL segment like `abc`): callers answer not found, not a SQL error. */
export function isRecordId(id: string): boolean {
  return isUuid(id);
}

/** `tenant AND object AND id AND scope`: the one way a single record is addressed. */
export function recordWhere(key: RecordKey): SqlFragment {
  return sql`tenant_id = ${key.tenantId} AND object = ${key.object} AND id = ${key.id}::uuid AND ${scopeCondition(key.scope)}`;
}

/** The record if it exists in this tenant and object and is visible in the scope; deleted ones only on request. */
export async function getRecord(
  db: SqlExecutor,
  key: RecordKey & { readonly includeDeleted?: boolean },
): Promise<RecordRow | null> {
  if (!isRecordId(key.id)) return null;
  const live = key.includeDeleted ? sql`` : sql` AND deleted_at IS NULL`;
  const rows = await query<RecordDbRow>(
    db,
    sql`SELECT ${RECORD_COLUMNS} FROM records WHERE ${recordWhere(key)}${live}`,
  );
  return rows[0] ? toRecordRow(rows[0]) : null;
}
