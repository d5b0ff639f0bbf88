import { getRecord, isRecordId, type RecordKey, recordWhere } from './getRecord.js';
import { query } from './query.js';
import { RECORD_COLUMNS, type RecordDbRow, type RecordRow, timestamp, toRecordRow } from './recordRow.js';
import { type SqlFragment, sql } from './sql.js';
import { assertStorableData } from './storableData.js';
import type { SqlExecutor } from './types.js';

/** What a write that names an expected version can come to. */
export type WriteResult =
  | { readonly status: 'ok'; readonly record: RecordRow }
  | { readonly status: 'stale'; readonly currentVersion: number }
  | { readonly status: 'not_found' };

export interface RecordUpdate extends RecordKey {
  readonly expectedVersion: number;
  /** Field → new value; `null` removes the field. Fields not named keep their value. */
  readonly set: Record<string, unknown>;
  readonly owner?: { readonly ownerId: string | null; readonly teamId: string | null };
  readonly actorId: string | null;
  readonly now?: Date;
}

/** `{ field: { from, to } }` for every data key that differs, plus `owner` / `team` when they moved. */
const CHANGES = sql`COALESCE((
    SELECT jsonb_object_agg(k, jsonb_build_object('from', u.old_data->k, 'to', u.data->k))
    FROM (SELECT jsonb_object_keys(u.old_data) UNION SELECT jsonb_object_keys(u.data)) AS keys(k)
    WHERE u.old_data->k IS DISTINCT FROM u.data->k
  ), '{}'::jsonb)
  || CASE WHEN u.old_owner IS DISTINCT FROM u.owner_id
       THEN jsonb_build_object('owner', jsonb_build_object('from', u.old_owner, 'to', u.owner_id)) ELSE '{}'::jsonb END
  || CASE WHEN u.old_team IS DISTINCT FROM u.team_id
       THEN jsonb_build_object('team', jsonb_build_object('from', u.old_team, 'to', u.team_id)) ELSE '{}'::jsonb END`;

/** After a write touched no row: say whether the record is gone, moved on, or simply unchanged. */
export async function explainNoWrite(
  db: SqlExecutor,
  key: RecordKey,
  expectedVersion: number | undefined,
  deleted: boolean,
): Promise<WriteResult> {
  const current = await getRecord(db, { ...key, includeDeleted: true });
  if (current === null || (current.deletedAt !== null) !== deleted) return { status: 'not_found' };
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    return { status: 'stale', currentVersion: current.version };
  }
  return { status: 'ok', record: current };
}

/**
 * Applies a patch in one `UPDATE … WHERE version = expected` (no read-modify-write race: of two
 * writers holding the same version exactly one wins), bumps the version and writes one history
 * row listing only the fields that changed. A patch that changes nothing answers ok with the
 * record as it is: no new version, no history row. Fields not in the patch, including those an
 * app version no longer defines, are kept.
 */
export async function updateRecord(db: SqlExecutor, input: RecordUpdate): Promise<WriteResult> {
  if (!isRecordId(input.id)) return { status: 'not_found' };
  const setValues = Object.fromEntries(Object.entries(input.set).filter(([, v]) => v !== null && v !== undefined));
  const removed = Object.keys(input.set).filter((k) => input.set[k] === null || input.set[k] === undefined);
  assertStorableData(setValues, '/set');
  const at = timestamp(input.now);
  const newOwner: SqlFragment = input.owner ? sql`${input.owner.ownerId}::uuid` : sql`t.owner_id`;
  const newTeam: SqlFragment = input.owner ? sql`${input.owner.teamId}::uuid` : sql`t.team_id`;
  const dataOnly = input.owner === undefined;
  const rows = await query<RecordDbRow>(
    db,
    sql`WITH target AS (
  SELECT tenant_id, id, data AS old_data, owner_id AS old_owner, team_id AS old_team,
    (data - ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(removed)}::jsonb))) || ${JSON.stringify(setValues)}::jsonb AS new_data,
    ${newOwner} AS new_owner, ${newTeam} AS new_team
  FROM records t
  WHERE ${recordWhere(input)} AND deleted_at IS NULL AND version = ${input.expectedVersion}::int
), u AS (
  UPDATE records r
  SET data = t.new_data, owner_id = t.new_owner, team_id = t.new_team, version = r.version + 1, updated_at = ${at}
  FROM target t
  WHERE r.tenant_id = t.tenant_id AND r.id = t.id AND r.version = ${input.expectedVersion}::int AND r.deleted_at IS NULL
    AND (t.new_data <> t.old_data OR t.new_owner IS DISTINCT FROM t.old_owner OR t.new_team IS DISTINCT FROM t.old_team)
  RETURNING r.*, t.old_data, t.old_owner, t.old_team
), h AS (
  INSERT INTO record_history (tenant_id, record_id, object, version, actor_id, at, action, changes)
  SELECT u.tenant_id, u.id, u.object, u.version, ${input.actorId}::uuid, u.updated_at,
    CASE WHEN ${dataOnly}::boolean OR u.data <> u.old_data THEN 'update' ELSE 'assign' END, ${CHANGES}
  FROM u
)
SELECT ${RECORD_COLUMNS} FROM u`,
  );
  if (rows[0]) return { status: 'ok', record: toRecordRow(rows[0]) };
  return explainNoWrite(db, input, input.expectedVersion, false);
}
