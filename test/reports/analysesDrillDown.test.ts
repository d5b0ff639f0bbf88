import type { CompiledApp } from '@leadforge/engine';
import { expect } from 'chai';
import { compileFilter } from '../../engine/src/filter/compileFilter.js';
import type { DrillDown, ReportRunContext } from '../../engine/src/reports/types.js';
import { recordListWhere } from '../../engine/src/store/listRecords.js';
import { query } from '../../engine/src/store/query.js';
import type { RowScope } from '../../engine/src/store/rowScope.js';
import { sql } from '../../engine/src/store/sql.js';
import type { DemoData } from '../../runtime/src/seed/types.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import {
  compiledOrThrow,
  countDrillDown,
  demoData,
  expectedChannelRoi,
  expectedFunnel,
  FUNNEL_STEPS,
  runAnalysis,
  runContext,
  sampleApp,
  sum,
  writeDemo,
} from './analysesSupport.js';

/** How a point's value relates to the records behind it: their number, or the sum of one of their fields. */
const POINTS: Readonly<Record<string, Readonly<Record<string, 'count' | { sum: string } | 'records'>>>> = {
  funnel: {
    reached: 'count',
    drop_off: 'count',
    conversion: 'records',
    median_days_in_stage: 'records',
    median_days_from_creation: 'records',
  },
  'channel-roi': {
    cost: { sum: 'cost' },
    leads: 'count',
    mqls: 'count',
    opportunities: 'count',
    won_amount: { sum: 'amount' },
    cost_per_lead: 'records',
    roi: 'records',
  },
  leaderboard: { won_amount: { sum: 'amount' }, wins: 'count', activities: 'count' },
  goals: {
    target_amount: { sum: 'target_amount' },
    target_wins: { sum: 'target_wins' },
    won_amount: { sum: 'amount' },
    wins: 'count',
    completion: 'records',
  },
};

async function sumDrillDown(
  db: Parameters<typeof countDrillDown>[0],
  app: CompiledApp,
  tenantId: string,
  scope: RowScope,
  drill: DrillDown,
  field: string,
): Promise<number> {
  const filter = compileFilter(drill.filter, app.objects[drill.object]!, {
    relatedObject: (name) => (app.objects[name] ? { object: app.objects[name], scope } : undefined),
  });
  if (!filter.ok) throw new Error(JSON.stringify(filter.problems));
  const value = sql`data->${sql.key(field)}`;
  const rows = await query<{ total: number | null }>(
    db,
    sql`SELECT coalesce(sum(CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::numeric END), 0)::float8 AS total
FROM records WHERE ${recordListWhere({ tenantId, object: drill.object, scope, filter: filter.value })}`,
  );
  return rows[0]!.total ?? 0;
}

describeEachDriver('reports: drill-down and row scope of the built-in analyses', ({ db }) => {
  let app: CompiledApp;
  let files: Readonly<Record<string, unknown>>;
  let data: DemoData;
  const tenant = aTenant('drill');

  before(async () => {
    ({ app, files } = await sampleApp());
    data = demoData();
    await writeDemo(db(), tenant, data);
  });

  const sampleAnalyses = () =>
    Object.entries(files)
      .filter(
        ([file, value]) => file.startsWith('reports/') && (value as { analysis?: unknown }).analysis !== undefined,
      )
      .map(([file, value]) => [file, (value as { analysis: { kind: string } }).analysis] as const);

  /** Every point of every measure of every sample analysis: its drill-down lists exactly what it counts or sums. */
  async function checkEveryPoint(ctx: ReportRunContext): Promise<number> {
    let checked = 0;
    const reports = sampleAnalyses();
    expect(reports.length).to.be.greaterThan(8);
    for (const [file, analysis] of reports) {
      const { compiled, result } = await runAnalysis(db(), app, analysis, ctx);
      for (const row of result.rows) {
        for (const [i, measure] of result.measures.entries()) {
          const what = `${file} ${row.keys.join(',')} ${measure.id}`;
          const drill = compiled.drillDown(row.keys, measure.id);
          const value = row.values[i] ?? null;
          const rule = POINTS[analysis.kind]![measure.id]!;
          if (rule === 'records') {
            if (!drill.ok) expect.fail(`${what}: ${JSON.stringify(drill.problems)}`);
            continue;
          }
          if (measure.id === 'drop_off' && value === null) {
            expect(drill.ok, `${what} (the last step has no next stage)`).to.equal(false);
            continue;
          }
          if (!drill.ok) expect.fail(`${what}: ${JSON.stringify(drill.problems)}`);
          const listed =
            rule === 'count'
              ? await countDrillDown(db(), app, ctx.tenantId, ctx.scope, drill.value)
              : await sumDrillDown(db(), app, ctx.tenantId, ctx.scope, drill.value, rule.sum);
          expect(listed, what).to.be.closeTo(value ?? 0, 1e-6);
          checked += 1;
        }
      }
    }
    return checked;
  }

  it('lists exactly the records behind every point of every built-in sample report (admin, all time)', async () => {
    const checked = await checkEveryPoint(runContext(tenant));
    expect(checked).to.be.greaterThan(100);
  });

  it("lists exactly the records behind every point under a rep's scope and a dashboard's date range and team", async () => {
    const rep = data.users.find((u) => u.role === 'rep')!;
    const own = runContext(tenant, {
      scope: { kind: 'own', userId: rep.id },
      globalFilters: { dateRange: { relative: 'last_365_days' } },
    });
    expect(await checkEveryPoint(own)).to.be.greaterThan(50);
    const manager = data.users.find((u) => u.role === 'manager')!;
    const team = runContext(tenant, {
      scope: { kind: 'team', teamId: manager.teamId, userId: manager.id },
      globalFilters: { dateRange: { from: '2026-01-01', to: '2026-04-01' }, teamId: manager.teamId! },
    });
    expect(await checkEveryPoint(team)).to.be.greaterThan(50);
  });

  describe('row scope', () => {
    it("counts only the rep's own leads on the rep's funnel", async () => {
      const rep = data.users.find((u) => u.role === 'rep')!;
      const ctx = runContext(tenant, { scope: { kind: 'own', userId: rep.id } });
      const { result } = await runAnalysis(db(), app, { kind: 'funnel', pipeline: 'lead' }, ctx);
      const mine = data.leads.filter((l) => l.ownerId === rep.id);
      expect(mine.length).to.be.greaterThan(0);
      expect(mine.length).to.be.lessThan(data.leads.length);
      const expected = expectedFunnel(data, mine);
      expect(result.rows.map((r) => r.values[0])).to.deep.equal(FUNNEL_STEPS.map((s) => expected.get(s)!.reached));
    });

    it('shows a rep only their own row on the leaderboard and only their own goals', async () => {
      const rep = data.users.find((u) => u.role === 'rep')!;
      const ctx = runContext(tenant, { scope: { kind: 'own', userId: rep.id } });
      const board = await runAnalysis(db(), app, { kind: 'leaderboard' }, ctx);
      expect(board.result.rows.map((r) => r.keys[0])).to.deep.equal([rep.id]);
      const goals = await runAnalysis(db(), app, { kind: 'goals' }, ctx);
      const own = data.goals.filter((g) => g.ownerId === rep.id);
      expect(own.length).to.be.greaterThan(0);
      expect(goals.result.rows).to.have.length(own.length);
      expect(new Set(goals.result.rows.map((r) => r.keys[0]))).to.deep.equal(new Set([`user:${rep.id}`]));
    });

    it("gives a manager's channel ROI over the team's leads and deals only", async () => {
      const manager = data.users.find((u) => u.role === 'manager')!;
      const scope: RowScope = { kind: 'team', teamId: manager.teamId, userId: manager.id };
      const { result } = await runAnalysis(db(), app, { kind: 'channel-roi' }, runContext(tenant, { scope }));
      const visible = (r: { ownerId: string | null; teamId: string | null }) =>
        r.teamId === manager.teamId || r.ownerId === manager.id;
      const channels = result.rows.map((r) => r.keys[0] as string);
      const expected = expectedChannelRoi(
        data,
        channels,
        data.leads.filter(visible),
        data.channelCosts.filter(visible),
        data.opportunities.filter(visible),
      );
      expect(sum([...expected.values()].map((e) => e.leads))).to.be.lessThan(data.leads.length);
      for (const row of result.rows) {
        const e = expected.get(row.keys[0] as string)!;
        expect(row.values.slice(0, 5)).to.deep.equal([e.cost, e.leads, e.mqls, e.opportunities, e.wonAmount]);
      }
    });

    it('refuses an analysis that sums a field hidden from the viewer', () => {
      const ctx = runContext(tenant, { hiddenFields: new Map([['opportunity', new Set(['amount'])]]) });
      for (const analysis of [{ kind: 'channel-roi' }, { kind: 'leaderboard' }, { kind: 'goals' }]) {
        expect(() => compiledOrThrow(analysis, app, ctx), analysis.kind).to.throw(/amount/);
      }
    });
  });
});
