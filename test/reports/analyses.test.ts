import type { CompiledApp } from '@leadforge/engine';
import { expect } from 'chai';
import { reportToEChartsOption } from '../../engine/src/reports/reportToEChartsOption.js';
import type { ChartDefinition, ReportResult } from '../../engine/src/reports/types.js';
import type { DemoData, DemoRecord } from '../../runtime/src/seed/types.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import {
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

const CHANNELS = ['web_form', 'event', 'import', 'api', 'manual', 'referral', 'ads'];

/** A result's value at a row key and measure id. */
function valueAt(result: ReportResult, key: string, measure: string): number | null {
  const row = result.rows.find((r) => r.keys[0] === key);
  if (!row) throw new Error(`no row ${key}`);
  return row.values[result.measures.findIndex((m) => m.id === measure)] ?? null;
}

function closeTo(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) expect(actual, what).to.equal(null);
  else expect(actual, what).to.be.closeTo(expected, Math.max(1e-6, Math.abs(expected) * 1e-9));
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const wonIn = (o: DemoRecord, from: string, to: string) =>
  o.data['stage'] === 'won' &&
  typeof o.data['close_date'] === 'string' &&
  o.data['close_date'] >= from &&
  o.data['close_date'] < to;

describeEachDriver('reports: built-in analyses on the demo data', ({ db }) => {
  let app: CompiledApp;
  let data: DemoData;
  const tenant = aTenant('analyses');

  before(async () => {
    app = (await sampleApp()).app;
    data = demoData();
    await writeDemo(db(), tenant, data);
  });

  it("draws every built-in sample report with its chart: the funnel's steps, bars per channel and user, a goal gauge", async () => {
    const { files } = await sampleApp();
    const rep = data.users.find((u) => u.role === 'rep')!;
    const ctx = runContext(tenant, { scope: { kind: 'own', userId: rep.id }, now: new Date('2026-05-20T10:00:00Z') });
    const drawn: Record<string, { series?: { type: string; data: unknown[] }[] }> = {};
    for (const [file, value] of Object.entries(files)) {
      const definition = value as ChartDefinition & { analysis?: unknown };
      if (!file.startsWith('reports/') || definition.analysis === undefined) continue;
      const { result } = await runAnalysis(db(), app, definition.analysis, ctx);
      drawn[file] = reportToEChartsOption(result, definition, { locale: 'en' }) as (typeof drawn)[string];
    }
    const funnel = drawn['reports/funnel.json']!.series![0]!;
    expect(funnel.type).to.equal('funnel');
    expect(funnel.data.map((d) => (d as { name: string }).name)).to.deep.equal([
      'New',
      'First contact',
      'Needs assessment',
      'Proposal/Quote',
      'Negotiation',
      'Won',
    ]);
    expect(drawn['reports/channel-roi.json']!.series!.map((s) => s.type)).to.deep.equal(['bar', 'bar']);
    const gauge = drawn['reports/goal-completion.json']!.series![0]!;
    expect(gauge.type).to.equal('gauge');
    const goal = data.goals.find((g) => g.data['user'] === rep.id && g.data['period_start'] === '2026-05-01')!;
    const won = data.opportunities.filter(
      (o) =>
        o.ownerId === rep.id &&
        o.data['stage'] === 'won' &&
        (o.data['close_date'] as string) >= '2026-05-01' &&
        (o.data['close_date'] as string) <= '2026-05-31',
    );
    const completion = sum(won.map((o) => num(o.data['amount']))) / num(goal.data['target_amount']);
    expect((gauge.data[0] as { value: number }).value).to.be.closeTo(completion, 1e-9);
  });

  describe('funnel', () => {
    it('counts each step once per lead, with conversion, drop-off, median time in stage and the win cycle', async () => {
      const { result } = await runAnalysis(db(), app, { kind: 'funnel', pipeline: 'lead' }, runContext(tenant));
      expect(result.rows.map((r) => r.keys[0])).to.deep.equal(FUNNEL_STEPS);
      expect(result.measures.map((m) => m.format)).to.deep.equal([
        'number',
        'percent',
        'number',
        'duration',
        'duration',
      ]);
      const expected = expectedFunnel(data, data.leads);
      expect(expected.get('won')!.reached, 'the demo data has wins').to.be.greaterThan(5);
      for (const stage of FUNNEL_STEPS) {
        const e = expected.get(stage)!;
        closeTo(valueAt(result, stage, 'reached'), e.reached, `${stage} reached`);
        closeTo(valueAt(result, stage, 'conversion'), e.conversion, `${stage} conversion`);
        closeTo(valueAt(result, stage, 'drop_off'), e.dropOff, `${stage} drop-off`);
        closeTo(valueAt(result, stage, 'median_days_in_stage'), e.medianDaysInStage, `${stage} days in stage`);
        closeTo(
          valueAt(result, stage, 'median_days_from_creation'),
          e.medianDaysFromCreation,
          `${stage} days from creation`,
        );
      }
    });

    it('limits the cohort to leads created in the dashboard period and team', async () => {
      const team = data.teams[0]!.id;
      const ctx = runContext(tenant, {
        globalFilters: { dateRange: { from: '2026-01-01', to: '2026-04-01' }, teamId: team },
      });
      const { result } = await runAnalysis(db(), app, { kind: 'funnel', pipeline: 'lead' }, ctx);
      // local days in Asia/Shanghai (UTC+8)
      const from = Date.parse('2025-12-31T16:00:00Z');
      const to = Date.parse('2026-03-31T16:00:00Z');
      const cohort = data.leads.filter(
        (l) => l.teamId === team && Date.parse(l.createdAt) >= from && Date.parse(l.createdAt) < to,
      );
      expect(cohort.length).to.be.greaterThan(10);
      const expected = expectedFunnel(data, cohort);
      for (const stage of FUNNEL_STEPS) {
        closeTo(valueAt(result, stage, 'reached'), expected.get(stage)!.reached, `${stage} reached`);
        closeTo(valueAt(result, stage, 'drop_off'), expected.get(stage)!.dropOff, `${stage} drop-off`);
        closeTo(
          valueAt(result, stage, 'median_days_from_creation'),
          expected.get(stage)!.medianDaysFromCreation,
          stage,
        );
      }
    });
  });

  describe('channel ROI', () => {
    it('gives cost, leads, MQLs, opportunities, won amount, cost per lead and ROI per channel', async () => {
      const { result } = await runAnalysis(db(), app, { kind: 'channel-roi' }, runContext(tenant));
      expect(result.rows.map((r) => r.keys[0])).to.deep.equal(CHANNELS);
      const expected = expectedChannelRoi(data, CHANNELS, data.leads, data.channelCosts, data.opportunities);
      expect(sum([...expected.values()].map((e) => e.wonAmount))).to.be.greaterThan(0);
      expect(sum([...expected.values()].map((e) => e.mqls))).to.be.greaterThan(0);
      for (const channel of CHANNELS) {
        const e = expected.get(channel)!;
        closeTo(valueAt(result, channel, 'cost'), e.cost, `${channel} cost`);
        closeTo(valueAt(result, channel, 'leads'), e.leads, `${channel} leads`);
        closeTo(valueAt(result, channel, 'mqls'), e.mqls, `${channel} MQLs`);
        closeTo(valueAt(result, channel, 'opportunities'), e.opportunities, `${channel} opportunities`);
        closeTo(valueAt(result, channel, 'won_amount'), e.wonAmount, `${channel} won amount`);
        closeTo(valueAt(result, channel, 'cost_per_lead'), e.costPerLead, `${channel} cost per lead`);
        closeTo(valueAt(result, channel, 'roi'), e.roi, `${channel} ROI`);
      }
    });

    it("books the period's costs by month and counts the leads created in it", async () => {
      const ctx = runContext(tenant, { globalFilters: { dateRange: { relative: 'last_quarter' } } });
      const { result } = await runAnalysis(db(), app, { kind: 'channel-roi' }, ctx);
      // 2026-06-15 in Shanghai: last quarter is January to March 2026
      const from = Date.parse('2025-12-31T16:00:00Z');
      const to = Date.parse('2026-03-31T16:00:00Z');
      const leads = data.leads.filter((l) => Date.parse(l.createdAt) >= from && Date.parse(l.createdAt) < to);
      const costs = data.channelCosts.filter(
        (c) => (c.data['month'] as string) >= '2026-01-01' && (c.data['month'] as string) < '2026-04-01',
      );
      expect(costs.length).to.be.greaterThan(0);
      const expected = expectedChannelRoi(data, CHANNELS, leads, costs, data.opportunities);
      for (const channel of CHANNELS) {
        const e = expected.get(channel)!;
        closeTo(valueAt(result, channel, 'cost'), e.cost, `${channel} cost`);
        closeTo(valueAt(result, channel, 'leads'), e.leads, `${channel} leads`);
        closeTo(valueAt(result, channel, 'won_amount'), e.wonAmount, `${channel} won amount`);
        closeTo(valueAt(result, channel, 'roi'), e.roi, `${channel} ROI`);
      }
    });
  });

  describe('leaderboard', () => {
    it('ranks users by won amount, with wins and activities', async () => {
      const { result } = await runAnalysis(db(), app, { kind: 'leaderboard', by: 'user' }, runContext(tenant));
      const users = new Map(data.users.map((u) => [u.id, u]));
      const won = data.opportunities.filter((o) => o.data['stage'] === 'won');
      const rows = new Map<string, { amount: number; wins: number; activities: number }>();
      const row = (id: string) => rows.get(id) ?? rows.set(id, { amount: 0, wins: 0, activities: 0 }).get(id)!;
      for (const o of won) {
        if (o.ownerId === null || !users.has(o.ownerId)) continue;
        row(o.ownerId).amount += num(o.data['amount']);
        row(o.ownerId).wins += 1;
      }
      for (const a of data.activities) if (users.has(a.actorId)) row(a.actorId).activities += 1;
      expect(result.rows.map((r) => r.keys[0]).sort()).to.deep.equal([...rows.keys()].sort());
      for (const [id, e] of rows) {
        closeTo(valueAt(result, id, 'won_amount'), e.amount, `${id} won amount`);
        closeTo(valueAt(result, id, 'wins'), e.wins, `${id} wins`);
        closeTo(valueAt(result, id, 'activities'), e.activities, `${id} activities`);
        expect(result.rows.find((r) => r.keys[0] === id)!.labels[0]).to.equal(users.get(id)!.name);
      }
      const amounts = result.rows.map((r) => r.values[0]!);
      expect(amounts).to.deep.equal([...amounts].sort((a, b) => b - a));
    });

    it('ranks teams by the won amount of their deals in the period, and their members’ activities', async () => {
      const ctx = runContext(tenant, { globalFilters: { dateRange: { from: '2026-01-01', to: '2026-04-01' } } });
      const { result } = await runAnalysis(db(), app, { kind: 'leaderboard', by: 'team' }, ctx);
      const from = Date.parse('2025-12-31T16:00:00Z');
      const to = Date.parse('2026-03-31T16:00:00Z');
      const teamOf = new Map(data.users.map((u) => [u.id, u.teamId]));
      for (const team of data.teams) {
        const won = data.opportunities.filter((o) => o.teamId === team.id && wonIn(o, '2026-01-01', '2026-04-01'));
        const activities = data.activities.filter(
          (a) => teamOf.get(a.actorId) === team.id && Date.parse(a.occurredAt) >= from && Date.parse(a.occurredAt) < to,
        );
        closeTo(
          valueAt(result, team.id, 'won_amount'),
          sum(won.map((o) => num(o.data['amount']))),
          `${team.name} amount`,
        );
        closeTo(valueAt(result, team.id, 'wins'), won.length, `${team.name} wins`);
        closeTo(valueAt(result, team.id, 'activities'), activities.length, `${team.name} activities`);
      }
    });
  });

  describe('goals', () => {
    it('gives per user and team goal the target, the won amount and wins inside its period, and completion', async () => {
      const { result } = await runAnalysis(db(), app, { kind: 'goals' }, runContext(tenant));
      expect(data.goals.length).to.be.greaterThan(10);
      expect(result.rows).to.have.length(data.goals.length);
      for (const goal of data.goals) {
        const user = goal.data['user'] as string | undefined;
        const team = goal.data['team_id'] as string | undefined;
        const start = goal.data['period_start'] as string;
        const end = goal.data['period_end'] as string;
        const key = user ? `user:${user}` : `team:${team}`;
        const row = result.rows.find((r) => r.keys[0] === key && r.keys[1] === `${start}/${end}`);
        expect(row, `${key} ${start}`).to.not.equal(undefined);
        const won = data.opportunities.filter(
          (o) =>
            (user ? o.ownerId === user : o.teamId === team) &&
            o.data['stage'] === 'won' &&
            (o.data['close_date'] as string) >= start &&
            (o.data['close_date'] as string) <= end,
        );
        const amount = sum(won.map((o) => num(o.data['amount'])));
        const target = num(goal.data['target_amount']);
        const at = (id: string) => row!.values[result.measures.findIndex((m) => m.id === id)] ?? null;
        closeTo(at('target_amount'), target, 'target');
        closeTo(at('won_amount'), amount, `${key} ${start} won`);
        closeTo(at('wins'), won.length, `${key} ${start} wins`);
        closeTo(at('target_wins'), num(goal.data['target_wins']), 'target wins');
        closeTo(at('completion'), target === 0 ? null : amount / target, `${key} ${start} completion`);
      }
    });

    it('keeps the goals whose period overlaps the dashboard period, per user only when asked', async () => {
      const ctx = runContext(tenant, { globalFilters: { dateRange: { from: '2026-02-10', to: '2026-02-20' } } });
      const { result } = await runAnalysis(db(), app, { kind: 'goals', by: 'user' }, ctx);
      const expected = data.goals.filter(
        (g) =>
          typeof g.data['user'] === 'string' &&
          (g.data['period_start'] as string) < '2026-02-20' &&
          (g.data['period_end'] as string) >= '2026-02-10',
      );
      expect(expected.length).to.be.greaterThan(0);
      expect(result.rows.map((r) => r.keys[0]).sort()).to.deep.equal(
        expected.map((g) => `user:${g.data['user']}`).sort(),
      );
    });
  });
});
