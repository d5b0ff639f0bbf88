import { formatLocalDay, instantOfLocal, parseLocalDay } from '../../calendar/zonedTime.js';
import type { CompiledObject } from '../../compile/types.js';
import type { Result } from '../../errors/types.js';
import { isPlainObject } from '../../filter/isPlainObject.js';
import { isUuid } from '../../filter/isUuid.js';
import type { DrillDown } from '../types.js';
import type { ReportSource } from './reportFields.js';
import type { DateBucket } from './sqlParts.js';
import type { CompiledDimension, CompiledMeasure } from './types.js';

export interface DrillShape {
  readonly source: ReportSource;
  readonly object: CompiledObject;
  readonly dimensions: readonly CompiledDimension[];
  readonly measures: readonly CompiledMeasure[];
  /** The report's filter (absolute dates) and the run's team/owner filters. */
  readonly baseFilter: readonly unknown[];
  /** The current period as a filter condition on the records, when the report has one there. */
  readonly period: Record<string, unknown> | undefined;
  /** The current period as a source filter condition (over events, activities or stage stays). */
  readonly sourcePeriod?: Record<string, unknown> | undefined;
  readonly timeZone: string;
  /** The object's pipeline, for `$stage` in a conversion's or a duration's drill-down. */
  readonly pipeline: string | undefined;
}

/** The local day after the bucket that starts on `day`. */
function bucketEnd(day: number, bucket: DateBucket): number {
  if (bucket === 'day') return day + 1;
  if (bucket === 'week') return day + 7;
  const date = new Date(day * 86_400_000);
  const months = bucket === 'month' ? 1 : bucket === 'quarter' ? 3 : 12;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1) / 86_400_000;
}

/** Two conditions on one column of the rows (a bucket inside the period): the intersection of their ranges. */
function narrowed(previous: unknown, next: unknown): unknown {
  if (!isPlainObject(previous) || !isPlainObject(next)) return next;
  const gte = [previous['$gte'], next['$gte']].filter((v): v is string => typeof v === 'string').sort();
  const lt = [previous['$lt'], next['$lt']].filter((v): v is string => typeof v === 'string').sort();
  return { ...(gte.length > 0 ? { $gte: gte.at(-1) } : {}), ...(lt.length > 0 ? { $lt: lt[0] } : {}) };
}

function refuse(path: string, message: string): Result<DrillDown> {
  return { ok: false, problems: [{ path, message }] };
}

/**
 * The filter behind one data point: the report's filters and period, the point's dimension keys
 * (a bucket as a half-open range of local days in the run's zone) and the measure's own filter.
 * Listing the object with it under the same scope gives the records the point counts; a ratio
 * drills into its numerator, a conversion or a duration into the group's records that entered its
 * `from` stage. Over events, activities or stage stays it is a source filter (`compileSourceFilter`):
 * the rows' own columns as keys, everything about the record they belong to under `record`.
 */
export function reportDrillDown(
  shape: DrillShape,
  keys: readonly (string | number | null)[],
  measureId?: string,
): Result<DrillDown> {
  if (!Array.isArray(keys) || keys.length !== shape.dimensions.length) {
    return refuse('/keys', `expected ${shape.dimensions.length} keys, one per dimension`);
  }
  let measure = measureId === undefined ? shape.measures[0] : shape.measures.find((m) => m.definition.id === measureId);
  if (measure === undefined) return refuse('/measure', `no measure "${String(measureId)}" in this report`);
  const def = measure.definition;
  if (def.op === 'ratio') measure = shape.measures.find((m) => m.definition.id === def.numerator) ?? measure;

  const conditions: unknown[] = [...shape.baseFilter];
  if (shape.period) conditions.push(shape.period);
  // over events, activities or stage stays: conditions on the rows' own columns
  const rowConditions: Record<string, unknown> = {};
  const onRows = (key: string, value: unknown) => {
    rowConditions[key] = narrowed(rowConditions[key], value);
  };
  if (shape.sourcePeriod) for (const [k, v] of Object.entries(shape.sourcePeriod)) onRows(k, v);
  for (const [i, d] of shape.dimensions.entries()) {
    const key = keys[i];
    const sourceKey = d.field.sourceKey;
    const name = sourceKey ?? d.field.filterName;
    const at = `/keys/${i}`;
    const push = (condition: unknown) => {
      if (sourceKey === undefined) conditions.push({ [name as string]: condition });
      else onRows(sourceKey, condition);
    };
    const related = d.field.related;
    if (related !== undefined) {
      if (key !== null && typeof key !== (d.field.kind === 'number' ? 'number' : 'string'))
        return refuse(at, `expected a ${d.field.kind === 'number' ? 'number' : 'string'}`);
      const matching = {
        $related: { field: related.reference, filter: { [related.target]: key ?? { $exists: true } } },
      };
      conditions.push(key === null ? { $not: matching } : matching);
      continue;
    }
    if (name === undefined) return refuse(at, `the records behind "${d.field.name}" cannot be listed with a filter`);
    if (key === null) {
      // a field's emptiness is `$eq: null`; a source column's and a record condition's (`$channel`) is null itself
      push(sourceKey === undefined && !name.startsWith('$') ? { $eq: null } : null);
      continue;
    }
    if (d.bucket !== undefined) {
      const day = typeof key === 'string' ? parseLocalDay(key) : undefined;
      if (day === undefined) return refuse(at, 'expected the first day of a bucket like "2024-05-01"');
      const end = bucketEnd(day, d.bucket);
      push(
        d.field.kind === 'date'
          ? { $gte: formatLocalDay(day), $lt: formatLocalDay(end) }
          : {
              $gte: new Date(instantOfLocal(day, 0, shape.timeZone)).toISOString(),
              $lt: new Date(instantOfLocal(end, 0, shape.timeZone)).toISOString(),
            },
      );
      continue;
    }
    if (d.field.kind === 'boolean') {
      if (key !== 'true' && key !== 'false') return refuse(at, 'expected "true" or "false"');
      push(key === 'true');
      continue;
    }
    if (d.field.kind === 'number' && typeof key !== 'number') return refuse(at, 'expected a number');
    if (d.field.kind !== 'number' && typeof key !== 'string') return refuse(at, 'expected a string');
    if (d.field.kind === 'user' && sourceKey !== undefined && !isUuid(key)) return refuse(at, 'expected a user id');
    push(key);
  }
  if (shape.source !== 'object') {
    const record = conditions.length > 0 ? { record: { $and: conditions } } : {};
    return {
      ok: true,
      value: { source: shape.source, object: shape.object.name, filter: { ...rowConditions, ...record } },
    };
  }
  if (measure.filter !== undefined) conditions.push(measure.filter);
  const op = measure.definition.op;
  if ((op === 'conversion' || op === 'duration') && shape.pipeline !== undefined) {
    // the records the rate is taken over: those that entered the `from` stage
    conditions.push({ $stage: { pipeline: shape.pipeline, stage: measure.definition.from } });
  }
  return {
    ok: true,
    value: { source: 'object', object: shape.object.name, filter: conditions.length > 0 ? { $and: conditions } : {} },
  };
}
