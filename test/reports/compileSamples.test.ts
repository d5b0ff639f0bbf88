import type { CompiledApp } from '@leadforge/engine';
import { expect } from 'chai';
import {
  type GenericReportDefinition,
  isGenericReport,
  type ReportDefinition,
} from '../../engine/src/package/schemas/index.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import {
  aContext,
  aWorld,
  drilledCount,
  groupBy,
  NOW,
  reportApp,
  runReport,
  visible,
  type World,
} from './compileWorld.js';

const ALL = { kind: 'all' } as const;

describeEachDriver('reports: the sample package’s generic reports', (ctx) => {
  let app: CompiledApp;
  let world: World;
  let reports: GenericReportDefinition[];
  before(async function () {
    // builds a fixture on a fresh database: slow on a loaded machine, never a timing assertion
    this.timeout(180_000);
    app = await reportApp(true);
    world = await aWorld(ctx.db(), aTenant());
    reports = Object.entries(app.files)
      .filter(([file]) => file.startsWith('reports/'))
      .map(([, content]) => content as ReportDefinition)
      .filter(isGenericReport);
  });

  it('runs every generic sample report, and each count point drills down to as many records', async () => {
    expect(reports.map((r) => r.id)).to.include.members(['leads-by-industry-month', 'channel-mql-ratio']);
    for (const definition of reports) {
      const run = await runReport(ctx.db(), definition, app, aContext(world, { timeZone: 'Asia/Shanghai' }));
      definition.measures.forEach((m, i) => {
        if (m.op !== 'count') return;
        for (const row of run.result.rows) expect(row.values[i], `${definition.id} ${m.id}`).to.be.a('number');
      });
      for (const [i, m] of definition.measures.entries()) {
        if (m.op !== 'count') continue;
        for (const row of run.result.rows) {
          const listed = await drilledCount(ctx.db(), app, world.tenantId, ALL, run.compiled, row.keys, m.id);
          expect(listed, `${definition.id} ${m.id} ${JSON.stringify(row.keys)}`).to.equal(row.values[i]);
        }
      }
    }
  });

  it('counts leads and MQLs per channel this quarter and last (the MQL ratio sample)', async () => {
    const definition = reports.find((r) => r.id === 'channel-mql-ratio');
    const run = await runReport(ctx.db(), definition, app, aContext(world));
    const quarter = (from: string, to: string) =>
      groupBy(
        visible(world, ALL).filter((l) => l.createdAt >= new Date(from) && l.createdAt < new Date(to)),
        (l) => (l.data['source_channel'] as string | undefined) ?? null,
      );
    expect(NOW.toISOString().slice(0, 7)).to.equal('2024-06');
    expect(run.result.rows.some((r) => (r.values[1] ?? 0) > 0)).to.equal(true);
    for (const [rows, groups] of [
      [run.result.rows, quarter('2024-04-01T00:00:00Z', '2024-07-01T00:00:00Z')],
      [run.result.previous?.rows ?? [], quarter('2024-01-01T00:00:00Z', '2024-04-01T00:00:00Z')],
    ] as const) {
      expect(rows.map((r) => r.keys[0])).to.have.members([...groups.keys()]);
      for (const row of rows) {
        const leads = groups.get(row.keys[0] as string | null) ?? [];
        const mqls = leads.filter((l) => l.mql).length;
        expect(row.values.slice(0, 2)).to.deep.equal([leads.length, mqls]);
        expect(row.values[2]).to.be.closeTo(mqls / leads.length, 1e-9);
      }
    }
  });
});
