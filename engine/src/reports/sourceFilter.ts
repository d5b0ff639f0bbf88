import type { CompiledApp, CompiledObject } from '../compile/types.js';
import type { Problem, Result } from '../errors/types.js';
import { compileFilter } from '../filter/compileFilter.js';
import { parseIsoDatetime } from '../filter/isoDatetime.js';
import { isPlainObject } from '../filter/isPlainObject.js';
import { isUuid } from '../filter/isUuid.js';
import type { FilterOptions } from '../filter/types.js';
import { type RowScope, scopeCondition } from '../store/rowScope.js';
import { type SqlFragment, sql } from '../store/sql.js';
import { reportFilterOptions, viewerScope } from './compile/reportFilter.js';
import type { DrillDown, ReportRunContext } from './types.js';

/** The rows a drill-down can list besides records: events, activities and stage stays of records. */
export type RowSource = 'events' | 'activities' | 'stage_history';

type KeyKind = 'text' | 'uuid' | 'team' | 'instant' | 'number';

/** One key of a source filter: its column and what its values are. */
interface SourceKey {
  readonly column: string;
  readonly kind: KeyKind;
  /** Stored in a smaller unit: the key's number times this is the column's value (hours → ms). */
  readonly scale?: number;
}

/** The keys a filter over each source takes (named as the record filter language names system columns). */
export const SOURCE_FILTER_KEYS: Readonly<Record<RowSource, Readonly<Record<string, SourceKey>>>> = {
  events: { type: { column: 'type', kind: 'text' }, at: { column: 'at', kind: 'instant' } },
  activities: {
    kind: { column: 'kind', kind: 'text' },
    outcome: { column: 'outcome', kind: 'text' },
    occurredAt: { column: 'occurred_at', kind: 'instant' },
    actor: { column: 'actor_id', kind: 'uuid' },
    actorTeam: { column: 'actor_id', kind: 'team' },
    durationMinutes: { column: 'duration_minutes', kind: 'number' },
  },
  stage_history: {
    stage: { column: 'stage', kind: 'text' },
    fromStage: { column: 'from_stage', kind: 'text' },
    enteredAt: { column: 'entered_at', kind: 'instant' },
    exitedAt: { column: 'exited_at', kind: 'instant' },
    enteredBy: { column: 'entered_by', kind: 'uuid' },
    durationHours: { column: 'duration_ms', kind: 'number', scale: 3_600_000 },
  },
};

const SOURCE_TABLES: Readonly<Record<RowSource, SqlFragment>> = {
  events: sql`events`,
  activities: sql`activities`,
  stage_history: sql`stage_history`,
};

export function isRowSource(source: string): source is RowSource {
  return Object.hasOwn(SOURCE_FILTER_KEYS, source);
}

/** What a source filter is compiled against: the tenant, the viewer's scope of the records the rows belong to, their object. */
export interface SourceFilterContext {
  readonly tenantId: string;
  readonly scope: RowScope;
  /** The object whose rows count; absent: rows of every object (a leaderboard's activities). */
  readonly object?: CompiledObject;
  /** How the `record` condition compiles (related objects' scopes, hidden fields). */
  readonly recordFilterOptions?: FilterOptions;
}

function pointer(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function keyCondition(key: SourceKey, value: unknown, path: string, tenantId: string): SqlFragment | Problem {
  const column = sql.ident(key.column);
  if (value === null && key.kind !== 'team') return sql`${column} IS NULL`;
  switch (key.kind) {
    case 'text':
      return typeof value === 'string' ? sql`${column} = ${value}` : { path, message: 'expected a string or null' };
    case 'uuid':
      return isUuid(value) ? sql`${column} = ${value}::uuid` : { path, message: 'expected a UUID or null' };
    case 'team':
      return isUuid(value)
        ? sql`${column} IN (SELECT u.id FROM users u WHERE u.tenant_id = ${tenantId} AND u.team_id = ${value}::uuid)`
        : { path, message: 'expected a UUID' };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { path, message: 'expected a number or null' };
      return key.scale === undefined
        ? sql`${column} = ${value}::numeric`
        : sql`${column} = ${Math.round(value * key.scale)}::numeric`;
    case 'instant': {
      if (!isPlainObject(value) || Object.keys(value).length === 0)
        return { path, message: 'expected { "$gte": <date-time>, "$lt": <date-time> } or null' };
      const parts: SqlFragment[] = [];
      for (const [op, bound] of Object.entries(value)) {
        const at = parseIsoDatetime(bound);
        if ((op !== '$gte' && op !== '$lt') || at === null)
          return { path: `${path}${pointer(op)}`, message: 'expected $gte or $lt with a date-time with a zone' };
        parts.push(
          op === '$gte'
            ? sql`${column} >= ${at.toISOString()}::timestamptz`
            : sql`${column} < ${at.toISOString()}::timestamptz`,
        );
      }
      return sql.join(parts, ' AND ');
    }
  }
}

/**
 * A filter over events, activities or stage stays (`DrillDown.source`), as a condition on the
 * source's table (unaliased): `{ <key>: <value> | null | { "$gte", "$lt" }, …, "record": <record filter> }`,
 * every key optional. Keys are the source's columns (`SOURCE_FILTER_KEYS`: events `type`, `at`;
 * activities `kind`, `outcome`, `occurredAt`, `actor`, `actorTeam`, `durationMinutes`; stage stays
 * `stage`, `fromStage`, `enteredAt`, `exitedAt`, `enteredBy`, `durationHours`); `record` is the record
 * filter language over the object the rows belong to. Only rows of live records the viewer's scope
 * shows count, as reports count them.
 */
export function compileSourceFilter(
  source: RowSource,
  filter: unknown,
  context: SourceFilterContext,
): Result<SqlFragment> {
  const { tenantId, object } = context;
  if (!isPlainObject(filter)) return { ok: false, problems: [{ path: '', message: 'expected a filter object' }] };
  const keys = SOURCE_FILTER_KEYS[source];
  const problems: Problem[] = [];
  const parts: SqlFragment[] = [sql`tenant_id = ${tenantId}`];
  if (object !== undefined) parts.push(sql`object = ${object.name}`);
  let record: SqlFragment = sql`TRUE`;
  for (const [name, value] of Object.entries(filter)) {
    const path = pointer(name);
    if (name === 'record' && object !== undefined) {
      const compiled = compileFilter(value, object, { ...context.recordFilterOptions, path });
      if (compiled.ok) record = compiled.value;
      else problems.push(...compiled.problems);
      continue;
    }
    const key = Object.hasOwn(keys, name) ? keys[name] : undefined;
    if (key === undefined) {
      const names = [...Object.keys(keys), ...(object !== undefined ? ['record'] : [])];
      problems.push({ path, message: `a filter over ${source} takes only ${names.join(', ')}` });
      continue;
    }
    const condition = keyCondition(key, value, path, tenantId);
    if ('message' in condition) problems.push(condition);
    else parts.push(condition);
  }
  if (problems.length > 0) return { ok: false, problems };
  // unqualified names inside the subquery (the scope's owner_id, the record filter's data) resolve to `records`
  const recordObject = object !== undefined ? sql` AND records.object = ${object.name}` : sql``;
  parts.push(
    sql`(tenant_id, record_id) IN (SELECT records.tenant_id, records.id FROM records WHERE records.tenant_id = ${tenantId}${recordObject} AND records.deleted_at IS NULL AND ${scopeCondition(context.scope)} AND (${record}))`,
  );
  return { ok: true, value: sql.join(parts, ' AND ') };
}

/**
 * `SELECT count(*)` of the rows a drill-down over events, activities or stage stays lists, under
 * the run's scopes (the viewer's scope of the object the rows belong to): the count a report shows
 * for the point.
 */
export function countSourceRows(app: CompiledApp, ctx: ReportRunContext, drill: DrillDown): Result<SqlFragment> {
  const { source } = drill;
  if (!isRowSource(source)) return { ok: false, problems: [{ path: '/source', message: 'not a row source' }] };
  const object = drill.object === '*' ? undefined : app.objects[drill.object];
  if (drill.object !== '*' && object === undefined)
    return { ok: false, problems: [{ path: '/object', message: `unknown object "${drill.object}"` }] };
  const where = compileSourceFilter(source, drill.filter, {
    tenantId: ctx.tenantId,
    scope: object ? viewerScope(ctx, object.name) : ctx.scope,
    ...(object ? { object, recordFilterOptions: reportFilterOptions(app, object, ctx) } : {}),
  });
  if (!where.ok) return where;
  return { ok: true, value: sql`SELECT count(*)::int AS n FROM ${SOURCE_TABLES[source]} WHERE ${where.value}` };
}
