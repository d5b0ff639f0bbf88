import type { Result } from '../../errors/types.js';
import { compileFilter } from '../../filter/compileFilter.js';
import { sql } from '../../store/sql.js';
import type { CompiledReport, DrillDown, ResultMeasure } from '../types.js';
import type { ResolvedAnalysis } from './analysisOptions.js';
import {
  type AnalysisRun,
  createdInWindow,
  type Filter,
  fieldInWindow,
  labelText,
  numberField,
  numberOf,
  recordsWhere,
  requireVisible,
  scopeFilter,
} from './analysisRun.js';
import { pointOrFail, refuseMeasure } from './drillDownPoint.js';

type ChannelRoi = Extract<ResolvedAnalysis, { kind: 'channel-roi' }>;

const COST_MEASURES: ReadonlySet<string> = new Set(['cost', 'cost_per_lead', 'roi']);

export const CHANNEL_ROI_MEASURES: readonly ResultMeasure[] = [
  { id: 'cost', label: { en: 'Cost', 'zh-CN': '成本' }, format: 'currency' },
  { id: 'leads', label: { en: 'Leads', 'zh-CN': '线索数' }, format: 'number' },
  { id: 'mqls', label: { en: 'MQLs', 'zh-CN': 'MQL 数' }, format: 'number' },
  { id: 'opportunities', label: { en: 'Opportunities', 'zh-CN': '商机数' }, format: 'number' },
  { id: 'won_amount', label: { en: 'Won amount', 'zh-CN': '赢单金额' }, format: 'currency' },
  { id: 'cost_per_lead', label: { en: 'Cost per lead', 'zh-CN': '单条线索成本' }, format: 'currency' },
  { id: 'roi', label: { en: 'ROI', 'zh-CN': '投资回报率' }, format: 'percent' },
];

/**
 * Channel ROI: per option of the leads' channel field, the cost booked in the period (cost
 * records whose date falls in it), the leads created in the period, how many of them are MQLs,
 * the deals linked to them, the amount of their won deals, cost per lead and
 * ROI = (won amount − cost) / cost. One statement, grouped in the database.
 */
export function compileChannelRoi(
  roi: ChannelRoi,
  run: AnalysisRun,
  measures?: readonly string[],
): Result<CompiledReport> {
  const { won, cost } = roi;
  requireVisible(run, roi.object, [roi.channelField]);
  // a report showing no cost measure reads no costs: a viewer who may not see them still gets leads and deals
  const withCost = measures === undefined || measures.some((m) => COST_MEASURES.has(m));
  if (withCost) requireVisible(run, cost.object, [cost.channelField, cost.amountField]);
  requireVisible(run, won.object, [won.linkField, won.amountField, won.stageField]);
  const cohort: Filter = { ...createdInWindow(run), ...run.people };
  const costPeriod = fieldInWindow(run, cost.object, cost.dateField);
  const mql: Filter = { $mql: roi.mqlModel === undefined ? true : { model: roi.mqlModel } };
  const wonFilter: Filter = { [won.stageField]: won.stage };
  const leadObject = run.app.objects[roi.object];
  const wonObject = run.app.objects[won.object];
  const isMql = leadObject ? compileFilter(mql, leadObject) : undefined;
  const isWon = wonObject ? compileFilter(wonFilter, wonObject) : undefined;
  const leadsWhere = recordsWhere(run, roi.object, cohort);
  const dealsWhere = recordsWhere(run, won.object, {});
  const costWhere = withCost ? recordsWhere(run, cost.object, costPeriod) : sql`FALSE`;
  if (run.problems.length > 0 || !isMql?.ok || !isWon?.ok) {
    return {
      ok: false,
      problems: run.problems.length > 0 ? run.problems : [{ path: '/analysis', message: 'bad names' }],
    };
  }
  const channels = roi.channels.map((c) => c.value);
  // The cohort once and narrow (the lead's id as text, its channel, its MQL flag) for both the lead counts
  // and the deals. Deals are summed per lead first, reading only their link, stage and amount, then
  // joined to the cohort on `id::text = <link>` — the equality `$related` uses in the drill-down. The
  // join is still estimated from default statistics (a CTE has none); see docs/reports.md, Speed.
  const statement = sql`WITH cohort AS MATERIALIZED (
  SELECT id::text AS lead_id, data->>${sql.key(roi.channelField)} AS channel, (${isMql.value}) AS mql
  FROM records WHERE ${leadsWhere}
), lead_counts AS (
  SELECT channel, count(*) AS leads, count(*) FILTER (WHERE mql) AS mqls FROM cohort GROUP BY 1
), deals_per_lead AS (
  SELECT data->>${sql.key(won.linkField)} AS lead_ref, count(*) AS opportunities,
    sum(${numberField(won.amountField)}) FILTER (WHERE ${isWon.value}) AS won_amount
  FROM records WHERE ${dealsWhere} GROUP BY 1
), deal_counts AS (
  SELECT l.channel, sum(d.opportunities) AS opportunities, sum(d.won_amount) AS won_amount
  FROM deals_per_lead d JOIN cohort l ON l.lead_id = d.lead_ref GROUP BY 1
), costs AS (
  SELECT data->>${sql.key(cost.channelField)} AS channel, sum(${numberField(cost.amountField)}) AS cost
  FROM records WHERE ${costWhere} GROUP BY 1
), channels AS (
  SELECT ch.channel, ch.ord FROM unnest(${channels}::text[]) WITH ORDINALITY AS ch(channel, ord)
)
SELECT ch.channel, coalesce(k.cost, 0)::float8 AS cost, coalesce(lc.leads, 0)::float8 AS leads,
  coalesce(lc.mqls, 0)::float8 AS mqls, coalesce(dc.opportunities, 0)::float8 AS opportunities,
  coalesce(dc.won_amount, 0)::float8 AS won_amount,
  (coalesce(k.cost, 0) / NULLIF(lc.leads, 0))::float8 AS cost_per_lead,
  ((coalesce(dc.won_amount, 0) - k.cost) / NULLIF(k.cost, 0))::float8 AS roi
FROM channels ch
LEFT JOIN costs k ON k.channel = ch.channel
LEFT JOIN lead_counts lc ON lc.channel = ch.channel
LEFT JOIN deal_counts dc ON dc.channel = ch.channel
ORDER BY ch.ord`;
  const labels = new Map(roi.channels.map((c) => [c.value, labelText(c.label, run.ctx.locale, c.value)]));

  const leadsOf = (channel: string): Filter => ({ ...cohort, [roi.channelField]: channel });
  // the deal's lead is held to the same cohort and to the viewer's scope, as the statement's join does
  const leadScope = scopeFilter(run.ctx.scope);
  const dealsOf = (channel: string): Filter => ({
    $related: {
      field: won.linkField,
      filter: Object.keys(leadScope).length === 0 ? leadsOf(channel) : { $and: [leadsOf(channel), leadScope] },
    },
  });
  const drillDown = (keys: readonly (string | number | null)[], measureId?: string): Result<DrillDown> => {
    const point = pointOrFail(keys, channels, measureId, CHANNEL_ROI_MEASURES);
    if (!point.ok) return point;
    const { key: channel, measure } = point.value;
    const costs = (): DrillDown => ({
      source: 'object',
      object: cost.object,
      filter: { ...costPeriod, [cost.channelField]: channel },
    });
    const wonDeals = (): DrillDown => ({
      source: 'object',
      object: won.object,
      filter: { ...wonFilter, ...dealsOf(channel) },
    });
    switch (measure) {
      case 'cost':
      case 'cost_per_lead':
        return { ok: true, value: costs() };
      case 'leads':
        return { ok: true, value: { source: 'object', object: roi.object, filter: leadsOf(channel) } };
      case 'mqls':
        return { ok: true, value: { source: 'object', object: roi.object, filter: { ...leadsOf(channel), ...mql } } };
      case 'opportunities':
        return { ok: true, value: { source: 'object', object: won.object, filter: dealsOf(channel) } };
      case 'won_amount':
      case 'roi':
        return { ok: true, value: wonDeals() };
      default:
        return refuseMeasure(measure);
    }
  };

  return {
    ok: true,
    value: {
      current: statement,
      toResult: (rows) => ({
        dimensions: [{ id: 'channel', label: { en: 'Channel', 'zh-CN': '渠道' } }],
        measures: CHANNEL_ROI_MEASURES,
        rows: rows.map((row) => {
          const channel = String(row['channel']);
          return {
            keys: [channel],
            labels: [labels.get(channel) ?? channel],
            values: CHANNEL_ROI_MEASURES.map((m) => numberOf(row[m.id])),
          };
        }),
      }),
      drillDown,
    },
  };
}
