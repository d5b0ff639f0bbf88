import { isKnownTimeZone } from '../../calendar/zonedTime.js';
import type { CompiledApp } from '../../compile/types.js';
import type { Problem, Result } from '../../errors/types.js';
import { compileFilter } from '../../filter/compileFilter.js';
import {
  isRelativeRange,
  type ResolvedRange,
  rangeDates,
  rangeInstants,
  resolveAbsoluteRange,
  resolveRelativeRange,
  shiftRange,
} from '../../filter/relativeDates.js';
import { isGenericReport, type ReportDefinition } from '../../package/schemas/report.js';
import { scopeCondition } from '../../store/rowScope.js';
import { type SqlFragment, sql } from '../../store/sql.js';
import type { CompiledReport, ReportRunContext } from '../types.js';
import { compileMeasures } from './compileMeasures.js';
import { reportDrillDown } from './drillDown.js';
import { fieldResolver, type ReportSource, SOURCE_TIME_COLUMN } from './reportFields.js';
import { absoluteFilter, reportFilterOptions, viewerScope } from './reportFilter.js';
import { assemble, BARE, JOINED, stageJoin } from './reportSql.js';
import { bucketExpr } from './sqlParts.js';
import { reportResult } from './toResult.js';
import type { CompiledDimension, ReportField } from './types.js';

/** A range as the definition or the run gives it; a sentence when it is not one (the run's may come from a request). */
function resolveRange(range: unknown, ctx: ReportRunContext): ResolvedRange | string {
  const named = typeof range === 'object' && range !== null && 'relative' in range ? range.relative : range;
  if (typeof named === 'string') {
    return isRelativeRange(named)
      ? resolveRelativeRange(named, ctx.now, ctx.timeZone)
      : `expected a named range such as "last_30_days" or {"from", "to"}`;
  }
  if (typeof range === 'object' && range !== null && 'from' in range && 'to' in range) {
    return resolveAbsoluteRange(range.from, range.to);
  }
  return 'expected a named range such as "last_30_days" or {"from", "to"}';
}

/**
 * Compiles a generic report for one run into one parameterised SQL statement per period
 * (current, and previous when the definition compares), aggregating in the database under the
 * viewer's row scope. Every bad name, type or value is a Problem with a JSON pointer into the
 * definition (`/globalFilters/...` for the run's own filters).
 */
export function compileReport(
  definition: ReportDefinition,
  app: CompiledApp,
  ctx: ReportRunContext,
): Result<CompiledReport> {
  const problems: Problem[] = [];
  const fail = (path: string, message: string) => problems.push({ path, message });
  if (!isGenericReport(definition)) {
    return {
      ok: false,
      problems: [
        { path: '/analysis', message: 'a built-in analysis compiles with compileAnalysis, not compileReport' },
      ],
    };
  }
  if (!isKnownTimeZone(ctx.timeZone)) {
    return { ok: false, problems: [{ path: '/timeZone', message: `unknown time zone "${ctx.timeZone}"` }] };
  }
  const object = Object.hasOwn(app.objects, definition.object) ? app.objects[definition.object] : undefined;
  if (object === undefined)
    return { ok: false, problems: [{ path: '/object', message: `unknown object "${definition.object}"` }] };
  const source: ReportSource = definition.source ?? 'object';
  const columns = source === 'object' ? BARE : JOINED;
  const scopeOf = (name: string) => viewerScope(ctx, name);
  const resolver = fieldResolver(app, object, source, columns, ctx.tenantId, scopeOf, ctx.hiddenFields);
  const filterOptions = reportFilterOptions(app, object, ctx);

  const resolveAt = (path: string, name: string): ReportField | undefined => {
    const field = resolver.resolve(name);
    if (typeof field === 'string') {
      fail(path, field);
      return undefined;
    }
    return field;
  };

  // ---- filters: the definition's, then the run's team and owner ----
  const baseFilter: unknown[] = [];
  if (definition.filters !== undefined) {
    const absolute = absoluteFilter(definition.filters, object, ctx.now, ctx.timeZone);
    const compiled = compileFilter(absolute, object, { ...filterOptions, path: '/filters' });
    if (compiled.ok) baseFilter.push(absolute);
    else problems.push(...compiled.problems);
  }
  const global = ctx.globalFilters ?? {};
  if (global.teamId !== undefined) baseFilter.push({ team: global.teamId });
  if (global.ownerId !== undefined) baseFilter.push({ owner: global.ownerId });
  if (global.teamId !== undefined || global.ownerId !== undefined) {
    const checked = compileFilter(
      {
        ...(global.teamId !== undefined ? { team: global.teamId } : {}),
        ...(global.ownerId !== undefined ? { owner: global.ownerId } : {}),
      },
      object,
      { path: '/globalFilters' },
    );
    if (!checked.ok) {
      problems.push(
        ...checked.problems.map((p) => ({
          ...p,
          path: p.path.replace('/team', '/teamId').replace('/owner', '/ownerId'),
        })),
      );
    }
  }

  // ---- dimensions ----
  const dimensions: CompiledDimension[] = [];
  (definition.dimensions ?? []).forEach((d, i) => {
    const field = resolveAt(`/dimensions/${i}/field`, d.field);
    if (!field) return;
    if (d.bucket !== undefined) {
      if (field.kind !== 'date' && field.kind !== 'instant') {
        fail(`/dimensions/${i}/bucket`, `a bucket needs a date or date-time field; "${d.field}" is not one`);
        return;
      }
      dimensions.push({ field, bucket: d.bucket, key: bucketExpr(field, d.bucket, ctx.timeZone) });
      return;
    }
    if (field.kind === 'instant') {
      fail(`/dimensions/${i}/bucket`, `"${d.field}" is a date-time: group it by a bucket (day, week, month…)`);
      return;
    }
    if (field.kind === 'multiselect' || field.kind === 'other') {
      fail(`/dimensions/${i}/field`, `"${d.field}" holds lists or structured values and cannot group a report`);
      return;
    }
    dimensions.push({ field, bucket: undefined, key: field.expr });
  });

  // ---- period: the dashboard's date range wins over the report's own ----
  let range: ResolvedRange | undefined;
  if (global.dateRange !== undefined) {
    const r = resolveRange(global.dateRange, ctx);
    if (typeof r === 'string') fail('/globalFilters/dateRange', r);
    else range = r;
  } else if (definition.period !== undefined) {
    const r = resolveRange(definition.period.range, ctx);
    if (typeof r === 'string') fail('/period/range', r);
    else range = r;
  }
  const bucketed = (definition.dimensions ?? []).find((d) => d.bucket !== undefined);
  const periodName = definition.period?.field ?? bucketed?.field ?? SOURCE_TIME_COLUMN[source];
  const periodField = range ? resolveAt('/period/field', periodName) : undefined;
  if (periodField && periodField.kind !== 'date' && periodField.kind !== 'instant') {
    fail('/period/field', `the period applies to a date or date-time field; "${periodName}" is not one`);
  }
  if (periodField && source !== 'object' && periodField.jsonb) {
    fail('/period/field', `over ${source}, the period applies to its own dates or the record's created_at, updated_at`);
  }
  if (periodField && source === 'object' && periodField.filterName === undefined) {
    fail('/period/field', `the period applies to a date of the report's own object, not "${periodName}"`);
  }

  // ---- measures ----
  const { measures, stageColumns } = compileMeasures(definition, {
    app,
    object,
    source,
    ctx,
    pipeline: resolver.pipeline,
    filterOptions,
    problems,
    resolveAt,
  });

  // ---- sort ----
  const order: SqlFragment[] = [];
  (definition.sort ?? []).forEach((s, i) => {
    const dir = s.direction === 'desc' ? sql`DESC NULLS LAST` : sql`ASC NULLS LAST`;
    const measureIndex = definition.measures.findIndex((m) => m.id === s.by);
    const dimensionIndex = (definition.dimensions ?? []).findIndex((d) => d.field === s.by);
    if (measureIndex >= 0) order.push(sql`${sql.ident(`m${measureIndex}`)} ${dir}`);
    else if (dimensionIndex >= 0) order.push(sql`${sql.ident(`d${dimensionIndex}`)} ${dir}`);
    else fail(`/sort/${i}/by`, `"${s.by}" is neither a dimension nor a measure of this report`);
  });
  dimensions.forEach((_, i) => {
    order.push(sql`${sql.ident(`d${i}`)} ASC NULLS LAST`);
  });

  if (problems.length > 0) return { ok: false, problems };

  const statement = (periodRange: ResolvedRange | undefined): SqlFragment => {
    const filters = [...baseFilter];
    let sourcePeriod: SqlFragment = sql`TRUE`;
    if (periodRange && periodField) {
      if (source === 'object') filters.push(periodFilter(periodField, periodRange, ctx.timeZone));
      else {
        const { from, to } = rangeInstants(periodRange, ctx.timeZone);
        sourcePeriod = sql`${periodField.expr} >= ${from.toISOString()}::timestamptz AND ${periodField.expr} < ${to.toISOString()}::timestamptz`;
      }
    }
    const compiled = compileFilter(filters.length > 0 ? { $and: filters } : undefined, object, filterOptions);
    if (!compiled.ok) throw new Error(`report filter failed after checking: ${compiled.problems[0]?.message}`);
    const recordWhere = sql`tenant_id = ${ctx.tenantId} AND object = ${object.name} AND deleted_at IS NULL AND ${scopeCondition(ctx.scope)} AND (${compiled.value})`;
    return assemble({
      ctx,
      source,
      object,
      recordWhere,
      sourcePeriod,
      joins: resolver.joins.map((j) => j.sql),
      stageJoin:
        stageColumns.size > 0 && resolver.pipeline
          ? stageJoin(ctx.tenantId, object.name, resolver.pipeline.id, stageColumns)
          : undefined,
      dimensions,
      measures,
      definition,
      order,
    });
  };

  const current = statement(range);
  const compare = definition.period?.compare;
  const previousRange = range && compare ? shiftRange(range, compare) : undefined;
  const previous = previousRange ? statement(previousRange) : undefined;
  const periodFilterFor = (r: ResolvedRange | undefined) =>
    r && periodField && periodField.sourceKey === undefined ? periodFilter(periodField, r, ctx.timeZone) : undefined;
  const sourcePeriodFor = (r: ResolvedRange | undefined) => {
    if (!r || periodField?.sourceKey === undefined) return undefined;
    const { from, to } = rangeInstants(r, ctx.timeZone);
    return { [periodField.sourceKey]: { $gte: from.toISOString(), $lt: to.toISOString() } };
  };

  return {
    ok: true,
    value: {
      current,
      ...(previous ? { previous } : {}),
      toResult: (rows, previousRows) =>
        reportResult({ app, ctx, definition, dimensions, measures, pipeline: resolver.pipeline }, rows, previousRows),
      drillDown: (keys, measureId) =>
        reportDrillDown(
          {
            source,
            object,
            dimensions,
            measures,
            baseFilter,
            period: periodFilterFor(range),
            sourcePeriod: sourcePeriodFor(range),
            timeZone: ctx.timeZone,
            pipeline: resolver.pipeline?.id,
          },
          keys,
          measureId,
        ),
    },
  };
}

/** The period as a filter-language condition on the report's object (the drill-down reuses it). */
function periodFilter(field: ReportField, range: ResolvedRange, timeZone: string): Record<string, unknown> {
  const name = field.filterName as string;
  if (field.kind === 'date') {
    const { from, to } = rangeDates(range, timeZone);
    return { [name]: { $gte: from, $lt: to } };
  }
  const { from, to } = rangeInstants(range, timeZone);
  return { [name]: { $gte: from.toISOString(), $lt: to.toISOString() } };
}
