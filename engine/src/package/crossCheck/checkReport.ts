import { didYouMean } from '../didYouMean.js';
import { pointer } from '../jsonPointer.js';
import type { ObjectDefinition, ReportDefinition } from '../schemas/index.js';
import { type GenericReportDefinition, isGenericReport } from '../schemas/report.js';
import { exceedsDepth, MAX_JSON_LOGIC_DEPTH } from './jsonLogic.js';
import { checkUnique, findField, objectFor, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

const NUMERIC = new Set(['number', 'integer', 'currency']);
const DATED = new Set(['date', 'datetime']);

/** Names the filter language knows on every record (engine/src/filter/resolveField.ts) and report-style aliases. */
const FILTER_SYSTEM_NAMES = new Set([
  'id',
  'owner',
  'team',
  'createdBy',
  'createdAt',
  'updatedAt',
  'version',
  'created_by',
  'created_at',
  'updated_at',
]);

/** System names a report may group or measure by, with the type they behave as. */
const REPORT_SYSTEM_TYPES: Readonly<Record<string, string>> = {
  id: 'text',
  owner: 'user',
  team: 'text',
  created_by: 'user',
  created_at: 'datetime',
  updated_at: 'datetime',
};

/** Columns of the non-record sources (engine/src/reports/compile/reportFields.ts), with their types. */
const SOURCE_COLUMN_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  events: { type: 'text', at: 'datetime' },
  activities: {
    kind: 'text',
    outcome: 'text',
    occurred_at: 'datetime',
    actor: 'user',
    duration_minutes: 'integer',
  },
  stage_history: {
    stage: 'text',
    from_stage: 'text',
    entered_at: 'datetime',
    exited_at: 'datetime',
    entered_by: 'user',
    duration_hours: 'number',
  },
};

/** Field keys of a filter are fields or system names; `$and`/`$or`/`$not` nest; other `$` keys are the filter's to check. */
function checkFilter(ctx: CheckContext, file: string, at: string, filter: unknown, object: ObjectDefinition): void {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return;
  const known = new Set([...object.fields.map((f) => f.name), ...FILTER_SYSTEM_NAMES]);
  for (const [key, value] of Object.entries(filter)) {
    const here = `${at}${pointer(key)}`;
    if (key === '$and' || key === '$or') {
      if (Array.isArray(value)) {
        value.forEach((v, i) => {
          checkFilter(ctx, file, `${here}/${i}`, v, object);
        });
      }
    } else if (key === '$not') {
      checkFilter(ctx, file, here, value, object);
    } else if (!key.startsWith('$') && !known.has(key)) {
      report(ctx, file, here, `unknown field "${key}" on object "${object.id}"${didYouMean(key, known)}`);
    }
  }
}

function checkFilterAt(ctx: CheckContext, file: string, at: string, filter: unknown, object: ObjectDefinition): void {
  if (exceedsDepth(filter)) report(ctx, file, at, `filter nests deeper than ${MAX_JSON_LOGIC_DEPTH} levels`);
  else checkFilter(ctx, file, at, filter, object);
}

/** The pipeline of `object` (the first defined for it), with its stage field and stage ids. */
function pipelineOf(ctx: CheckContext, object: string): { id: string; field: string; stages: string[] } | undefined {
  for (const { value } of ctx.checked.pipeline.values()) {
    if (value.object === object) {
      return { id: value.id, field: value.field ?? 'stage', stages: value.stages.map((s) => s.id) };
    }
  }
  return undefined;
}

/**
 * The type a report name stands for on `object` (a field, `reference.field`, a system name,
 * `channel`, `stage`, or a column of the source), or undefined after reporting why it cannot be used.
 */
function typeOf(
  ctx: CheckContext,
  file: string,
  at: string,
  definition: GenericReportDefinition,
  object: ObjectDefinition,
  name: string,
): string | undefined {
  const source = definition.source ?? 'object';
  const columns = SOURCE_COLUMN_TYPES[source];
  if (columns && Object.hasOwn(columns, name)) return columns[name];
  const dot = name.indexOf('.');
  if (dot >= 0) {
    const reference = findField(object, name.slice(0, dot));
    if (reference?.type !== 'reference' || reference.reference === undefined) {
      report(ctx, file, at, `"${name.slice(0, dot)}" is not a reference field of "${object.id}"`);
      return undefined;
    }
    const other = ctx.checked.object.get(reference.reference)?.value;
    if (!other) return undefined;
    const target = findField(other, name.slice(dot + 1));
    if (!target) {
      const known = other.fields.map((f) => f.name);
      report(
        ctx,
        file,
        at,
        `unknown field "${name.slice(dot + 1)}" on object "${other.id}"${didYouMean(name.slice(dot + 1), known)}`,
      );
    }
    return target?.type;
  }
  const own = findField(object, name);
  if (own) return own.type;
  if (name === 'stage') {
    const pipeline = pipelineOf(ctx, object.id);
    const field = pipeline ? findField(object, pipeline.field) : undefined;
    if (field) return field.type;
  }
  if (name === 'channel') return findField(object, 'source_channel')?.type ?? 'text';
  if (Object.hasOwn(REPORT_SYSTEM_TYPES, name)) return REPORT_SYSTEM_TYPES[name];
  const known = [...object.fields.map((f) => f.name), ...Object.keys(REPORT_SYSTEM_TYPES), 'channel', 'stage'];
  report(ctx, file, at, `unknown field "${name}" on object "${object.id}"${didYouMean(name, known)}`);
  return undefined;
}

/**
 * A generic report names existing fields of fitting types (related ones through a real
 * reference), stages of its object's pipeline, and measures and dimensions it defines; an
 * analysis (`analysis`) is checked by checkReportAnalysis.
 */
export function checkReport(ctx: CheckContext, { file, value }: Checked<ReportDefinition>): void {
  if (!isGenericReport(value)) return;
  const definition = value;
  const source = definition.source ?? 'object';
  checkUnique(
    ctx,
    file,
    definition.measures.map((m, i) => ({ pointer: `/measures/${i}/id`, id: m.id })),
    'measure',
  );
  const object = objectFor(ctx, file, '/object', definition.object);
  if (!object) return;
  const type = (at: string, name: string) => typeOf(ctx, file, at, definition, object, name);
  if (definition.filters !== undefined) checkFilterAt(ctx, file, '/filters', definition.filters, object);

  const dimensions = definition.dimensions ?? [];
  dimensions.forEach((dimension, i) => {
    const t = type(`/dimensions/${i}/field`, dimension.field);
    if (t === undefined) return;
    if (dimension.bucket !== undefined && !DATED.has(t)) {
      report(
        ctx,
        file,
        `/dimensions/${i}/bucket`,
        `a bucket needs a date or datetime field; "${dimension.field}" is ${t}`,
      );
    } else if (dimension.bucket === undefined && t === 'datetime') {
      report(ctx, file, `/dimensions/${i}/bucket`, `"${dimension.field}" is a datetime: group it by a bucket`);
    } else if (t === 'multiselect') {
      report(
        ctx,
        file,
        `/dimensions/${i}/field`,
        `"${dimension.field}" is a multiselect field and cannot group a report`,
      );
    }
  });

  if (definition.period?.field !== undefined) {
    const t = type('/period/field', definition.period.field);
    if (t !== undefined && !DATED.has(t)) {
      report(
        ctx,
        file,
        '/period/field',
        `the period applies to a date or datetime field; "${definition.period.field}" is ${t}`,
      );
    }
  }

  const ids = new Map(definition.measures.map((m) => [m.id, m.op]));
  const pipeline = pipelineOf(ctx, object.id);
  definition.measures.forEach((measure, i) => {
    const at = `/measures/${i}`;
    if (measure.filter !== undefined) {
      if (source !== 'object') report(ctx, file, `${at}/filter`, 'a measure filter applies to reports over records');
      else checkFilterAt(ctx, file, `${at}/filter`, measure.filter, object);
    }
    switch (measure.op) {
      case 'count':
        return;
      case 'ratio':
        for (const key of ['numerator', 'denominator'] as const) {
          const op = ids.get(measure[key]);
          if (op === undefined) {
            report(
              ctx,
              file,
              `${at}/${key}`,
              `no measure "${measure[key]}" in this report${didYouMean(measure[key], ids.keys())}`,
            );
          } else if (op === 'ratio') {
            report(ctx, file, `${at}/${key}`, `"${measure[key]}" is itself a ratio`);
          }
        }
        return;
      case 'conversion':
      case 'duration':
        if (source !== 'object') {
          report(ctx, file, `${at}/op`, `${measure.op} between stages applies to reports over records`);
        } else if (!pipeline) {
          report(ctx, file, `${at}/op`, `object "${object.id}" has no pipeline, so no stages to measure`);
        } else {
          for (const key of ['from', 'to'] as const) {
            if (!pipeline.stages.includes(measure[key])) {
              report(
                ctx,
                file,
                `${at}/${key}`,
                `unknown stage "${measure[key]}" in pipeline "${pipeline.id}"${didYouMean(measure[key], pipeline.stages)}`,
              );
            }
          }
        }
        return;
      default: {
        const t = type(`${at}/field`, measure.field);
        if (t !== undefined && measure.op !== 'count_distinct' && !NUMERIC.has(t)) {
          report(ctx, file, `${at}/field`, `${measure.op} needs a number field; "${measure.field}" is ${t}`);
        }
      }
    }
  });

  const sortable = new Set([...dimensions.map((d) => d.field), ...definition.measures.map((m) => m.id)]);
  (definition.sort ?? []).forEach((s, i) => {
    if (!sortable.has(s.by)) {
      report(
        ctx,
        file,
        `/sort/${i}/by`,
        `"${s.by}" is neither a dimension nor a measure of this report${didYouMean(s.by, sortable)}`,
      );
    }
  });
}
