import type { CompiledApp } from '@leadforge/engine';
import { expect } from 'chai';
import { aTenant, describeEachDriver } from '../support/databases.js';
import { aContext, aWorld, drilledCount, groupBy, reportApp, runReport, visible, type World } from './compileWorld.js';

const ALL = { kind: 'all' } as const;

describeEachDriver('reports: dimensions of a generic report', (ctx) => {
  let app: CompiledApp;
  let world: World;
  before(async function () {
    // builds a fixture on a fresh database: slow on a loaded machine, never a timing assertion
    this.timeout(180_000);
    app = await reportApp();
    world = await aWorld(ctx.db(), aTenant());
  });

  /** Every point's drill-down lists exactly as many leads as the point counts. */
  async function expectDrillDownsMatch(
    compiled: Awaited<ReturnType<typeof runReport>>,
    object = 'lead',
    scope: Parameters<typeof drilledCount>[3] = ALL,
  ) {
    for (const row of compiled.result.rows) {
      const listed = await drilledCount(ctx.db(), app, world.tenantId, scope, compiled.compiled, row.keys);
      expect(listed, `${object} ${JSON.stringify(row.keys)}`).to.equal(row.values[0]);
    }
  }

  it('counts leads per select field with option labels in the run locale, empty values as (none)', async () => {
    const definition = {
      id: 'by-industry',
      label: { en: 'Leads by industry' },
      object: 'lead',
      dimensions: [{ field: 'industry' }],
      measures: [{ id: 'leads', op: 'count' }],
    };
    const run = await runReport(ctx.db(), definition, app, aContext(world, { locale: 'zh-CN' }));
    const expected = groupBy(visible(world, ALL), (l) => (l.data['industry'] as string | undefined) ?? null);
    expect(run.result.rows.map((r) => [r.keys[0], r.values[0]])).to.have.deep.members(
      [...expected].map(([k, v]) => [k, v.length]),
    );
    const saas = run.result.rows.find((r) => r.keys[0] === 'saas');
    expect(saas?.labels[0]).to.equal(
      app.objects['lead']?.fields['industry']?.options?.find((o) => o.value === 'saas')?.label['zh-CN'],
    );
    expect(run.result.rows.find((r) => r.keys[0] === null)?.labels[0]).to.equal('（空）');
    await expectDrillDownsMatch(run);
  });

  it('groups by owner and by team with the names of users and teams', async () => {
    for (const [field, nameOf] of [
      ['owner', (id: string) => world.users.find((u) => u.id === id)?.name],
      ['team', (id: string) => world.teams.find((t) => t.id === id)?.name],
    ] as const) {
      const run = await runReport(
        ctx.db(),
        { id: 'r', label: { en: 'r' }, object: 'lead', dimensions: [{ field }], measures: [{ id: 'n', op: 'count' }] },
        app,
        aContext(world),
      );
      const expected = groupBy(visible(world, ALL), (l) => (field === 'owner' ? l.ownerId : l.teamId));
      expect(run.result.rows.map((r) => [r.keys[0], r.labels[0], r.values[0]])).to.have.deep.members(
        [...expected].map(([k, v]) => [k, k === null ? '(none)' : nameOf(k), v.length]),
      );
      await expectDrillDownsMatch(run);
    }
  });

  it('buckets created_at by month in the run’s time zone (17:00 UTC on 31 January is February in Shanghai)', async () => {
    const definition = {
      id: 'per-month',
      label: { en: 'Leads per month' },
      object: 'lead',
      dimensions: [{ field: 'created_at', bucket: 'month' }],
      measures: [{ id: 'leads', op: 'count' }],
    };
    for (const [timeZone, offsetHours] of [
      ['Asia/Shanghai', 8],
      ['UTC', 0],
    ] as const) {
      const run = await runReport(ctx.db(), definition, app, aContext(world, { timeZone }));
      const expected = groupBy(
        visible(world, ALL),
        (l) => `${new Date(l.createdAt.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 7)}-01`,
      );
      expect(run.result.rows.map((r) => [r.keys[0], r.values[0]])).to.deep.equal(
        [...expected].map(([k, v]) => [k, v.length]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      expect(run.result.rows[0]?.labels[0]).to.equal('2024-01');
      await expectDrillDownsMatch(run);
    }
  });

  it('buckets by week (Monday) and quarter, and a date field by month', async () => {
    for (const bucket of ['day', 'week', 'quarter', 'year'] as const) {
      const run = await runReport(
        ctx.db(),
        {
          id: 'r',
          label: { en: 'r' },
          object: 'lead',
          dimensions: [{ field: 'created_at', bucket }],
          measures: [{ id: 'n', op: 'count' }],
        },
        app,
        aContext(world, { timeZone: 'Asia/Shanghai' }),
      );
      expect(run.result.rows.reduce((a, r) => a + (r.values[0] ?? 0), 0)).to.equal(visible(world, ALL).length);
      if (bucket === 'week') {
        for (const r of run.result.rows) expect(new Date(`${r.keys[0]}T00:00:00Z`).getUTCDay()).to.equal(1);
      }
      await expectDrillDownsMatch(run);
    }
    const byClose = await runReport(
      ctx.db(),
      {
        id: 'r',
        label: { en: 'r' },
        object: 'opportunity',
        dimensions: [{ field: 'close_date', bucket: 'month' }],
        measures: [
          { id: 'n', op: 'count' },
          { id: 'amount', op: 'sum', field: 'amount' },
        ],
      },
      app,
      aContext(world, { timeZone: 'Asia/Shanghai' }),
    );
    const closeGroups = groupBy(world.opportunities, (o) => `${String(o.data['close_date']).slice(0, 7)}-01`);
    expect(byClose.result.rows.map((r) => [r.keys[0], r.values[0]])).to.have.deep.members(
      [...closeGroups].map(([k, v]) => [k, v.length]),
    );
    await expectDrillDownsMatch(byClose, 'opportunity');
  });

  it('groups leads by their company’s industry and deals by their lead’s channel (reference.field)', async () => {
    const run = await runReport(
      ctx.db(),
      {
        id: 'r',
        label: { en: 'r' },
        object: 'lead',
        dimensions: [{ field: 'company.industry' }],
        measures: [{ id: 'n', op: 'count' }],
      },
      app,
      aContext(world),
    );
    const industryOf = (id: unknown) => world.companies.find((c) => c.id === id)?.industry ?? null;
    const expected = groupBy(visible(world, ALL), (l) => industryOf(l.data['company']));
    expect(run.result.rows.map((r) => [r.keys[0], r.values[0]])).to.have.deep.members(
      [...expected].map(([k, v]) => [k, v.length]),
    );
    await expectDrillDownsMatch(run);

    const deals = await runReport(
      ctx.db(),
      {
        id: 'r',
        label: { en: 'r' },
        object: 'opportunity',
        dimensions: [{ field: 'lead.source_channel' }],
        measures: [
          { id: 'n', op: 'count' },
          { id: 'amount', op: 'sum', field: 'amount' },
        ],
      },
      app,
      aContext(world),
    );
    const channelOf = (leadId: string) =>
      (world.leads.find((l) => l.id === leadId && !l.deleted)?.data['source_channel'] as string | undefined) ?? null;
    const dealGroups = groupBy(world.opportunities, (o) => channelOf(o.leadId));
    expect(deals.result.rows.map((r) => [r.keys[0], r.values[0], r.values[1]])).to.have.deep.members(
      [...dealGroups].map(([k, v]) => [k, v.length, v.reduce((a, o) => a + (o.data['amount'] as number), 0)]),
    );
    await expectDrillDownsMatch(deals, 'opportunity');
  });

  it('groups by stage (the pipeline field) with stage labels', async () => {
    const run = await runReport(
      ctx.db(),
      {
        id: 'r',
        label: { en: 'r' },
        object: 'lead',
        dimensions: [{ field: 'stage' }, { field: 'consent' }],
        measures: [{ id: 'n', op: 'count' }],
      },
      app,
      aContext(world),
    );
    const expected = groupBy(visible(world, ALL), (l) => `${l.data['stage']}|${l.data['consent'] ?? null}`);
    expect(run.result.rows.map((r) => [`${r.keys[0]}|${r.keys[1]}`, r.values[0]])).to.have.deep.members(
      [...expected].map(([k, v]) => [k, v.length]),
    );
    expect(run.result.rows.find((r) => r.keys[0] === 'won')?.labels[0]).to.equal('Won');
    await expectDrillDownsMatch(run);
  });

  it('counts only what the viewer may see: own leads for a rep, the team’s for team scope, related records too', async () => {
    const [alice] = world.users;
    const definition = {
      id: 'r',
      label: { en: 'r' },
      object: 'lead',
      dimensions: [{ field: 'industry' }, { field: 'company.industry' }],
      measures: [{ id: 'n', op: 'count' }],
    };
    for (const scope of [
      { kind: 'own', userId: alice!.id } as const,
      { kind: 'team', userId: alice!.id, teamId: alice!.teamId } as const,
    ]) {
      const run = await runReport(ctx.db(), definition, app, aContext(world, { scope }));
      const expected = groupBy(visible(world, scope), (l) => `${l.data['industry'] ?? null}|null`);
      // the companies have no owner: a rep sees none of them, so their industry reads empty
      expect(run.result.rows.map((r) => [`${r.keys[0]}|${r.keys[1]}`, r.values[0]])).to.have.deep.members(
        [...expected].map(([k, v]) => [k, v.length]),
      );
      await expectDrillDownsMatch(run, 'lead', scope);
    }
  });

  it('reads a related record under the viewer’s scope of its own object when the run gives one', async () => {
    const [alice] = world.users;
    const scope = { kind: 'own', userId: alice!.id } as const;
    const scopes = new Map([['company', { kind: 'all' } as const]]);
    const run = await runReport(
      ctx.db(),
      {
        id: 'r',
        label: { en: 'r' },
        object: 'lead',
        dimensions: [{ field: 'company.industry' }],
        measures: [{ id: 'n', op: 'count' }],
      },
      app,
      aContext(world, { scope, scopes }),
    );
    const industryOf = (id: unknown) => world.companies.find((c) => c.id === id)?.industry ?? null;
    const expected = groupBy(visible(world, scope), (l) => industryOf(l.data['company']));
    expect(run.result.rows.map((r) => [r.keys[0], r.values[0]])).to.have.deep.members(
      [...expected].map(([k, v]) => [k, v.length]),
    );
    expect(expected.has('saas')).to.equal(true);
    for (const row of run.result.rows) {
      const listed = await drilledCount(ctx.db(), app, world.tenantId, scope, run.compiled, row.keys, 'n', scopes);
      expect(listed).to.equal(row.values[0]);
    }
  });

  it('compares with the previous period (quarter before, year before) and applies the dashboard’s filters', async () => {
    const definition = {
      id: 'r',
      label: { en: 'r' },
      object: 'lead',
      period: { field: 'created_at', range: 'this_quarter', compare: 'previous_period' },
      measures: [{ id: 'n', op: 'count' }],
    };
    const inRange = (from: string, to: string, leads = visible(world, ALL)) =>
      leads.filter((l) => l.createdAt >= new Date(from) && l.createdAt < new Date(to)).length;
    const run = await runReport(ctx.db(), definition, app, aContext(world));
    expect(run.result.rows[0]?.values[0]).to.equal(inRange('2024-04-01T00:00:00Z', '2024-07-01T00:00:00Z'));
    expect(run.result.previous?.rows[0]?.values[0]).to.equal(inRange('2024-01-01T00:00:00Z', '2024-04-01T00:00:00Z'));
    await expectDrillDownsMatch(run);

    const lastYear = await runReport(
      ctx.db(),
      { ...definition, period: { ...definition.period, compare: 'previous_year' } },
      app,
      aContext(world),
    );
    expect(lastYear.result.previous?.rows[0]?.values[0]).to.equal(0);

    const [alice] = world.users;
    const filtered = await runReport(
      ctx.db(),
      { ...definition, dimensions: [{ field: 'owner' }] },
      app,
      aContext(world, {
        globalFilters: { teamId: alice!.teamId, dateRange: { from: '2024-02-01', to: '2024-03-01' } },
      }),
    );
    const teamLeads = visible(world, ALL).filter((l) => l.teamId === alice!.teamId);
    expect(filtered.result.rows.reduce((a, r) => a + (r.values[0] ?? 0), 0)).to.equal(
      inRange('2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z', teamLeads),
    );
    expect(filtered.result.previous?.rows.reduce((a, r) => a + (r.values[0] ?? 0), 0)).to.equal(
      inRange('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z', teamLeads),
    );
    await expectDrillDownsMatch(filtered);
  });

  it('reads relative dates in filters ($within) at the run’s time', async () => {
    const run = await runReport(
      ctx.db(),
      {
        id: 'r',
        label: { en: 'r' },
        object: 'lead',
        filters: { created_at: { $within: 'last_90_days' } },
        measures: [{ id: 'n', op: 'count' }],
      },
      app,
      aContext(world),
    );
    const from = new Date('2024-03-18T00:00:00Z');
    const to = new Date('2024-06-16T00:00:00Z');
    expect(run.result.rows[0]?.values[0]).to.equal(
      visible(world, ALL).filter((l) => l.createdAt >= from && l.createdAt < to).length,
    );
    const drill = run.compiled.drillDown([]);
    expect(JSON.stringify(drill.ok && drill.value.filter)).to.not.include('$within');
    await expectDrillDownsMatch(run);
  });
});
