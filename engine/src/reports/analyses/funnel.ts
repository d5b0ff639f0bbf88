import type { Result } from '../../errors/types.js';
import { sql } from '../../store/sql.js';
import type { CompiledReport, DrillDown, ResultMeasure } from '../types.js';
import type { ResolvedAnalysis } from './analysisOptions.js';
import { type AnalysisRun, createdInWindow, type Filter, labelText, numberOf, recordsWhere } from './analysisRun.js';
import { pointOrFail, refuseMeasure } from './drillDownPoint.js';

type Funnel = Extract<ResolvedAnalysis, { kind: 'funnel' }>;

export const FUNNEL_MEASURES: readonly ResultMeasure[] = [
  { id: 'reached', label: { en: 'Reached the stage', 'zh-CN': '到达该阶段' }, format: 'number' },
  {
    id: 'conversion',
    label: { en: 'Conversion from the previous stage', 'zh-CN': '上一阶段转化率' },
    format: 'percent',
  },
  { id: 'drop_off', label: { en: 'Did not reach the next stage', 'zh-CN': '未进入下一阶段' }, format: 'number' },
  {
    id: 'median_days_in_stage',
    label: { en: 'Median time in stage (days)', 'zh-CN': '阶段停留中位数（天）' },
    format: 'duration',
  },
  {
    id: 'median_days_from_creation',
    label: {
      en: 'Median days from creation (at Won: the win cycle)',
      'zh-CN': '自创建起的天数中位数（赢单即赢单周期）',
    },
    format: 'duration',
  },
];

/**
 * The funnel: per step (the pipeline's open stages in order, then its won stage) the records
 * created in the period that ever entered it (stage_history; once per record), the conversion
 * from the previous step, those that never entered the next step, the median finished stay in
 * the step and the median days from creation to first entering it (at the won step: the win
 * cycle). One statement; the steps come in as arrays.
 */
export function compileFunnel(funnel: Funnel, run: AnalysisRun): Result<CompiledReport> {
  const cohort: Filter = { ...createdInWindow(run), ...run.people };
  const where = recordsWhere(run, funnel.object, cohort);
  const { tenantId } = run.ctx;
  const stages = funnel.stages.map((s) => s.value);
  const next = stages.map((_, i) => stages[i + 1] ?? null);
  const history = sql`sh.tenant_id = ${tenantId} AND sh.pipeline = ${funnel.pipeline} AND sh.object = ${funnel.object} AND sh.stage = ANY (${stages}::text[])`;
  const col = (prefix: string, i: number) => sql.ident(`${prefix}${i}`);
  // one pass over the cohort's stays: per lead the first entry into each step, then one row of
  // per-step aggregates, turned into one row per step by a VALUES list
  const firstEntries = stages.map((stage, i) => sql`min(entered_at) FILTER (WHERE stage = ${stage}) AS ${col('e', i)}`);
  const leadStats = stages.map((_, i) => {
    const e = col('e', i);
    const dropped =
      i + 1 < stages.length
        ? sql`count(*) FILTER (WHERE ${e} IS NOT NULL AND ${col('e', i + 1)} IS NULL)`
        : sql`NULL::bigint`;
    return sql`count(${e}) AS ${col('r', i)}, ${dropped} AS ${col('x', i)},
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (${e} - created_at)) / 86400.0) AS ${col('f', i)}`;
  });
  const stayStats = stages.map(
    (stage, i) =>
      sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms / 86400000.0) FILTER (WHERE stage = ${stage} AND exited_at IS NOT NULL) AS ${col('d', i)}`,
  );
  const steps = stages.map(
    (stage, i) => sql`(${stage}::text, ${i}::int, ${col('r', i)}, ${col('x', i)}, ${col('d', i)}, ${col('f', i)})`,
  );
  const statement = sql`WITH cohort AS (
  SELECT id, created_at FROM records WHERE ${where}
), stays AS (
  SELECT sh.record_id, sh.stage, sh.entered_at, sh.exited_at, sh.duration_ms, c.created_at
  FROM stage_history sh JOIN cohort c ON c.id = sh.record_id
  WHERE ${history}
), leads AS (
  SELECT record_id, min(created_at) AS created_at, ${sql.join(firstEntries, ', ')} FROM stays GROUP BY record_id
), lead_stats AS (
  SELECT ${sql.join(leadStats, ', ')} FROM leads
), stay_stats AS (
  SELECT ${sql.join(stayStats, ', ')} FROM stays
)
SELECT v.stage, v.reached::float8 AS reached,
  v.reached::float8 / NULLIF(lag(v.reached) OVER (ORDER BY v.ord), 0) AS conversion,
  v.dropped::float8 AS drop_off, v.days_in::float8 AS days_in_stage, v.days_from::float8 AS days_from_creation
FROM lead_stats, stay_stats, LATERAL (VALUES ${sql.join(steps, ', ')}) AS v(stage, ord, reached, dropped, days_in, days_from)
ORDER BY v.ord`;
  if (run.problems.length > 0) return { ok: false, problems: run.problems };
  const labels = new Map(funnel.stages.map((s) => [s.value, labelText(s.label, run.ctx.locale, s.value)]));

  const reachedFilter = (stage: string): Filter => ({ ...cohort, $stage: { pipeline: funnel.pipeline, stage } });
  const drillDown = (keys: readonly (string | number | null)[], measureId?: string): Result<DrillDown> => {
    const point = pointOrFail(keys, stages, measureId, FUNNEL_MEASURES);
    if (!point.ok) return point;
    const { key: stage, measure } = point.value;
    const i = stages.indexOf(stage);
    let filter: Filter;
    switch (measure) {
      case 'reached':
      case 'conversion':
      case 'median_days_from_creation':
        filter = reachedFilter(stage);
        break;
      case 'drop_off': {
        const after = next[i];
        if (after === null || after === undefined) return refuseMeasure(measure, 'the last step has no next stage');
        filter = { ...reachedFilter(stage), $not: { $stage: { pipeline: funnel.pipeline, stage: after } } };
        break;
      }
      case 'median_days_in_stage':
        filter = { ...cohort, $stage: { pipeline: funnel.pipeline, stage, exited: true } };
        break;
      default:
        return refuseMeasure(measure);
    }
    return { ok: true, value: { source: 'object', object: funnel.object, filter } };
  };

  return {
    ok: true,
    value: {
      current: statement,
      toResult: (rows) => ({
        dimensions: [{ id: 'stage', label: { en: 'Stage', 'zh-CN': '阶段' } }],
        measures: FUNNEL_MEASURES,
        rows: rows.map((row) => {
          const stage = String(row['stage']);
          return {
            keys: [stage],
            labels: [labels.get(stage) ?? stage],
            values: [
              numberOf(row['reached']),
              numberOf(row['conversion']),
              numberOf(row['drop_off']),
              numberOf(row['days_in_stage']),
              numberOf(row['days_from_creation']),
            ],
          };
        }),
      }),
      drillDown,
    },
  };
}
