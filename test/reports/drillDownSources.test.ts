import { type CompiledApp, query, type RowScope } from '@leadforge/engine';
import { expect } from 'chai';
import { compileSourceFilter, countSourceRows } from '../../engine/src/reports/index.js';
import type { CompiledReport, ReportRunContext } from '../../engine/src/reports/types.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import {
  aContext,
  aWorld,
  type FixtureLead,
  groupBy,
  reportApp,
  runReport,
  visible,
  type World,
} from './compileWorld.js';

const ALL = { kind: 'all' } as const;
const ZONE = 'Asia/Shanghai';

/** The first local day of the month holding `at` in Shanghai (UTC+8, no daylight saving). */
function shanghaiMonth(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7)}-01`;
}

const EVENTS_BY_TYPE_AND_MONTH = {
  id: 'events-by-type-month',
  label: { en: 'Events by type and month' },
  source: 'events',
  object: 'lead',
  dimensions: [{ field: 'type' }, { field: 'at', bucket: 'month' }],
  measures: [{ id: 'n', op: 'count' }],
};

const ACTIVITIES_BY_KIND_AND_OWNER = {
  id: 'activities-by-kind-owner',
  label: { en: 'Activities by kind and owner' },
  source: 'activities',
  object: 'lead',
  dimensions: [{ field: 'kind' }, { field: 'owner' }],
  measures: [{ id: 'n', op: 'count' }],
};

const STAYS_BY_STAGE = {
  id: 'stays-by-stage',
  label: { en: 'Stage stays by stage' },
  source: 'stage_history',
  object: 'lead',
  dimensions: [{ field: 'stage' }],
  measures: [{ id: 'n', op: 'count' }],
};

describeEachDriver('reports: drill-down into events, activities and stage stays', (ctx) => {
  let app: CompiledApp;
  let world: World;
  before(async function () {
    // builds a fixture on a fresh database: slow on a loaded machine, never a timing assertion
    this.timeout(180_000);
    app = await reportApp();
    world = await aWorld(ctx.db(), aTenant());
  });

  /** How many rows the point's drill-down lists, counted as the drill route counts them. */
  async function drilled(
    run: ReportRunContext,
    compiled: CompiledReport,
    keys: readonly (string | number | null)[],
  ): Promise<number> {
    const drill = compiled.drillDown(keys);
    if (!drill.ok) throw new Error(JSON.stringify(drill.problems));
    const statement = countSourceRows(app, run, drill.value);
    if (!statement.ok) throw new Error(JSON.stringify(statement.problems));
    const rows = await query(ctx.db(), statement.value);
    return Number(rows[0]?.['n']);
  }

  /** Runs the report and checks every point: its drill-down counts exactly the point's value. */
  async function expectEveryPointDrills(definition: unknown, run: ReportRunContext) {
    const { result, compiled } = await runReport(ctx.db(), definition, app, run);
    expect(result.rows.length).to.be.greaterThan(1);
    for (const row of result.rows) {
      expect(await drilled(run, compiled, row.keys), JSON.stringify(row.keys)).to.equal(row.values[0]);
    }
    return { result, compiled };
  }

  const eventsOf = (leads: readonly FixtureLead[]) => leads.flatMap((l) => l.events);
  const staysOf = (leads: readonly FixtureLead[]) => leads.flatMap((l) => [...l.entered.keys()]);

  it('drills every point of events by type and Shanghai month into exactly its events', async () => {
    const run = aContext(world, { timeZone: ZONE });
    const { result } = await expectEveryPointDrills(EVENTS_BY_TYPE_AND_MONTH, run);
    const expected = groupBy(eventsOf(visible(world, ALL)), (e) => `${e.type}|${shanghaiMonth(e.at)}`);
    expect(result.rows.map((r) => [`${r.keys[0]}|${r.keys[1]}`, r.values[0]])).to.have.deep.members(
      [...expected].map(([k, list]) => [k, list.length]),
    );
    // lead 0 was created at 17:00 UTC on 31 January: its form submission is February's in Shanghai
    const drill = result.rows.find((r) => r.keys[0] === 'form.submitted' && r.keys[1] === '2024-02-01');
    expect(drill).to.not.equal(undefined);
  });

  it('narrows a month to the report period when the period cuts it', async () => {
    const run = aContext(world, { timeZone: ZONE });
    const definition = { ...EVENTS_BY_TYPE_AND_MONTH, period: { range: { from: '2024-02-10', to: '2024-04-20' } } };
    const { result, compiled } = await expectEveryPointDrills(definition, run);
    const from = new Date('2024-02-09T16:00:00Z');
    const to = new Date('2024-04-19T16:00:00Z');
    const inPeriod = eventsOf(visible(world, ALL)).filter((e) => e.at >= from && e.at < to);
    expect(result.rows.reduce((sum, r) => sum + (r.values[0] ?? 0), 0)).to.equal(inPeriod.length);
    const drill = compiled.drillDown(['pricing.viewed', '2024-02-01']);
    expect(drill.ok && drill.value.filter['at']).to.deep.equal({
      $gte: from.toISOString(),
      $lt: '2024-02-29T16:00:00.000Z',
    });
  });

  it('drills every point of activities by kind and record owner, the unowned group included', async () => {
    const run = aContext(world);
    const { result, compiled } = await expectEveryPointDrills(ACTIVITIES_BY_KIND_AND_OWNER, run);
    const expected = groupBy(
      visible(world, ALL).flatMap((l) => l.activities.map((a) => ({ ...a, owner: l.ownerId }))),
      (a) => `${a.kind}|${a.owner}`,
    );
    expect(result.rows.map((r) => [`${r.keys[0]}|${r.keys[1]}`, r.values[0]])).to.have.deep.members(
      [...expected].map(([k, list]) => [k, list.length]),
    );
    expect(result.rows.some((r) => r.keys[1] === null)).to.equal(true);
    const drill = compiled.drillDown(['call', world.users[0]!.id]);
    expect(drill.ok && drill.value).to.deep.equal({
      source: 'activities',
      object: 'lead',
      filter: { kind: 'call', record: { $and: [{ owner: world.users[0]!.id }] } },
    });
  });

  it('drills every point of stage stays by stage, with the report filters and a related dimension', async () => {
    const run = aContext(world);
    await expectEveryPointDrills(STAYS_BY_STAGE, run);
    const filtered = {
      ...STAYS_BY_STAGE,
      filters: { region: { $in: ['east', 'west'] } },
      dimensions: [{ field: 'stage' }, { field: 'company.industry' }],
    };
    const { result } = await expectEveryPointDrills(filtered, run);
    const leads = visible(world, ALL).filter((l) => l.data['region'] !== 'north');
    expect(result.rows.reduce((sum, r) => sum + (r.values[0] ?? 0), 0)).to.equal(staysOf(leads).length);
  });

  it("counts only a rep's own records' rows, and a team lead's team's, in every drill-down", async () => {
    const rep = world.users[0]!;
    const scopes: RowScope[] = [
      { kind: 'own', userId: rep.id },
      { kind: 'team', userId: rep.id, teamId: rep.teamId },
    ];
    for (const scope of scopes) {
      const run = aContext(world, { scope, timeZone: ZONE });
      const mine = visible(world, scope);
      const events = await expectEveryPointDrills(EVENTS_BY_TYPE_AND_MONTH, run);
      expect(events.result.rows.reduce((s, r) => s + (r.values[0] ?? 0), 0)).to.equal(eventsOf(mine).length);
      const stays = await expectEveryPointDrills(STAYS_BY_STAGE, run);
      expect(stays.result.rows.reduce((s, r) => s + (r.values[0] ?? 0), 0)).to.equal(staysOf(mine).length);
    }
    // the rep's drill-down into the unowned group counts nothing, though the filter names it
    const everyone = await runReport(ctx.db(), ACTIVITIES_BY_KIND_AND_OWNER, app, aContext(world));
    const unowned = everyone.result.rows.find((r) => r.keys[1] === null);
    expect(unowned?.values[0]).to.be.greaterThan(0);
    const asRep = aContext(world, { scope: scopes[0] });
    const compiledAsRep = await runReport(ctx.db(), ACTIVITIES_BY_KIND_AND_OWNER, app, asRep);
    expect(await drilled(asRep, compiledAsRep.compiled, unowned!.keys)).to.equal(0);
  });

  it('refuses hostile drill keys, naming the key', async () => {
    const run = aContext(world);
    const events = await runReport(ctx.db(), EVENTS_BY_TYPE_AND_MONTH, app, run);
    const problemsOf = (keys: unknown[], compiled = events.compiled) => {
      const drill = compiled.drillDown(keys as (string | number | null)[]);
      return drill.ok ? [] : drill.problems.map((p) => p.path);
    };
    expect(problemsOf(['form.submitted'])).to.deep.equal(['/keys']);
    expect(problemsOf(['form.submitted', "2024-02-01' OR 1=1 --"])).to.deep.equal(['/keys/1']);
    expect(problemsOf([{ $ne: null }, '2024-02-01'])).to.deep.equal(['/keys/0']);
    const stays = await runReport(
      ctx.db(),
      { ...STAYS_BY_STAGE, dimensions: [{ field: 'stage' }, { field: 'entered_by' }] },
      app,
      run,
    );
    expect(problemsOf(['new', 'not-a-user'], stays.compiled)).to.deep.equal(['/keys/1']);
    expect(problemsOf([7, null], stays.compiled)).to.deep.equal(['/keys/0']);
  });

  it('refuses a hostile source filter, naming the key', () => {
    const options = { tenantId: world.tenantId, scope: ALL, object: app.objects['lead']! };
    const pathsOf = (filter: unknown) => {
      const compiled = compileSourceFilter('events', filter, options);
      return compiled.ok ? [] : compiled.problems.map((p) => p.path);
    };
    expect(pathsOf([])).to.deep.equal(['']);
    expect(pathsOf({ kind: 'call' })).to.deep.equal(['/kind']);
    expect(pathsOf({ type: { $ne: 'x' } })).to.deep.equal(['/type']);
    expect(pathsOf({ at: { $gt: '2024-01-01T00:00:00Z' } })).to.deep.equal(['/at/$gt']);
    expect(pathsOf({ at: { $gte: '2024-01-01' } })).to.deep.equal(['/at/$gte']);
    expect(pathsOf({ record: { no_such_field: 1 } })[0]).to.match(/^\/record/);
    const activities = compileSourceFilter('activities', { actor: "x' OR '1'='1" }, options);
    expect(activities.ok || activities.problems.map((p) => p.path)).to.deep.equal(['/actor']);
  });
});
