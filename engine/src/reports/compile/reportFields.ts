import { firstTouchChannel } from '../../filter/recordConditions.js';
import type { CompiledApp, CompiledField, CompiledObject, Label } from '../../compile/types.js';
import type { PipelineDefinition } from '../../package/schemas/index.js';
import { type RowScope, scopeCondition } from '../../store/rowScope.js';
import { isSafeJsonKey, type SqlFragment, sql } from '../../store/sql.js';
import type { RecordColumns, ReportField, ValueKind } from './types.js';

export type ReportSource = 'object' | 'events' | 'activities' | 'stage_history';

/** Columns of the source table a report over events, activities or stage stays may name, and their drill-down filter key. */
const SOURCE_COLUMNS: Readonly<
  Record<Exclude<ReportSource, 'object'>, Readonly<Record<string, [SqlFragment, ValueKind, string]>>>
> = {
  events: { type: [sql`src.type`, 'text', 'type'], at: [sql`src.at`, 'instant', 'at'] },
  activities: {
    kind: [sql`src.kind`, 'text', 'kind'],
    outcome: [sql`src.outcome`, 'text', 'outcome'],
    occurred_at: [sql`src.occurred_at`, 'instant', 'occurredAt'],
    actor: [sql`src.actor_id`, 'user', 'actor'],
    duration_minutes: [sql`src.duration_minutes`, 'number', 'durationMinutes'],
  },
  stage_history: {
    stage: [sql`src.stage`, 'text', 'stage'],
    from_stage: [sql`src.from_stage`, 'text', 'fromStage'],
    entered_at: [sql`src.entered_at`, 'instant', 'enteredAt'],
    exited_at: [sql`src.exited_at`, 'instant', 'exitedAt'],
    entered_by: [sql`src.entered_by`, 'user', 'enteredBy'],
    duration_hours: [sql`(src.duration_ms / 3600000.0)`, 'number', 'durationHours'],
  },
};

/** The time column a period applies to when the report names none. */
export const SOURCE_TIME_COLUMN: Readonly<Record<ReportSource, string>> = {
  object: 'created_at',
  events: 'at',
  activities: 'occurred_at',
  stage_history: 'entered_at',
};

const SYSTEM_NAMES: Readonly<Record<string, [keyof RecordColumns, ValueKind, string, Label]>> = {
  id: ['id', 'text', 'id', { en: 'Record', 'zh-CN': '记录' }],
  owner: ['owner', 'user', 'owner', { en: 'Owner', 'zh-CN': '负责人' }],
  team: ['team', 'team', 'team', { en: 'Team', 'zh-CN': '团队' }],
  created_by: ['createdBy', 'user', 'createdBy', { en: 'Created by', 'zh-CN': '创建人' }],
  created_at: ['createdAt', 'instant', 'createdAt', { en: 'Created', 'zh-CN': '创建时间' }],
  updated_at: ['updatedAt', 'instant', 'updatedAt', { en: 'Updated', 'zh-CN': '更新时间' }],
};

function kindOf(field: CompiledField): ValueKind {
  switch (field.type) {
    case 'number':
    case 'integer':
    case 'currency':
      return 'number';
    case 'select':
      return 'select';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'instant';
    case 'user':
      return 'user';
    case 'multiselect':
      return 'multiselect';
    default:
      return 'text';
  }
}

/** A LEFT JOIN of the records a reference field points at (one per reference used). */
export interface RelatedJoin {
  readonly alias: string;
  readonly sql: SqlFragment;
}

export interface FieldResolver {
  resolve(name: string): ReportField | string;
  /** The pipeline of the report's object (the first one defined for it), if any. */
  readonly pipeline: PipelineDefinition | undefined;
  readonly joins: readonly RelatedJoin[];
}

/** The pipelines the package defines for `object`, in file order. */
export function pipelinesOf(app: CompiledApp, object: string): PipelineDefinition[] {
  const found: PipelineDefinition[] = [];
  for (const [file, content] of Object.entries(app.files)) {
    if (!file.startsWith('pipelines/')) continue;
    const definition = content as PipelineDefinition;
    if (definition.object === object) found.push(definition);
  }
  return found;
}

function dataField(
  object: CompiledObject,
  name: string,
  data: SqlFragment,
  hidden: ReadonlySet<string> | undefined,
  filterName: string | undefined,
): ReportField | string {
  const field = Object.hasOwn(object.fields, name) ? object.fields[name] : undefined;
  if (field === undefined) return `unknown field "${name}" on ${object.name}`;
  if (!isSafeJsonKey(name)) return `field "${name}" has a name the store cannot query`;
  if (hidden?.has(name)) return `field "${name}" of ${object.name} is hidden from you and cannot be used in a report`;
  return {
    name,
    label: field.label,
    kind: kindOf(field),
    expr: sql`NULLIF(${data}->${sql.key(name)}, 'null'::jsonb)`,
    jsonb: true,
    ...(field.options ? { options: field.options } : {}),
    ...(filterName !== undefined ? { filterName } : {}),
  };
}

/**
 * Resolves the names a report uses: the source's own columns (events, activities, stage stays),
 * `owner`, `team`, `channel`, `stage`, system dates, fields of the object, and `reference.field`
 * through a reference field (LEFT JOINed once per reference).
 */
export function fieldResolver(
  app: CompiledApp,
  object: CompiledObject,
  source: ReportSource,
  columns: RecordColumns,
  tenantId: string,
  scopeOf: (object: string) => RowScope,
  hiddenFields: ReadonlyMap<string, ReadonlySet<string>> | undefined,
): FieldResolver {
  const joins: RelatedJoin[] = [];
  const joinByField = new Map<string, string>();
  const pipeline = pipelinesOf(app, object.name)[0];
  const hidden = hiddenFields?.get(object.name);

  function related(reference: string, target: string): ReportField | string {
    const field = Object.hasOwn(object.fields, reference) ? object.fields[reference] : undefined;
    if (field === undefined) return `unknown field "${reference}" on ${object.name}`;
    if (field.type !== 'reference' || field.reference === undefined)
      return `"${reference}" is not a reference field, so "${reference}.${target}" cannot be followed`;
    if (hidden?.has(reference)) return `field "${reference}" of ${object.name} is hidden from you`;
    const other = app.objects[field.reference];
    if (other === undefined) return `"${reference}" references an unknown object`;
    let alias = joinByField.get(reference);
    if (alias === undefined) {
      alias = `j${joins.length}`;
      const a = sql.ident(alias);
      joins.push({
        alias,
        // the viewer's scope of the referenced object, as `$related` in the drill-down applies it
        sql: sql`LEFT JOIN (SELECT id::text AS rel_key, data AS rel_data FROM records WHERE tenant_id = ${tenantId} AND object = ${other.name} AND deleted_at IS NULL AND ${scopeCondition(scopeOf(other.name))}) ${a} ON ${a}.rel_key = (${columns.data}->>${sql.key(reference)})`,
      });
      joinByField.set(reference, alias);
    }
    const resolved = dataField(
      other,
      target,
      sql`${sql.ident(alias)}.rel_data`,
      hiddenFields?.get(other.name),
      undefined,
    );
    if (typeof resolved === 'string') return resolved;
    return { ...resolved, name: `${reference}.${target}`, related: { reference, target } };
  }

  function resolve(name: string): ReportField | string {
    const dot = name.indexOf('.');
    if (dot >= 0) return related(name.slice(0, dot), name.slice(dot + 1));
    if (source !== 'object') {
      const table = SOURCE_COLUMNS[source];
      const column = Object.hasOwn(table, name) ? table[name] : undefined;
      if (column) {
        const [expr, kind, sourceKey] = column;
        return { name, label: { en: name }, kind, expr, jsonb: false, sourceKey };
      }
    }
    const stageField = pipeline?.field;
    if (name === 'stage' && stageField !== undefined && stageField !== 'stage') return resolve(stageField);
    if (name === 'channel' && !Object.hasOwn(object.fields, 'channel')) {
      if (Object.hasOwn(object.fields, 'source_channel')) return resolve('source_channel');
      return {
        name,
        label: { en: 'Channel', 'zh-CN': '渠道' },
        kind: 'text',
        expr: firstTouchChannel(columns.attribution),
        jsonb: true,
        filterName: '$channel',
      };
    }
    const system = Object.hasOwn(SYSTEM_NAMES, name) ? SYSTEM_NAMES[name] : undefined;
    if (system && !Object.hasOwn(object.fields, name)) {
      const [column, kind, filterName, label] = system;
      return {
        name,
        label,
        kind,
        expr: columns[column],
        jsonb: false,
        filterName,
      };
    }
    return dataField(object, name, columns.data, hidden, name);
  }

  return { resolve, pipeline, joins };
}
