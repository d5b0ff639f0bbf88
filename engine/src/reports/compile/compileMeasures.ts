import type { CompiledApp, CompiledObject } from '../../compile/types.js';
import type { Problem } from '../../errors/types.js';
import { compileFilter } from '../../filter/compileFilter.js';
import type { FilterOptions } from '../../filter/types.js';
import type { GenericReportDefinition, PipelineDefinition } from '../../package/schemas/index.js';
import { type SqlFragment, sql } from '../../store/sql.js';
import type { ReportRunContext } from '../types.js';
import type { ReportSource } from './reportFields.js';
import { absoluteFilter } from './reportFilter.js';
import { filtered, numericExpr } from './sqlParts.js';
import type { CompiledMeasure, ReportField } from './types.js';

const NUMERIC_OPS = new Set(['sum', 'avg', 'min', 'max', 'median', 'percentile']);

const AGGREGATES = {
  sum: (v: SqlFragment) => sql`sum(${v})`,
  avg: (v: SqlFragment) => sql`avg(${v})`,
  min: (v: SqlFragment) => sql`min(${v})`,
  max: (v: SqlFragment) => sql`max(${v})`,
} as const;

/** What compiling measures needs from the report being compiled. */
export interface MeasureContext {
  readonly app: CompiledApp;
  readonly object: CompiledObject;
  readonly source: ReportSource;
  readonly ctx: ReportRunContext;
  readonly pipeline: PipelineDefinition | undefined;
  readonly filterOptions: FilterOptions;
  /** Problems found go here, each with its pointer into the definition. */
  readonly problems: Problem[];
  /** Resolves a name at a pointer, reporting it when it cannot be used. */
  resolveAt(path: string, name: string): ReportField | undefined;
}

function isCurrency(app: CompiledApp, object: CompiledObject, name: string): boolean {
  const dot = name.indexOf('.');
  if (dot < 0) return object.fields[name]?.type === 'currency';
  const target = object.fields[name.slice(0, dot)]?.reference;
  const other = target !== undefined && Object.hasOwn(app.objects, target) ? app.objects[target] : undefined;
  return other?.fields[name.slice(dot + 1)]?.type === 'currency';
}

/**
 * Each measure's aggregate (`count(*)`, `sum(...)`, `percentile_cont … WITHIN GROUP`, a measure
 * filter as `FILTER (WHERE …)`); a ratio has none (the outer query divides). `stageColumns` names
 * the first-entry column of every stage a conversion or a duration reads from the stage join.
 */
export function compileMeasures(
  definition: GenericReportDefinition,
  mc: MeasureContext,
): { measures: CompiledMeasure[]; stageColumns: Map<string, string> } {
  const { app, object, source, ctx, filterOptions, problems, resolveAt } = mc;
  const fail = (path: string, message: string) => problems.push({ path, message });
  const pipeline = mc.pipeline;
  const stageColumns = new Map<string, string>();
  const stageColumn = (stage: string) => {
    let column = stageColumns.get(stage);
    if (column === undefined) {
      column = `sh_${stageColumns.size}`;
      stageColumns.set(stage, column);
    }
    return sql`sh.${sql.ident(column)}`;
  };
  const stageIds = new Set((pipeline?.stages ?? []).map((s) => s.id));
  const measureIds = new Set(definition.measures.map((m) => m.id));
  const measures: CompiledMeasure[] = [];
  definition.measures.forEach((m, i) => {
    const at = `/measures/${i}`;
    let condition: SqlFragment | undefined;
    let filter: unknown;
    if ('filter' in m && m.filter !== undefined) {
      if (source !== 'object')
        fail(`${at}/filter`, 'a measure filter applies to reports over records (source "object")');
      else {
        filter = absoluteFilter(m.filter, object, ctx.now, ctx.timeZone);
        const compiled = compileFilter(filter, object, { ...filterOptions, path: `${at}/filter` });
        if (compiled.ok) condition = compiled.value;
        else problems.push(...compiled.problems);
      }
    }
    const push = (aggregate: SqlFragment | undefined, currency = false) =>
      measures.push({ definition: m, aggregate, filter, currency });
    switch (m.op) {
      case 'count':
        push(filtered(sql`count(*)`, condition));
        return;
      case 'count_distinct': {
        const field = resolveAt(`${at}/field`, m.field);
        if (field) push(filtered(sql`count(DISTINCT ${field.expr})`, condition));
        return;
      }
      case 'ratio': {
        for (const [key, id] of [
          ['numerator', m.numerator],
          ['denominator', m.denominator],
        ] as const) {
          const other = definition.measures.find((x) => x.id === id);
          if (!measureIds.has(id) || other === undefined) fail(`${at}/${key}`, `no measure "${id}" in this report`);
          else if (other.op === 'ratio')
            fail(`${at}/${key}`, `"${id}" is itself a ratio; name a count, sum or other measure`);
        }
        push(undefined);
        return;
      }
      case 'conversion':
      case 'duration': {
        if (source !== 'object') {
          fail(`${at}/op`, `${m.op} between stages applies to reports over records (source "object")`);
          return;
        }
        if (pipeline === undefined) {
          fail(`${at}/op`, `${object.name} has no pipeline, so it has no stages to measure`);
          return;
        }
        let known = true;
        for (const key of ['from', 'to'] as const) {
          if (!stageIds.has(m[key])) {
            fail(`${at}/${key}`, `unknown stage "${m[key]}" in pipeline "${pipeline.id}"`);
            known = false;
          }
        }
        if (!known) return;
        const from = stageColumn(m.from);
        const to = stageColumn(m.to);
        if (m.op === 'conversion') {
          const entered = condition ? sql`${from} IS NOT NULL AND ${condition}` : sql`${from} IS NOT NULL`;
          push(
            sql`(count(*) FILTER (WHERE ${entered} AND ${to} IS NOT NULL))::float8 / NULLIF(count(*) FILTER (WHERE ${entered}), 0)`,
          );
          return;
        }
        const seconds = m.unit === 'hours' ? sql`3600.0` : sql`86400.0`;
        const span = sql`(CASE WHEN ${to} >= ${from} THEN extract(epoch FROM (${to} - ${from})) / ${seconds} END)`;
        push(
          filtered(
            m.stat === 'avg' ? sql`avg(${span})` : sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${span})`,
            condition,
          ),
        );
        return;
      }
      default: {
        const field = resolveAt(`${at}/field`, m.field);
        if (!field) return;
        if (!NUMERIC_OPS.has(m.op) || field.kind !== 'number') {
          fail(`${at}/field`, `${m.op} needs a number field; "${m.field}" is not one`);
          return;
        }
        const value = numericExpr(field);
        const currency =
          field.jsonb && (object.fields[m.field]?.type === 'currency' || m.field.includes('.'))
            ? isCurrency(app, object, m.field)
            : false;
        const aggregate =
          m.op === 'median'
            ? sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${value})`
            : m.op === 'percentile'
              ? sql`percentile_cont(${m.p / 100}::float8) WITHIN GROUP (ORDER BY ${value})`
              : AGGREGATES[m.op as 'sum' | 'avg' | 'min' | 'max'](value);
        push(filtered(aggregate, condition), currency);
      }
    }
  });
  return { measures, stageColumns };
}
