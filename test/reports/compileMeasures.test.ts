import type { CompiledApp } from '@leadforge/engine';
import { expect } from 'chai';
import { aTenant, describeEachDriver } from '../support/databases.js';
import {
  aContext,
  aWorld,
  drilledCount,
  type FixtureLead,
  groupBy,
  percentileCont,
  reportApp,
  runReport,
  visible,
  type World,
} from './compileWorld.js';

const ALL = { kind: 'all' } as const;
const DAY = 86_400_000;

function budgetOf(lead: FixtureLead): number | undefined {
  return lead.data['budget'] as number | undefined;
}

describeEachDriver('reports: measures of a generic report', (ctx) => {
  let app: CompiledApp;
  let world: World;
  before(async function () {
    // builds a fixture on a fresh database: slow on a loaded machine, never a timing assertion
    this.timeout(180_000);
    app = await reportApp();
    world = await aWorld(ctx.db(), aTenant());
  });

  it('sums, averages, bounds, medians and takes the 90th percentile of a currency field per region', async () => {
    const definition = {
      id: 'budget-by-region',
      label: { en: 'Budget by region' },
      object: 'lead',
      dimensions: [{ field: 'region' }],
      measures: [
        { id: 'leads', op: 'count' },
        { id: 'total', op: 'sum', field: 'budget' },
        { id: 'mean', op: 'avg', field: 'budget' },
        { id: 'least', op: 'min', field: 'budget' },
        { id: 'most', op: 'max', field: 'budget' },
        { id: 'middle', op: 'median', field: 'budget' },
        { id: 'p90', op: 'percentile', field: 'budget', p: 90 },
        { id: 'companies', op: 'count_distinct', field: 'company' },
      ],
    };
    const run = await runReport(ctx.db(), definition, app, aContext(world));
    const groups = groupBy(visible(world, ALL), (l) => l.data['region'] as string);
    expect(run.result.rows).to.have.length(groups.size);
    expect(run.result.measures.map((m) => m.format)).to.deep.equal([
      'number',
      'currency',
      'currency',
      'currency',
      'currency',
      'currency',
      'currency',
      'number',
    ]);
    for (const row of run.result.rows) {
      const leads = groups.get(row.keys[0] as string) ?? [];
      const budgets = leads.map(budgetOf).filter((b): b is number => b !== undefined);
      const expected = [
        leads.length,
        budgets.reduce((a, b) => a + b, 0),
        budgets.reduce((a, b) => a + b, 0) / budgets.length,
        Math.min(...budgets),
        Math.max(...budgets),
        percentileCont(budgets, 0.5),
        percentileCont(budgets, 0.9),
        new Set(leads.map((l) => l.data['company']).filter(Boolean)).size,
      ];
      row.values.forEach((value, i) => {
        expect(value, `${row.keys[0]} ${definition.measures[i]?.id}`).to.be.closeTo(expected[i] as number, 1e-6);
      });
      expect(await drilledCount(ctx.db(), app, world.tenantId, ALL, run.compiled, row.keys)).to.equal(row.values[0]);
    }
  });

  it('takes the conversion from proposal to won: of the leads that entered proposal, the share that entered won', async () => {
    const definition = {
      id: 'conversion',
      label: { en: 'Proposal to won' },
      object: 'lead',
      dimensions: [{ field: 'owner' }],
      measures: [{ id: 'rate', op: 'conversion', from: 'proposal', to: 'won' }],
    };
    const run = await runReport(ctx.db(), definition, app, aContext(world));
    const groups = groupBy(visible(world, ALL), (l) => l.ownerId);
    for (const row of run.result.rows) {
      const leads = groups.get(row.keys[0] as string | null) ?? [];
      const entered = leads.filter((l) => l.entered.has('proposal'));
      const won = entered.filter((l) => l.entered.has('won'));
      const expected = entered.length === 0 ? null : won.length / entered.length;
      if (expected === null) expect(row.values[0]).to.equal(null);
      else expect(row.values[0]).to.be.closeTo(expected, 1e-9);
      // the drill-down lists the leads the rate is taken over
      expect(await drilledCount(ctx.db(), app, world.tenantId, ALL, run.compiled, row.keys)).to.equal(entered.length);
    }
    expect(run.result.measures[0]?.format).to.equal('percent');
  });

  it('measures the median and average days from new to won', async () => {
    const definition = {
      id: 'cycle',
      label: { en: 'Win cycle' },
      object: 'lead',
      measures: [
        { id: 'median', op: 'duration', from: 'new', to: 'won' },
        { id: 'mean', op: 'duration', from: 'new', to: 'won', stat: 'avg' },
        { id: 'mean_hours', op: 'duration', from: 'new', to: 'won', stat: 'avg', unit: 'hours' },
      ],
    };
    const run = await runReport(ctx.db(), definition, app, aContext(world));
    const days = visible(world, ALL)
      .filter((l) => l.entered.has('new') && l.entered.has('won'))
      .map((l) => ((l.entered.get('won') as Date).getTime() - (l.entered.get('new') as Date).getTime()) / DAY);
    expect(days.length).to.be.greaterThan(1);
    const [median, mean, hours] = run.result.rows[0]?.values ?? [];
    expect(median).to.be.closeTo(percentileCont(days, 0.5) as number, 1e-6);
    expect(mean).to.be.closeTo(days.reduce((a, b) => a + b, 0) / days.length, 1e-6);
    expect(hours).to.be.closeTo((24 * days.reduce((a, b) => a + b, 0)) / days.length, 1e-6);
  });

  it('divides one measure by another (a measure filter makes the numerator) and drills into the numerator', async () => {
    const definition = {
      id: 'win-ratio',
      label: { en: 'Win ratio by channel' },
      object: 'lead',
      dimensions: [{ field: 'channel' }],
      measures: [
        { id: 'won', op: 'count', filter: { stage: 'won' } },
        { id: 'leads', op: 'count' },
        { id: 'ratio', op: 'ratio', numerator: 'won', denominator: 'leads' },
      ],
    };
    const run = await runReport(ctx.db(), definition, app, aContext(world));
    const groups = groupBy(visible(world, ALL), (l) => (l.data['source_channel'] as string | undefined) ?? null);
    expect(run.result.rows).to.have.length(groups.size);
    for (const row of run.result.rows) {
      const leads = groups.get(row.keys[0] as string | null) ?? [];
      const won = leads.filter((l) => l.data['stage'] === 'won').length;
      expect(row.values.slice(0, 2)).to.deep.equal([won, leads.length]);
      expect(row.values[2]).to.be.closeTo(won / leads.length, 1e-9);
      expect(await drilledCount(ctx.db(), app, world.tenantId, ALL, run.compiled, row.keys, 'ratio')).to.equal(won);
      expect(await drilledCount(ctx.db(), app, world.tenantId, ALL, run.compiled, row.keys, 'leads')).to.equal(
        leads.length,
      );
    }
  });

  it('counts stage stays, events and activities per record under the record’s scope', async () => {
    const rep = world.users[0]!;
    const scope = { kind: 'own', userId: rep.id } as const;
    const events = await runReport(
      ctx.db(),
      {
        id: 'events',
        label: { en: 'Events' },
        source: 'events',
        object: 'lead',
        dimensions: [{ field: 'type' }],
        measures: [
          { id: 'n', op: 'count' },
          { id: 'leads', op: 'count_distinct', field: 'id' },
        ],
      },
      app,
      aContext(world, { scope }),
    );
    const mine = visible(world, scope);
    const byType = groupBy(
      mine.flatMap((l) => l.events.map((e) => ({ lead: l.id, type: e.type }))),
      (e) => e.type,
    );
    expect(events.result.rows.map((r) => [r.keys[0], r.values[0], r.values[1]])).to.have.deep.members(
      [...byType].map(([type, list]) => [type, list.length, new Set(list.map((e) => e.lead)).size]),
    );
    const stays = await runReport(
      ctx.db(),
      {
        id: 'stays',
        label: { en: 'Stays' },
        source: 'stage_history',
        object: 'lead',
        dimensions: [{ field: 'stage' }],
        measures: [{ id: 'n', op: 'count' }],
      },
      app,
      aContext(world, { scope }),
    );
    const byStage = groupBy(
      mine.flatMap((l) => [...l.entered.keys()]),
      (s) => s,
    );
    expect(stays.result.rows.map((r) => [r.keys[0], r.values[0]])).to.have.deep.members(
      [...byStage].map(([stage, list]) => [stage, list.length]),
    );
    expect(stays.result.rows.find((r) => r.keys[0] === 'new')?.labels[0]).to.equal('New');
  });

  it('sums activity minutes per kind and actor (with the actor’s name) for the leads in scope', async () => {
    const scope = { kind: 'team', userId: world.users[0]!.id, teamId: world.users[0]!.teamId } as const;
    const run = await runReport(
      ctx.db(),
      {
        id: 'calls',
        label: { en: 'Activities' },
        source: 'activities',
        object: 'lead',
        dimensions: [{ field: 'kind' }, { field: 'actor' }],
        measures: [
          { id: 'n', op: 'count' },
          { id: 'minutes', op: 'sum', field: 'duration_minutes' },
        ],
      },
      app,
      aContext(world, { scope }),
    );
    const rows = visible(world, scope).flatMap((l) => l.activities);
    const groups = groupBy(rows, (a) => `${a.kind}|${a.actorId}`);
    expect(groups.size).to.be.greaterThan(1);
    expect(run.result.rows.map((r) => [`${r.keys[0]}|${r.keys[1]}`, r.values[0], r.values[1]])).to.have.deep.members(
      [...groups].map(([k, list]) => [k, list.length, list.reduce((a, x) => a + x.minutes, 0)]),
    );
    const alice = run.result.rows.find((r) => r.keys[1] === world.users[0]!.id);
    expect(alice?.labels[1]).to.equal('Alice');
  });

  it('groups records without a channel field by the channel of their first touch, and drills into each group', async () => {
    const untouched = world.opportunities[1]!;
    const attribution = await ctx.db().query('SELECT attribution FROM records WHERE id = $1', [untouched.id]);
    await ctx.db().query('UPDATE records SET attribution = NULL WHERE id = $1', [untouched.id]);
    try {
      const run = await runReport(
        ctx.db(),
        {
          id: 'deals-by-channel',
          label: { en: 'Deals by channel' },
          object: 'opportunity',
          dimensions: [{ field: 'channel' }],
          measures: [{ id: 'n', op: 'count' }],
        },
        app,
        aContext(world),
      );
      const groups = groupBy(world.opportunities, (o) => (o.id === untouched.id ? null : o.channel));
      expect(run.result.rows.map((r) => [r.keys[0], r.values[0]])).to.have.deep.members(
        [...groups].map(([k, v]) => [k, v.length]),
      );
      expect(run.result.rows.map((r) => r.keys[0])).to.include(null);
      for (const row of run.result.rows)
        expect(
          await drilledCount(ctx.db(), app, world.tenantId, ALL, run.compiled, row.keys),
          String(row.keys[0]),
        ).to.equal(row.values[0]);
    } finally {
      await ctx
        .db()
        .query('UPDATE records SET attribution = $2 WHERE id = $1', [
          untouched.id,
          JSON.stringify(attribution.rows[0]!['attribution']),
        ]);
    }
  });
});
