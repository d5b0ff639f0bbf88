import { randomUUID } from 'node:crypto';
import {
  LeadforgeError,
  query,
  RECORD_COLUMNS,
  type RecordDbRow,
  type RecordRow,
  type RowScope,
  type SqlExecutor,
  scopeCondition,
  softDeleteRecord,
  sql,
  toRecordRow,
  updateRecord,
} from '@leadforge/engine';
import { capturePolicy, planRecordMerge, type RecordAttribution } from '../../../engine/src/capture/index.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { toApiRecord, visibleFieldNames } from '../records/apiRecord.js';
import { objectAccessOrThrow } from '../records/recordAccess.js';
import { recordIdOrThrow } from '../records/recordInput.js';
import { scoreRecordsAfterWrite } from './afterCapture.js';
import { writeAttributionAndEvents } from './captureStore.js';

interface LockedRecord {
  readonly row: RecordRow;
  readonly attribution: RecordAttribution | null;
}

/** Locks live records of the object in the caller's scope, in id order (two merges cannot deadlock). */
async function lockRecords(
  tx: SqlExecutor,
  tenantId: string,
  object: string,
  ids: readonly string[],
  scope: RowScope,
): Promise<Map<string, LockedRecord>> {
  const rows = await query<RecordDbRow & { attribution: RecordAttribution | null }>(
    tx,
    sql`SELECT ${RECORD_COLUMNS}, attribution
FROM records WHERE tenant_id = ${tenantId} AND object = ${object} AND id = ANY(${[...ids]}::uuid[])
  AND deleted_at IS NULL AND ${scopeCondition(scope)}
ORDER BY id FOR UPDATE`,
  );
  return new Map(rows.map((r) => [r.id, { row: toRecordRow(r), attribution: r.attribution }]));
}

function candidate(locked: LockedRecord) {
  return {
    id: locked.row.id,
    version: locked.row.version,
    createdAt: locked.row.createdAt,
    data: locked.row.data,
    attribution: locked.attribution,
  };
}

/**
 * Merges `fromId` into `id` (issue 3, point 4): the survivor fills its empty fields from the
 * other record and takes over its events; the other record is soft-deleted with `merged_into`
 * pointing at the survivor, keeping its own history. Needs update and delete rights on both.
 */
export async function mergeRecords(ctx: RuntimeContext, actor: Actor, objectName: string, id: string, fromId: unknown) {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'update');
  if (!access.permission.delete)
    throw new LeadforgeError('FORBIDDEN', `your role may not delete ${objectName} records`);
  const survivorId = recordIdOrThrow(id);
  if (typeof fromId !== 'string')
    throw new LeadforgeError('MALFORMED', 'from must be the id of the record to merge in', [
      { path: '/from', message: 'must be a record id' },
    ]);
  const loserId = recordIdOrThrow(fromId);
  if (loserId === survivorId)
    throw new LeadforgeError('INVALID', 'a record cannot be merged into itself', [
      { path: '/from', message: 'is the same record' },
    ]);
  const policy = capturePolicy(access.app, objectName)!;
  const now = ctx.clock.now();
  const mergedEvent = randomUUID();
  const merged = await ctx.db.transaction(async (tx) => {
    const locked = await lockRecords(tx, actor.tenantId, objectName, [survivorId, loserId], access.scope);
    const survivor = locked.get(survivorId);
    const loser = locked.get(loserId);
    if (!survivor || !loser) throw new LeadforgeError('NOT_FOUND', 'record not found');
    const plan = planRecordMerge(policy, candidate(survivor), candidate(loser));
    const updated = await updateRecord(tx, {
      tenantId: actor.tenantId,
      object: objectName,
      id: survivorId,
      scope: access.scope,
      expectedVersion: survivor.row.version,
      set: { ...plan.patch },
      actorId: actor.userId,
      now,
    });
    if (updated.status !== 'ok') throw new LeadforgeError('STALE_VERSION', 'the record changed; try again');
    const deleted = await softDeleteRecord(tx, {
      tenantId: actor.tenantId,
      object: objectName,
      id: loserId,
      scope: access.scope,
      actorId: actor.userId,
      now,
    });
    if (deleted.status !== 'ok') throw new LeadforgeError('STALE_VERSION', 'the record changed; try again');
    await query(
      tx,
      sql`WITH m AS (
  UPDATE records SET merged_into = ${survivorId}::uuid WHERE tenant_id = ${actor.tenantId} AND id = ${loserId}::uuid RETURNING id
)
UPDATE events SET record_id = ${survivorId}::uuid, data = data || jsonb_build_object('mergedFrom', ${loserId}::text)
WHERE tenant_id = ${actor.tenantId} AND record_id = ${loserId}::uuid`,
    );
    await writeAttributionAndEvents(
      tx,
      actor.tenantId,
      survivorId,
      plan.attribution,
      [
        {
          id: mergedEvent,
          recordId: survivorId,
          object: objectName,
          type: 'record.merged',
          data: { from: loserId, by: actor.userId, fields: Object.keys(plan.patch).sort() },
        },
      ],
      now,
    );
    return updated.record;
  });
  // the survivor now holds both records' events: rescored once committed (never fails the merge)
  await scoreRecordsAfterWrite(ctx, actor.tenantId, [{ recordId: survivorId, eventId: mergedEvent }]);
  return toApiRecord(merged, visibleFieldNames(access));
}

/**
 * Qualifies a clue into a lead (issue 3, point 5): the status moves clue → lead (a history row)
 * and a `lead.qualified` event records who did it. A record that is not a clue answers 409.
 */
export async function qualifyRecord(ctx: RuntimeContext, actor: Actor, objectName: string, id: string) {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'update');
  const policy = capturePolicy(access.app, objectName)!;
  const status = policy.statusField;
  if (!status || access.unwritable.has(status))
    throw new LeadforgeError('INVALID', `${objectName} records have no clue/lead status you may change`, [
      { path: '/object', message: 'has no status field with clue and lead' },
    ]);
  const recordId = recordIdOrThrow(id);
  const now = ctx.clock.now();
  const qualifiedEvent = randomUUID();
  const row = await ctx.db.transaction(async (tx) => {
    const locked = (await lockRecords(tx, actor.tenantId, objectName, [recordId], access.scope)).get(recordId);
    if (!locked) throw new LeadforgeError('NOT_FOUND', 'record not found');
    if (locked.row.data[status] !== 'clue')
      throw new LeadforgeError('CONFLICT', 'only a clue can be qualified', [
        { path: `/data/${status}`, message: `is ${String(locked.row.data[status])}, not clue` },
      ]);
    const updated = await updateRecord(tx, {
      tenantId: actor.tenantId,
      object: objectName,
      id: recordId,
      scope: access.scope,
      expectedVersion: locked.row.version,
      set: { [status]: 'lead' },
      actorId: actor.userId,
      now,
    });
    if (updated.status !== 'ok') throw new LeadforgeError('STALE_VERSION', 'the record changed; try again');
    await writeAttributionAndEvents(
      tx,
      actor.tenantId,
      null,
      null,
      [
        {
          id: qualifiedEvent,
          recordId,
          object: objectName,
          type: 'lead.qualified',
          data: { by: 'user', userId: actor.userId },
        },
      ],
      now,
    );
    return updated.record;
  });
  await scoreRecordsAfterWrite(ctx, actor.tenantId, [{ recordId, eventId: qualifiedEvent }]);
  return toApiRecord(row, visibleFieldNames(access));
}

/** A record's attribution and its events, oldest first, for callers who may read the record. */
export async function recordCaptureTrail(ctx: RuntimeContext, actor: Actor, objectName: string, id: string) {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'read');
  const recordId = recordIdOrThrow(id);
  const rows = await query<{ attribution: RecordAttribution | null; merged_into: string | null }>(
    ctx.db,
    sql`SELECT attribution, merged_into FROM records
WHERE tenant_id = ${actor.tenantId} AND object = ${objectName} AND id = ${recordId}::uuid AND ${scopeCondition(access.scope)}`,
  );
  if (!rows[0]) throw new LeadforgeError('NOT_FOUND', 'record not found');
  const events = await query<{ id: string; type: string; at: Date | string; data: Record<string, unknown> }>(
    ctx.db,
    sql`SELECT id, type, at, data FROM events WHERE tenant_id = ${actor.tenantId} AND record_id = ${recordId}::uuid
ORDER BY at, seq LIMIT 1000`,
  );
  return {
    attribution: rows[0].attribution,
    mergedInto: rows[0].merged_into,
    events: events.map((e) => ({ id: e.id, type: e.type, at: new Date(e.at).toISOString(), data: e.data })),
  };
}
