import { randomUUID } from 'node:crypto';
import {
  type CompiledApp,
  type CompiledObject,
  insertRecord,
  LeadforgeError,
  query,
  type RowScope,
  type SqlExecutor,
  scopeCondition,
  sql,
  updateRecord,
} from '@leadforge/engine';
import {
  type ConversionSource,
  conversionOf,
  conversionTargetData,
  targetsToConvert,
} from '../../../engine/src/conversion/index.js';
import type { Actor } from '../access/types.js';
import { writeAttributionAndEvents } from '../capture/captureStore.js';
import type { RuntimeContext } from '../context.js';
import { toApiRecord, visibleFieldNames } from '../records/apiRecord.js';
import { objectAccessOrThrow } from '../records/recordAccess.js';
import { recordIdOrThrow } from '../records/recordInput.js';
import { type ConvertRequest, convertRequestOrThrow } from './convertInput.js';

/** What one target came to. */
export interface ConvertedTarget {
  readonly target: string;
  readonly object: string;
  readonly recordId: string;
  /** False when an existing record matching the target's dedupe keys was linked instead. */
  readonly created: boolean;
}

interface SourceRow {
  readonly id: string;
  readonly version: number;
  readonly owner_id: string | null;
  readonly team_id: string | null;
  readonly data: Record<string, unknown>;
  readonly attribution: Record<string, unknown> | null;
}

interface Conversion {
  readonly at: string;
  readonly by: string | null;
  readonly targets: readonly ConvertedTarget[];
}

/** The record's earlier conversion: its `record.converted` event (the record lock serialises conversions). */
async function earlierConversion(tx: SqlExecutor, tenantId: string, recordId: string): Promise<Conversion | undefined> {
  const rows = await query<{ data: Conversion }>(
    tx,
    sql`SELECT data FROM events WHERE tenant_id = ${tenantId} AND record_id = ${recordId}::uuid
  AND type = 'record.converted' LIMIT 1`,
  );
  return rows[0]?.data;
}

/** A live record of the target object holding the same values for one of its dedupe keys. */
async function existingMatch(
  tx: SqlExecutor,
  tenantId: string,
  object: CompiledObject,
  data: Readonly<Record<string, unknown>>,
): Promise<string | undefined> {
  for (const key of object.dedupeKeys) {
    const values = key.map((f) => data[f]);
    if (values.some((v) => typeof v !== 'string' && typeof v !== 'number')) continue;
    const conditions = key.map((f, i) => sql`lower(data->>${f}) = lower(${String(values[i])})`);
    const where = conditions.reduce((a, b) => sql`${a} AND ${b}`);
    const rows = await query<{ id: string }>(
      tx,
      sql`SELECT id FROM records WHERE tenant_id = ${tenantId} AND object = ${object.name} AND deleted_at IS NULL
  AND ${where} ORDER BY created_at, id LIMIT 1`,
    );
    if (rows[0]) return rows[0].id;
  }
  return undefined;
}

/** One conversion inside the caller's transaction: by a user (row scope) or by an automation (no actor, all rows). */
export interface ConvertInput {
  readonly tenantId: string;
  readonly object: string;
  readonly recordId: string;
  readonly request: ConvertRequest;
  readonly actorId: string | null;
  readonly scope: RowScope;
  readonly now: Date;
}

/**
 * Converts a record (issue 6, point 8: lead → company + contact + opportunity) as its object's
 * `conversion` declares, inside the caller's transaction: each target is linked to an existing
 * record matching its dedupe keys or created with the mapped fields, the source's owner and a copy
 * of its attribution (so an opportunity's outcome traces back to the lead's channel); the source
 * keeps its history, is marked converted and gets a `record.converted` event. Converting twice is a conflict.
 */
export async function convertInTx(tx: SqlExecutor, app: CompiledApp, input: ConvertInput) {
  const { tenantId, object: objectName, recordId, request, actorId, scope, now } = input;
  const conversion = conversionOrThrow(app, objectName);
  const targets = targetsToConvert(conversion, request.include);
  const [row] = await query<SourceRow>(
    tx,
    sql`SELECT id, version, owner_id, team_id, data, attribution FROM records
WHERE tenant_id = ${tenantId} AND object = ${objectName} AND id = ${recordId}::uuid
  AND deleted_at IS NULL AND ${scopeCondition(scope)} FOR UPDATE`,
  );
  if (!row) throw new LeadforgeError('NOT_FOUND', 'record not found');
  const earlier = await earlierConversion(tx, tenantId, recordId);
  if (earlier)
    throw new LeadforgeError('CONFLICT', 'this record is already converted', [
      { path: '/id', message: `converted into ${earlier.targets.map((t) => `${t.object} ${t.recordId}`).join(', ')}` },
    ]);
  const source: ConversionSource = { object: objectName, id: recordId, data: row.data };
  const ids = new Map<string, string>();
  const results: ConvertedTarget[] = [];
  for (const target of targets) {
    const object = app.objects[target.object]!;
    const data = conversionTargetData(target, source, ids, request.overrides[target.id]);
    const reused = target.reuse === false ? undefined : await existingMatch(tx, tenantId, object, data);
    if (reused) {
      ids.set(target.id, reused);
      results.push({ target: target.id, object: target.object, recordId: reused, created: false });
      continue;
    }
    const valid = object.validateCreate(data);
    if (!valid.ok)
      throw new LeadforgeError(
        'INVALID',
        `the ${target.id} this conversion creates is not valid; fix the source record or pass data.${target.id}`,
        valid.problems.map((p) => ({ path: `/data/${target.id}${p.path}`, message: p.message })),
      );
    const created = await insertRecord(tx, {
      tenantId,
      object: target.object,
      data: valid.value,
      ownerId: row.owner_id,
      teamId: row.team_id,
      actorId,
      now,
      attribution: row.attribution ? { ...row.attribution, convertedFrom: { object: objectName, id: recordId } } : null,
    });
    ids.set(target.id, created.id);
    results.push({ target: target.id, object: target.object, recordId: created.id, created: true });
  }
  const status = conversion.status;
  const updated = await updateRecord(tx, {
    tenantId,
    object: objectName,
    id: recordId,
    scope,
    expectedVersion: Number(row.version),
    set: status ? { [status.field]: status.value } : {},
    actorId,
    now,
  });
  if (updated.status !== 'ok') throw new LeadforgeError('STALE_VERSION', 'the record changed; try again');
  const converted: Conversion = { at: now.toISOString(), by: actorId, targets: results };
  await writeAttributionAndEvents(
    tx,
    tenantId,
    null,
    null,
    [
      { id: randomUUID(), recordId, object: objectName, type: 'record.converted', data: { ...converted } },
      ...results
        .filter((r) => r.created)
        .map((r) => ({
          id: randomUUID(),
          recordId: r.recordId,
          object: r.object,
          type: 'record.created-by-conversion',
          data: { from: { object: objectName, id: recordId }, target: r.target },
        })),
    ],
    now,
  );
  return { record: updated.record, converted };
}

function conversionOrThrow(app: CompiledApp, objectName: string) {
  const conversion = conversionOf(app, objectName);
  if (!conversion)
    throw new LeadforgeError('INVALID', `${objectName} records have no conversion in this app`, [
      { path: '/object', message: 'declares no conversion' },
    ]);
  return conversion;
}

/** `POST /api/v1/records/:object/:id/convert`: the caller needs update on the record and create on every target object. */
export async function convertRecord(ctx: RuntimeContext, actor: Actor, objectName: string, id: string, body: unknown) {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'update');
  const conversion = conversionOrThrow(access.app, objectName);
  const request = convertRequestOrThrow(body, conversion);
  const recordId = recordIdOrThrow(id);
  for (const target of targetsToConvert(conversion, request.include))
    await objectAccessOrThrow(ctx, actor, target.object, 'create');
  const { record, converted } = await ctx.db.transaction((tx) =>
    convertInTx(tx, access.app, {
      tenantId: actor.tenantId,
      object: objectName,
      recordId,
      request,
      actorId: actor.userId,
      scope: access.scope,
      now: ctx.clock.now(),
    }),
  );
  return { record: toApiRecord(record, visibleFieldNames(access)), converted };
}
