import type { CompiledObject } from '../compile/types.js';
import type { Problem } from '../errors/types.js';
import { scopeCondition } from '../store/rowScope.js';
import { type SqlFragment, sql } from '../store/sql.js';
import { checkDatetime, checkText } from './filterValue.js';
import { isPlainObject } from './isPlainObject.js';
import { jsonPointer } from './jsonPointer.js';
import type { FilterOptions } from './types.js';

/**
 * Record conditions: what happened to a record, beside its own fields (issue 7, drill-down of
 * the built-in analyses). Each is a top-level key of a filter object, like `$and`:
 *
 * - `{ "$stage": { "pipeline": "lead", "stage": "proposal" } }` — the record entered the stage
 *   (any of a list) at least once, per `stage_history`; `"exited": true` keeps only finished stays,
 *   `"enteredAt": { "$gte": …, "$lt": … }` bounds when it entered (date-times).
 * - `{ "$mql": true }` or `{ "$mql": { "model": "engagement" } }` — the record is an MQL of any
 *   (or of the named) scoring model, per `record_scores`.
 * - `{ "$related": { "field": "lead", "filter": { "source_channel": "ads" } } }` — the record's
 *   reference field points at a live record of the referenced object matching the filter (under
 *   the viewer's scope of that object when the caller gives it, see `FilterOptions.relatedObject`).
 * - `{ "$channel": "event" }` or `{ "$channel": null }` — the channel of the record's first touch
 *   (capture attribution) is the one named, or there is none: what a report groups by as `channel`
 *   on an object without a channel field.
 *
 * Each compiles to `(tenant_id, id) IN (SELECT …)`: the outer columns stay outside the subquery,
 * so the condition works on `records` whatever alias the caller gives it.
 */
export const RECORD_CONDITIONS = ['$stage', '$mql', '$related', '$channel'] as const;
export type RecordConditionKey = (typeof RECORD_CONDITIONS)[number];

/** The most stages one `$stage` may list. */
const MAX_STAGES = 100;
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,99}$/;
const RANGE_OPERATORS = { $gt: sql`>`, $gte: sql`>=`, $lt: sql`<`, $lte: sql`<=` } as const;

export function isRecordCondition(key: string): key is RecordConditionKey {
  return (RECORD_CONDITIONS as readonly string[]).includes(key);
}

/** What a record condition needs from the filter walk: where it is, and how to compile a nested filter. */
export interface RecordConditionContext {
  readonly object: CompiledObject;
  readonly options: FilterOptions;
  readonly problems: Problem[];
  /** Compiles `filter` over `object` as part of the same walk (depth and condition limits shared). */
  readonly nested: (filter: unknown, object: CompiledObject, options: FilterOptions, path: string) => SqlFragment;
}

const FALSE = sql`FALSE`;

function refuse(ctx: RecordConditionContext, path: string, message: string): SqlFragment {
  ctx.problems.push({ path, message });
  return FALSE;
}

function unknownKeys(
  ctx: RecordConditionContext,
  value: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  what: string,
): boolean {
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  for (const key of extra) {
    ctx.problems.push({ path: jsonPointer(path, key), message: `${what} takes only ${allowed.join(', ')}` });
  }
  return extra.length > 0;
}

function name(ctx: RecordConditionContext, value: unknown, path: string, what: string): string | undefined {
  const text = checkText(value);
  if (!text.ok || !NAME.test(text.value)) {
    ctx.problems.push({ path, message: `expected ${what} (letters, digits, _ and -)` });
    return undefined;
  }
  return text.value;
}

/** `{ "$gte": "<date-time>", "$lt": … }` on a timestamptz column. */
function timeRange(ctx: RecordConditionContext, column: SqlFragment, value: unknown, path: string): SqlFragment[] {
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    ctx.problems.push({ path, message: 'expected a range such as { "$gte": "2026-01-01T00:00:00Z" }' });
    return [];
  }
  const parts: SqlFragment[] = [];
  for (const [operator, bound] of Object.entries(value)) {
    const at = jsonPointer(path, operator);
    if (!Object.hasOwn(RANGE_OPERATORS, operator)) {
      ctx.problems.push({ path: at, message: 'a range takes $gt, $gte, $lt, $lte' });
      continue;
    }
    const checked = checkDatetime(bound);
    if (!checked.ok) ctx.problems.push({ path: at, message: checked.message });
    else
      parts.push(
        sql`${column} ${RANGE_OPERATORS[operator as keyof typeof RANGE_OPERATORS]} ${checked.value}::timestamptz`,
      );
  }
  return parts;
}

function compileStage(ctx: RecordConditionContext, value: unknown, path: string): SqlFragment {
  if (!isPlainObject(value)) return refuse(ctx, path, '$stage takes { "pipeline": …, "stage": … }');
  if (unknownKeys(ctx, value, ['pipeline', 'stage', 'exited', 'enteredAt'], path, '$stage')) return FALSE;
  const pipeline = name(ctx, value['pipeline'], jsonPointer(path, 'pipeline'), 'a pipeline id');
  const listed = Array.isArray(value['stage']) ? value['stage'] : [value['stage']];
  const stagePath = jsonPointer(path, 'stage');
  if (listed.length === 0 || listed.length > MAX_STAGES) {
    return refuse(ctx, stagePath, `expected a stage id or a list of 1 to ${MAX_STAGES} stage ids`);
  }
  const stages: string[] = [];
  listed.forEach((s, i) => {
    const at = Array.isArray(value['stage']) ? jsonPointer(stagePath, i) : stagePath;
    const stage = name(ctx, s, at, 'a stage id');
    if (stage !== undefined) stages.push(stage);
  });
  const parts = [sql`sh.object = ${ctx.object.name}`, sql`sh.stage = ANY (${stages}::text[])`];
  if (pipeline !== undefined) parts.unshift(sql`sh.pipeline = ${pipeline}`);
  if (value['exited'] !== undefined) {
    if (typeof value['exited'] !== 'boolean') return refuse(ctx, jsonPointer(path, 'exited'), 'expected true or false');
    parts.push(value['exited'] ? sql`sh.exited_at IS NOT NULL` : sql`sh.exited_at IS NULL`);
  }
  if (value['enteredAt'] !== undefined) {
    parts.push(...timeRange(ctx, sql`sh.entered_at`, value['enteredAt'], jsonPointer(path, 'enteredAt')));
  }
  return sql`(tenant_id, id) IN (SELECT sh.tenant_id, sh.record_id FROM stage_history sh WHERE ${sql.join(parts, ' AND ')})`;
}

function compileMql(ctx: RecordConditionContext, value: unknown, path: string): SqlFragment {
  let model: string | undefined;
  if (isPlainObject(value)) {
    if (unknownKeys(ctx, value, ['model'], path, '$mql')) return FALSE;
    model = name(ctx, value['model'], jsonPointer(path, 'model'), 'a scoring model id');
    if (model === undefined) return FALSE;
  } else if (value !== true) {
    return refuse(ctx, path, '$mql takes true or { "model": … } (use $not for records that are not MQLs)');
  }
  const byModel = model === undefined ? sql`` : sql` AND rs.model = ${model}`;
  return sql`(tenant_id, id) IN (SELECT rs.tenant_id, rs.record_id FROM record_scores rs WHERE rs.mql AND rs.object = ${ctx.object.name}${byModel})`;
}

function compileRelated(ctx: RecordConditionContext, value: unknown, path: string): SqlFragment {
  if (!isPlainObject(value)) return refuse(ctx, path, '$related takes { "field": …, "filter": { … } }');
  if (unknownKeys(ctx, value, ['field', 'filter'], path, '$related')) return FALSE;
  const fieldPath = jsonPointer(path, 'field');
  const fieldName = value['field'];
  const field =
    typeof fieldName === 'string' && Object.hasOwn(ctx.object.fields, fieldName)
      ? ctx.object.fields[fieldName]
      : undefined;
  if (field === undefined || field.type !== 'reference' || field.reference === undefined) {
    return refuse(ctx, fieldPath, `expected a reference field of ${ctx.object.name}`);
  }
  if (ctx.options.hiddenFields?.has(field.name)) {
    return refuse(ctx, fieldPath, `field "${field.name}" is hidden from you and cannot be used here`);
  }
  const target = ctx.options.relatedObject?.(field.reference);
  if (target === undefined) {
    return refuse(ctx, fieldPath, `records of ${field.reference} cannot be reached from this filter`);
  }
  const options: FilterOptions = { ...ctx.options, hiddenFields: target.hiddenFields ?? new Set<string>() };
  const inner = ctx.nested(value['filter'] ?? {}, target.object, options, jsonPointer(path, 'filter'));
  const scope = target.scope ? scopeCondition(target.scope) : sql`TRUE`;
  // Unqualified names inside the subquery resolve to `t` (the nested filter and the scope are written unqualified).
  return sql`(tenant_id, data->>${sql.key(field.name)}) IN (SELECT t.tenant_id, t.id::text FROM records t WHERE t.object = ${target.object.name} AND t.deleted_at IS NULL AND ${scope} AND (${inner}))`;
}

/** The channel of a record's first touch (jsonb, SQL NULL for none), from its `attribution` column. */
export function firstTouchChannel(attribution: SqlFragment): SqlFragment {
  return sql`NULLIF(${attribution}->'firstTouch'->'channel', 'null'::jsonb)`;
}

function compileChannel(ctx: RecordConditionContext, value: unknown, path: string): SqlFragment {
  const firstTouch = firstTouchChannel(sql`attribution`);
  if (value === null) return sql`${firstTouch} IS NULL`;
  const text = checkText(value);
  if (!text.ok || text.value === '') {
    return refuse(ctx, path, '$channel takes the name of a channel, or null for records without one');
  }
  return sql`${firstTouch} = to_jsonb(${text.value}::text)`;
}

/** Compiles one record condition at `path`; problems go to `ctx.problems`. */
export function compileRecordCondition(
  ctx: RecordConditionContext,
  key: RecordConditionKey,
  value: unknown,
  path: string,
): SqlFragment {
  switch (key) {
    case '$stage':
      return compileStage(ctx, value, path);
    case '$mql':
      return compileMql(ctx, value, path);
    case '$related':
      return compileRelated(ctx, value, path);
    case '$channel':
      return compileChannel(ctx, value, path);
  }
}
