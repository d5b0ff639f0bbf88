import {
  compileFilter,
  compileSort,
  countRecords as countRows,
  getRecord as getRow,
  insertRecord,
  LeadforgeError,
  listHistory,
  listRecords as listRows,
  type Problem,
  type RecordRow,
  restoreRecord as restoreRow,
  type SqlFragment,
  softDeleteRecord,
  updateRecord as updateRow,
} from '@leadforge/engine';
import { hiddenFields, objectPermission, rowScope } from '../access/permissions.js';
import type { Actor } from '../access/types.js';
import { getUser } from '../access/users.js';
import { appTimeZone } from '../apps/appTimeZone.js';
import { scoreRecordsAfterWrite } from '../capture/afterCapture.js';
import type { RuntimeContext } from '../context.js';
import { refuseStageFieldWrite } from '../pipelines/stageFieldWrite.js';
import { type ApiRecord, toApiRecord, visibleFieldNames } from './apiRecord.js';
import type { ListQuery } from './listQuery.js';
import { type ObjectAccess, objectAccessOrThrow } from './recordAccess.js';
import { envelopeOrThrow, isPlainObject, ownerIdOrThrow, recordIdOrThrow, versionOrThrow } from './recordInput.js';

const prefixed = (prefix: string, problems: readonly Problem[]): Problem[] =>
  problems.map((p) => ({ path: prefix + p.path, message: p.message }));

function dataOrThrow(value: unknown, access: ObjectAccess): Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw new LeadforgeError('MALFORMED', 'data must be an object of field values', [
      { path: '/data', message: 'must be an object' },
    ]);
  }
  const refused = Object.keys(value).filter((k) => access.unwritable.has(k));
  if (refused.length > 0) {
    throw new LeadforgeError(
      'FORBIDDEN',
      'your role may not set some of these fields',
      refused.map((f) => ({ path: `/data/${f}`, message: 'your role may not set this field' })),
    );
  }
  return value;
}

/** Who will own the record: the caller by default; someone else only for team or all scope, within it. */
async function ownerOrThrow(
  ctx: RuntimeContext,
  actor: Actor,
  access: ObjectAccess,
  requested: string | undefined,
): Promise<{ ownerId: string; teamId: string | null } | undefined> {
  if (requested === undefined) return undefined;
  if (requested.toLowerCase() === actor.userId) return { ownerId: actor.userId, teamId: actor.teamId };
  if (access.permission.scope === 'own') {
    throw new LeadforgeError('FORBIDDEN', 'your role may not give records to other users', [
      { path: '/owner', message: 'your role may not set the owner' },
    ]);
  }
  const user = await getUser(ctx.db, actor.tenantId, requested.toLowerCase());
  if (!user?.active) {
    throw new LeadforgeError('INVALID', 'the owner must be an active user', [
      { path: '/owner', message: 'no active user has this id' },
    ]);
  }
  if (access.permission.scope === 'team' && user.teamId !== actor.teamId) {
    throw new LeadforgeError('FORBIDDEN', 'the owner must be in your team', [
      { path: '/owner', message: 'is not in your team' },
    ]);
  }
  return { ownerId: user.id, teamId: user.teamId };
}

function selectionOrThrow(access: ObjectAccess, fields: readonly string[] | undefined): readonly string[] {
  if (fields === undefined) return visibleFieldNames(access);
  const visible = visibleFieldNames(access);
  const unknown = fields.filter((f) => !visible.includes(f));
  if (unknown.length > 0) {
    throw new LeadforgeError(
      'MALFORMED',
      'unknown field in fields',
      unknown.map((f) => ({ path: '/fields', message: `unknown field "${f}"` })),
    );
  }
  return visibleFieldNames(access, fields);
}

/**
 * Scores a record once its change has committed (never fails the write; see afterCapture) and
 * answers the row with the mirrored score and grade as they now are.
 */
async function scoredRow(ctx: RuntimeContext, actor: Actor, access: ObjectAccess, row: RecordRow): Promise<RecordRow> {
  const outcome = await scoreRecordsAfterWrite(ctx, actor.tenantId, [{ recordId: row.id }]);
  if (outcome.changed === 0) return row;
  const fresh = await getRow(ctx.db, {
    tenantId: actor.tenantId,
    object: row.object,
    id: row.id,
    scope: access.scope,
    includeDeleted: true,
  }).catch(() => null);
  return fresh ?? row;
}

function notFound(): LeadforgeError {
  return new LeadforgeError('NOT_FOUND', 'record not found');
}

export async function createRecord(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  body: unknown,
): Promise<ApiRecord> {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'create');
  const input = envelopeOrThrow(body, ['data', 'owner']);
  refuseStageFieldWrite(access.app, objectName, input.data, 'create');
  const data = dataOrThrow(input.data ?? {}, access);
  const checked = access.object.validateCreate(data);
  if (!checked.ok)
    throw new LeadforgeError('INVALID', 'the record breaks the object definition', prefixed('/data', checked.problems));
  const owner = (await ownerOrThrow(ctx, actor, access, ownerIdOrThrow(input.owner, '/owner'))) ?? {
    ownerId: actor.userId,
    teamId: actor.teamId,
  };
  // insertRecord writes the record and its history in one statement: no explicit transaction needed.
  const row = await insertRecord(ctx.db, {
    tenantId: actor.tenantId,
    object: objectName,
    data: checked.value,
    ownerId: owner.ownerId,
    teamId: owner.teamId,
    actorId: actor.userId,
    now: ctx.clock.now(),
  });
  return toApiRecord(await scoredRow(ctx, actor, access, row), visibleFieldNames(access));
}

export async function getRecord(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  id: string,
  fields?: readonly string[],
): Promise<ApiRecord> {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'read');
  const selection = selectionOrThrow(access, fields);
  const row = await getRow(ctx.db, {
    tenantId: actor.tenantId,
    object: objectName,
    id: recordIdOrThrow(id),
    scope: access.scope,
    includeDeleted: true,
  });
  if (!row) throw notFound();
  return toApiRecord(row, selection);
}

type WriteResult =
  | { status: 'ok'; record: RecordRow }
  | { status: 'stale'; currentVersion: number }
  | { status: 'not_found' };

function recordOrThrow(result: WriteResult, access: ObjectAccess): ApiRecord {
  if (result.status === 'not_found') throw notFound();
  if (result.status === 'stale') {
    throw new LeadforgeError(
      'STALE_VERSION',
      `the record was changed by someone else (now version ${result.currentVersion})`,
      [{ path: '/version', message: `current version is ${result.currentVersion}` }],
    );
  }
  return toApiRecord(result.record, visibleFieldNames(access));
}

export async function updateRecord(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  id: string,
  body: unknown,
): Promise<ApiRecord> {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'update');
  const input = envelopeOrThrow(body, ['version', 'data', 'owner']);
  refuseStageFieldWrite(access.app, objectName, input.data, 'update');
  const expectedVersion = versionOrThrow(input.version, true)!;
  const recordId = recordIdOrThrow(id);
  const data = dataOrThrow(input.data ?? {}, access);
  const checked = access.object.validatePatch(data);
  if (!checked.ok)
    throw new LeadforgeError('INVALID', 'the change breaks the object definition', prefixed('/data', checked.problems));
  const owner = await ownerOrThrow(ctx, actor, access, ownerIdOrThrow(input.owner, '/owner'));
  const result = await updateRow(ctx.db, {
    tenantId: actor.tenantId,
    object: objectName,
    id: recordId,
    scope: access.scope,
    expectedVersion,
    set: checked.value,
    ...(owner ? { owner } : {}),
    actorId: actor.userId,
    now: ctx.clock.now(),
  });
  if (result.status === 'ok')
    return recordOrThrow({ ...result, record: await scoredRow(ctx, actor, access, result.record) }, access);
  return recordOrThrow(result, access);
}

export async function deleteRecord(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  id: string,
  version: unknown,
): Promise<ApiRecord> {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'delete');
  const expectedVersion = versionOrThrow(version, false);
  const recordId = recordIdOrThrow(id);
  const result = await softDeleteRecord(ctx.db, {
    tenantId: actor.tenantId,
    object: objectName,
    id: recordId,
    scope: access.scope,
    actorId: actor.userId,
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
    now: ctx.clock.now(),
  });
  return recordOrThrow(result, access);
}

export async function restoreRecord(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  id: string,
): Promise<ApiRecord> {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'delete');
  const recordId = recordIdOrThrow(id);
  const result = await restoreRow(ctx.db, {
    tenantId: actor.tenantId,
    object: objectName,
    id: recordId,
    scope: access.scope,
    actorId: actor.userId,
    now: ctx.clock.now(),
  });
  // a restored record may have missed decay and events while deleted: rescored from scratch
  if (result.status === 'ok')
    return recordOrThrow({ ...result, record: await scoredRow(ctx, actor, access, result.record) }, access);
  return recordOrThrow(result, access);
}

function filterOrThrow(ctx: RuntimeContext, access: ObjectAccess, filter: unknown, actor: Actor): SqlFragment {
  const compiled = compileFilter(filter, access.object, {
    hiddenFields: access.hidden,
    // `$within` ranges (`last_30_days`) count from the runtime's clock, in the app's days
    now: ctx.clock.now(),
    timeZone: appTimeZone(access.app),
    // `$related` reaches a referenced object only as this actor may read it: its row scope and hidden fields
    relatedObject: (name) => {
      const object = Object.hasOwn(access.app.objects, name) ? access.app.objects[name] : undefined;
      const permission = object ? objectPermission(access.app, actor, name) : null;
      if (!object || !permission?.read) return undefined;
      return { object, hiddenFields: hiddenFields(permission), scope: rowScope(permission, actor) };
    },
  });
  if (!compiled.ok) throw new LeadforgeError('MALFORMED', 'invalid filter', prefixed('/filter', compiled.problems));
  return compiled.value;
}

function sortOrThrow(access: ObjectAccess, sort: unknown) {
  const compiled = compileSort(sort ?? '-createdAt', access.object);
  if (!compiled.ok) throw new LeadforgeError('MALFORMED', 'invalid sort', prefixed('/sort', compiled.problems));
  const hidden = compiled.value.filter((k) => access.hidden.has(k.field));
  if (hidden.length > 0) {
    throw new LeadforgeError(
      'MALFORMED',
      'invalid sort',
      hidden.map((k) => ({ path: '/sort', message: `unknown field "${k.field}"` })),
    );
  }
  return compiled.value;
}

export interface RecordPage {
  readonly records: ApiRecord[];
  readonly nextCursor: string | null;
}

export async function listRecords(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  query: ListQuery,
): Promise<RecordPage> {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'read');
  const selection = selectionOrThrow(access, query.fields);
  const filter = filterOrThrow(ctx, access, query.filter, actor);
  const sort = sortOrThrow(access, query.sort);
  const page = await listRows(ctx.db, {
    tenantId: actor.tenantId,
    object: objectName,
    scope: access.scope,
    filter,
    sort,
    limit: query.limit,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    includeDeleted: query.deleted === 'include',
    onlyDeleted: query.deleted === 'only',
  });
  return { records: page.records.map((r) => toApiRecord(r, selection)), nextCursor: page.nextCursor };
}

export async function countRecords(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  query: ListQuery,
): Promise<number> {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'read');
  const filter = filterOrThrow(ctx, access, query.filter, actor);
  return countRows(ctx.db, {
    tenantId: actor.tenantId,
    object: objectName,
    scope: access.scope,
    filter,
    includeDeleted: query.deleted === 'include',
    onlyDeleted: query.deleted === 'only',
  });
}

const SEARCHABLE = new Set(['text', 'longtext', 'email', 'phone', 'url']);

/** Case-insensitive substring search over the text-like fields the caller may see. */
export async function searchRecords(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  q: unknown,
  query: ListQuery,
): Promise<RecordPage> {
  if (typeof q !== 'string' || q.trim().length === 0 || q.length > 200) {
    throw new LeadforgeError('MALFORMED', 'q must be the text to search for (1 to 200 characters)', [
      { path: '/q', message: 'must be 1 to 200 characters' },
    ]);
  }
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'read');
  const fields = visibleFieldNames(access).filter((f) => SEARCHABLE.has(access.object.fields[f]!.type));
  if (fields.length === 0) return { records: [], nextCursor: null };
  const filter = { $and: [query.filter, { $or: fields.map((f) => ({ [f]: { $contains: q.trim() } })) }] };
  return listRecords(ctx, actor, objectName, { ...query, filter });
}

export async function recordHistory(ctx: RuntimeContext, actor: Actor, objectName: string, id: string) {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'read');
  const entries = await listHistory(ctx.db, {
    tenantId: actor.tenantId,
    object: objectName,
    id: recordIdOrThrow(id),
    scope: access.scope,
  });
  if (!entries) throw notFound();
  return entries.map((e) => ({
    ...e,
    changes: Object.fromEntries(Object.entries(e.changes).filter(([field]) => !access.hidden.has(field))),
  }));
}

/** Every record the caller may see that matches the filter, page by page, for export. */
export async function* exportRecords(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  query: ListQuery,
): AsyncGenerator<{ fields: readonly string[]; records: ApiRecord[] }> {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'read');
  const fields = selectionOrThrow(access, query.fields);
  let cursor: string | undefined;
  let sent = 0;
  do {
    const page = await listRecords(ctx, actor, objectName, { ...query, limit: 500, cursor, sort: '-createdAt' });
    yield { fields, records: page.records };
    sent += page.records.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && sent < ctx.config.exportMaxRows);
}
