import type { Result } from '../../errors/types.js';
import { isUuid } from '../../filter/isUuid.js';
import { type SqlFragment, sql } from '../../store/sql.js';
import type { CompiledReport, DrillDown, ResultMeasure } from '../types.js';
import type { ResolvedAnalysis } from './analysisOptions.js';
import { type AnalysisRun, type Filter, numberField, numberOf, recordsWhere, requireVisible } from './analysisRun.js';
import { refuseMeasure } from './drillDownPoint.js';

type Goals = Extract<ResolvedAnalysis, { kind: 'goals' }>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const GOALS_MEASURES: readonly ResultMeasure[] = [
  { id: 'target_amount', label: { en: 'Target amount', 'zh-CN': '目标金额' }, format: 'currency' },
  { id: 'won_amount', label: { en: 'Won amount', 'zh-CN': '赢单金额' }, format: 'currency' },
  { id: 'completion', label: { en: 'Completion', 'zh-CN': '完成率' }, format: 'percent' },
  { id: 'target_wins', label: { en: 'Target wins', 'zh-CN': '目标赢单数' }, format: 'number' },
  { id: 'wins', label: { en: 'Wins', 'zh-CN': '赢单数' }, format: 'number' },
];

const text = (field: string): SqlFragment => sql`data->>${sql.key(field)}`;
const isText = (field: string): SqlFragment =>
  sql`(jsonb_typeof(data->${sql.key(field)}) = 'string' AND data->>${sql.key(field)} <> '')`;

/**
 * Goals: one row per user or team and goal period (goals of the same owner and period add up),
 * for goals whose period overlaps the run's period: the target amount and wins, the won amount
 * and wins of the owner (a user goal: deals the user owns; a team goal: deals of the team) with a
 * win date inside the goal's period, and completion = won amount / target amount. Keys are
 * `user:<id>` or `team:<id>`, and `<first day>/<last day>`.
 */
export function compileGoals(goals: Goals, run: AnalysisRun): Result<CompiledReport> {
  const { goal, won } = goals;
  requireVisible(run, goal.object, [
    goal.userField,
    goal.teamField,
    goal.startField,
    goal.endField,
    goal.amountField,
    goal.winsField,
  ]);
  requireVisible(run, won.object, [won.amountField, won.stageField, won.dateField]);
  const teamGoal: Filter = { $or: [{ [goal.userField]: { $exists: false } }, { [goal.userField]: '' }] };
  const goalFilter: Filter[] = [];
  if (run.window) {
    goalFilter.push({ [goal.startField]: { $lt: run.window.toDate }, [goal.endField]: { $gte: run.window.fromDate } });
  }
  if (run.people['owner'] !== undefined) goalFilter.push({ [goal.userField]: run.people['owner'] });
  if (run.people['team'] !== undefined) goalFilter.push(teamGoal, { [goal.teamField]: run.people['team'] });
  if (goals.by === 'user') goalFilter.push({ [goal.userField]: { $exists: true } });
  if (goals.by === 'team') goalFilter.push(teamGoal);
  const goalsWhere = recordsWhere(run, goal.object, goalFilter.length === 0 ? {} : { $and: goalFilter });
  const dealFilter: Filter = { [won.stageField]: won.stage };
  const dealsWhere = recordsWhere(run, won.object, dealFilter);
  if (run.problems.length > 0) return { ok: false, problems: run.problems };
  const { tenantId } = run.ctx;
  const statement = sql`WITH goals AS (
  SELECT CASE WHEN ${isText(goal.userField)} THEN 'user' WHEN ${isText(goal.teamField)} THEN 'team' END AS kind,
    lower(CASE WHEN ${isText(goal.userField)} THEN ${text(goal.userField)} ELSE ${text(goal.teamField)} END) AS who,
    ${text(goal.startField)} AS start, ${text(goal.endField)} AS finish,
    ${numberField(goal.amountField)} AS target_amount, ${numberField(goal.winsField)} AS target_wins
  FROM records WHERE ${goalsWhere}
    AND jsonb_typeof(data->${sql.key(goal.startField)}) = 'string' AND jsonb_typeof(data->${sql.key(goal.endField)}) = 'string'
), targets AS (
  SELECT kind, who, start, finish, sum(target_amount) AS target_amount, sum(target_wins) AS target_wins
  FROM goals WHERE kind IS NOT NULL GROUP BY kind, who, start, finish
), deals AS (
  SELECT owner_id::text AS owner, team_id::text AS team, ${text(won.dateField)} AS won_on, ${numberField(won.amountField)} AS amount
  FROM records WHERE ${dealsWhere} AND jsonb_typeof(data->${sql.key(won.dateField)}) = 'string'
), actual AS (
  SELECT t.kind, t.who, t.start, t.finish, sum(d.amount) AS won_amount, count(*) AS wins
  FROM targets t JOIN deals d ON d.owner = t.who AND d.won_on >= t.start AND d.won_on <= t.finish
  WHERE t.kind = 'user' GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT t.kind, t.who, t.start, t.finish, sum(d.amount) AS won_amount, count(*) AS wins
  FROM targets t JOIN deals d ON d.team = t.who AND d.won_on >= t.start AND d.won_on <= t.finish
  WHERE t.kind = 'team' GROUP BY 1, 2, 3, 4
)
SELECT t.kind, t.who, t.start, t.finish, coalesce(u.name, tm.name) AS name,
  t.target_amount::float8 AS target_amount, coalesce(a.won_amount, 0)::float8 AS won_amount,
  (coalesce(a.won_amount, 0) / NULLIF(t.target_amount, 0))::float8 AS completion,
  t.target_wins::float8 AS target_wins, coalesce(a.wins, 0)::float8 AS wins
FROM targets t
LEFT JOIN actual a ON a.kind = t.kind AND a.who = t.who AND a.start = t.start AND a.finish = t.finish
LEFT JOIN users u ON t.kind = 'user' AND u.tenant_id = ${tenantId} AND u.id::text = t.who
LEFT JOIN teams tm ON t.kind = 'team' AND tm.tenant_id = ${tenantId} AND tm.id::text = t.who
ORDER BY t.start DESC, t.finish DESC, t.kind DESC, coalesce(u.name, tm.name), t.who`;

  const drillDown = (keys: readonly (string | number | null)[], measureId?: string): Result<DrillDown> => {
    const owner = typeof keys[0] === 'string' ? /^(user|team):(.+)$/.exec(keys[0]) : null;
    const period = typeof keys[1] === 'string' ? /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(keys[1]) : null;
    if (!Array.isArray(keys) || keys.length !== 2 || !owner || !isUuid(owner[2]) || !period) {
      return {
        ok: false,
        problems: [
          { path: '/keys', message: 'expected two keys: "user:<id>" or "team:<id>", and "<first day>/<last day>"' },
        ],
      };
    }
    const [, kind, who] = owner as unknown as [string, 'user' | 'team', string];
    const [, start, finish] = period as unknown as [string, string, string];
    if (!DAY.test(start) || !DAY.test(finish))
      return { ok: false, problems: [{ path: '/keys/1', message: 'expected dates' }] };
    const measure = measureId ?? 'target_amount';
    const whose: Filter = kind === 'user' ? { [goal.userField]: who } : { $and: [teamGoal, { [goal.teamField]: who }] };
    switch (measure) {
      case 'target_amount':
      case 'target_wins':
        return {
          ok: true,
          value: {
            source: 'object',
            object: goal.object,
            filter: { $and: [...goalFilter, whose, { [goal.startField]: start, [goal.endField]: finish }] },
          },
        };
      case 'won_amount':
      case 'wins':
      case 'completion':
        return {
          ok: true,
          value: {
            source: 'object',
            object: won.object,
            filter: {
              ...dealFilter,
              [kind === 'user' ? 'owner' : 'team']: who,
              [won.dateField]: { $gte: start, $lte: finish },
            },
          },
        };
      default:
        return refuseMeasure(measure, `unknown measure; use one of ${GOALS_MEASURES.map((m) => m.id).join(', ')}`);
    }
  };

  return {
    ok: true,
    value: {
      current: statement,
      toResult: (rows) => ({
        dimensions: [
          { id: 'owner', label: { en: 'User or team', 'zh-CN': '销售或团队' } },
          { id: 'period', label: { en: 'Goal period', 'zh-CN': '目标周期' } },
        ],
        measures: GOALS_MEASURES,
        rows: rows.map((row) => {
          const start = String(row['start']);
          const finish = String(row['finish']);
          return {
            keys: [`${String(row['kind'])}:${String(row['who'])}`, `${start}/${finish}`],
            labels: [String(row['name'] ?? row['who']), `${start} – ${finish}`],
            values: GOALS_MEASURES.map((m) => numberOf(row[m.id])),
          };
        }),
      }),
      drillDown,
    },
  };
}
