import { LeadforgeError } from '../errors/types.js';
import { query } from './query.js';
import { RECORD_COLUMNS, type RecordDbRow, type RecordRow, timestamp, toRecordRow } from './recordRow.js';
import { sql } from './sql.js';
import { assertStorableData, withoutNulls } from './storableData.js';
import type { SqlExecutor } from './types.js';

export interface NewRecord {
  readonly tenantId: string;
  readonly object: string;
  readonly data: Record<string, unknown>;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  readonly actorId: string | null;
  /** Given by imports and idempotent capture; a fresh UUID otherwise. */
  readonly id?: string;
  readonly now?: Date;
  /** Where a captured record came from (the `attribution` column, issue 3); null otherwise. */
  readonly attribution?: unknown;
}

/**
 * Stores a new record (version 1) and its 'create' history row in one statement. Null values are
 * dropped. A given id that is already taken in the tenant is a CONFLICT error.
 */
export async function insertRecord(db: SqlExecutor, input: NewRecord): Promise<RecordRow> {
  const data = withoutNulls(input.data);
  assertStorableData(data);
  const changes: Record<string, { from: null; to: unknown }> = {};
  for (const [key, value] of Object.entries(data)) changes[key] = { from: null, to: value };
  if (input.ownerId !== null) changes['owner'] = { from: null, to: input.ownerId };
  if (input.teamId !== null) changes['team'] = { from: null, to: input.teamId };
  const at = timestamp(input.now);
  const rows = await query<RecordDbRow>(
    db,
    sql`WITH r AS (
  INSERT INTO records (tenant_id, object, id, data, owner_id, team_id, created_by, created_at, updated_at, version, attribution)
  VALUES (${input.tenantId}, ${input.object}, COALESCE(${input.id ?? null}::uuid, gen_random_uuid()), ${JSON.stringify(data)}::jsonb,
    ${input.ownerId}::uuid, ${input.teamId}::uuid, ${input.actorId}::uuid, ${at}, ${at}, 1,
    ${input.attribution === undefined ? null : JSON.stringify(input.attribution)}::jsonb)
  ON CONFLICT (tenant_id, id) DO NOTHING
  RETURNING *
), h AS (
  INSERT INTO record_history (tenant_id, record_id, object, version, actor_id, at, action, changes)
  SELECT tenant_id, id, object, version, created_by, created_at, 'create', ${JSON.stringify(changes)}::jsonb FROM r
)
SELECT ${RECORD_COLUMNS} FROM r`,
  );
  if (!rows[0])
    throw new LeadforgeError('CONFLICT', `a record with id ${input.id} already exists`, [
      { path: '/id', message: 'is taken' },
    ]);
  return toRecordRow(rows[0]);
}
