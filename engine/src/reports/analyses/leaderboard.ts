import type { Result } from '../../errors/types.js';
import { isUuid } from '../../filter/isUuid.js';
import { sql } from '../../store/sql.js';
import type { CompiledReport, DrillDown, ResultMeasure } from '../types.js';
import { compileActivityFilter } from './activityFilter.js';
import type { ResolvedAnalysis, WonDeals } from './analysisOptions.js';
import {
  type AnalysisRun,
  type Filter,
  fieldInWindow,
  numberField,
  numberOf,
  recordsWhere,
  requireVisible,
} from './analysisRun.js';
import { pointOrFail, refuseMeasure } from './drillDownPoint.js';

type Leaderboard = Extract<ResolvedAnalysis, { kind: 'leaderboard' }>;

export const LEADERBOARD_MEASURES: readonly ResultMeasure[] = [
  { id: 'won_amount', label: { en: 'Won amount', 'zh-CN': '赢单金额' }, format: 'currency' },
  { id: 'wins', label: { en: 'Wins', 'zh-CN': '赢单数' }, format: 'number' },
  { id: 'activities', label: { en: 'Activities', 'zh-CN': '活动数' }, format: 'number' },
];

/** Won deals of the period (by their win date) under the dashboard's owner/team filters. */
export function wonDealsFilter(won: WonDeals, run: AnalysisRun): Filter {
  return { [won.stageField]: won.stage, ...fieldInWindow(run, won.object, won.dateField), ...run.people };
}

/** The dashboard's filters for activities: the period on `occurred_at`, the owner as the actor, the team as the actor's. */
function activitiesFilter(run: AnalysisRun): Filter {
  const filter: Filter = {};
  if (run.window) filter['occurredAt'] = { $gte: run.window.from, $lt: run.window.to };
  if (run.people['owner'] !== undefined) filter['actor'] = run.people['owner'];
  if (run.people['team'] !== undefined) filter['actorTeam'] = run.people['team'];
  return filter;
}

/**
 * The leaderboard: per user (the deal's owner, the activity's actor) or per team (the deal's
 * team, the actor's team), the won amount and number of wins of the period (by the deal's win
 * date) and the activities logged in it, best first. Only users or teams with a win or an
 * activity the viewer may see are ranked.
 */
export function compileLeaderboard(board: Leaderboard, run: AnalysisRun): Result<CompiledReport> {
  const { won } = board;
  requireVisible(run, won.object, [won.amountField, won.stageField, won.dateField]);
  const dealFilter = wonDealsFilter(won, run);
  const dealsWhere = recordsWhere(run, won.object, dealFilter);
  const activityFilter = activitiesFilter(run);
  const acts = compileActivityFilter(activityFilter, run.ctx.tenantId, run.ctx.scope);
  if (!acts.ok) run.problems.push(...acts.problems.map((p) => ({ ...p, path: `/globalFilters${p.path}` })));
  if (run.problems.length > 0 || !acts.ok) return { ok: false, problems: run.problems };
  const { tenantId } = run.ctx;
  const byTeam = board.by === 'team';
  const statement = sql`WITH wins AS (
  SELECT ${byTeam ? sql`team_id` : sql`owner_id`} AS who, count(*) AS wins, sum(${numberField(won.amountField)}) AS won_amount
  FROM records WHERE ${dealsWhere} GROUP BY 1
), acts AS (
  SELECT ${byTeam ? sql`u.team_id` : sql`a.actor_id`} AS who, count(*) AS activities
  FROM (SELECT actor_id FROM activities WHERE ${acts.value}) a
  ${byTeam ? sql`JOIN users u ON u.tenant_id = ${tenantId} AND u.id = a.actor_id` : sql``}
  GROUP BY 1
), ranked AS (
  SELECT coalesce(w.who, k.who) AS who, coalesce(w.won_amount, 0)::float8 AS won_amount,
    coalesce(w.wins, 0)::float8 AS wins, coalesce(k.activities, 0)::float8 AS activities
  FROM wins w FULL JOIN acts k ON k.who = w.who
  WHERE coalesce(w.who, k.who) IS NOT NULL
)
SELECT r.who::text AS who, n.name, r.won_amount, r.wins, r.activities
FROM ranked r JOIN ${byTeam ? sql`teams` : sql`users`} n ON n.tenant_id = ${tenantId} AND n.id = r.who
ORDER BY r.won_amount DESC, r.wins DESC, r.activities DESC, n.name, r.who
LIMIT ${board.limit}::int`;

  const drillDown = (keys: readonly (string | number | null)[], measureId?: string): Result<DrillDown> => {
    const point = pointOrFail(keys, isUuid, measureId, LEADERBOARD_MEASURES);
    if (!point.ok) return point;
    const { key: who, measure } = point.value;
    switch (measure) {
      case 'won_amount':
      case 'wins':
        return {
          ok: true,
          value: {
            source: 'object',
            object: won.object,
            filter: { $and: [dealFilter, { [byTeam ? 'team' : 'owner']: who }] },
          },
        };
      case 'activities':
        return {
          ok: true,
          value: {
            source: 'activities',
            object: '*',
            filter: { ...activityFilter, [byTeam ? 'actorTeam' : 'actor']: who },
          },
        };
      default:
        return refuseMeasure(measure);
    }
  };

  return {
    ok: true,
    value: {
      current: statement,
      toResult: (rows) => ({
        dimensions: [
          byTeam
            ? { id: 'team', label: { en: 'Team', 'zh-CN': '团队' } }
            : { id: 'user', label: { en: 'User', 'zh-CN': '销售' } },
        ],
        measures: LEADERBOARD_MEASURES,
        rows: rows.map((row) => ({
          keys: [String(row['who'])],
          labels: [String(row['name'] ?? row['who'])],
          values: LEADERBOARD_MEASURES.map((m) => numberOf(row[m.id])),
        })),
      }),
      drillDown,
    },
  };
}
