// Generic reports (compileReport) on generated demo data in PostgreSQL: the sample's two generic
// reports over the last 365 days, each timed against a hand-written SQL query for the same numbers
// in the same run (both checked to give the same numbers first). BENCH_GENERIC_LEADS leads
// (100,000 unless told), BENCH_GENERIC_RUNS timed runs each (7). Last line: `reportsGeneric ratio=<worst>`.
import { type SqlDriver, sql } from '@leadforge/engine';
import type { ReportDefinition } from '../engine/src/package/schemas/index.js';
import { compileReport } from '../engine/src/reports/index.js';
import type { ReportRunContext } from '../engine/src/reports/types.js';
import { query } from '../engine/src/store/query.js';
import { DEFAULT_TENANT } from '../runtime/src/boot.js';
import { seedDemoData } from '../runtime/src/seed/seedDemoData.js';
import { compareQueries } from './support/compareQueries.js';
import { bootBenchRuntime } from './support/benchRuntime.js';
import { freshDatabase } from './support/postgres.js';

const LEADS = Number(process.env['BENCH_GENERIC_LEADS'] ?? 100_000);
const RUNS = Number(process.env['BENCH_GENERIC_RUNS'] ?? 7);
const NOW = new Date('2026-11-20T08:00:00.000Z');
const TIME_ZONE = 'Asia/Shanghai';

type Hand = (db: SqlDriver, from: Date, to: Date) => Promise<unknown[][]>;

/** The same numbers as the sample reports, written by hand. */
const HAND: Readonly<Record<string, Hand>> = {
  'leads-by-industry-month': async (db, from, to) =>
    (
      await query<{ m: string; i: string | null; n: string }>(
        db,
        sql`SELECT to_char(date_trunc('month', r.created_at AT TIME ZONE ${TIME_ZONE}::text), 'YYYY-MM-DD') AS m, c.data->>'industry' AS i, count(*) AS n
FROM records r LEFT JOIN records c ON c.tenant_id = r.tenant_id AND c.object = 'company' AND c.deleted_at IS NULL AND c.id::text = r.data->>'company'
WHERE r.tenant_id = ${DEFAULT_TENANT} AND r.object = 'lead' AND r.deleted_at IS NULL AND r.created_at >= ${from} AND r.created_at < ${to}
GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST`,
      )
    ).map((r) => [r.m, r.i, Number(r.n)]),
  'channel-mql-ratio': async (db, from, to) =>
    (
      await query<{ c: string | null; n: string; q: string }>(
        db,
        sql`SELECT r.data->>'source_channel' AS c, count(*) AS n,
  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM record_scores s WHERE s.tenant_id = r.tenant_id AND s.record_id = r.id AND s.mql)) AS q
FROM records r WHERE r.tenant_id = ${DEFAULT_TENANT} AND r.object = 'lead' AND r.deleted_at IS NULL AND r.created_at >= ${from} AND r.created_at < ${to}
GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST`,
      )
    ).map((r) => [r.c, Number(r.n), Number(r.q), Number(r.q) / Number(r.n)]),
};

export async function run(): Promise<void> {
  const database = await freshDatabase('generic');
  const booted = await bootBenchRuntime(database.url, 'generic');
  const db: SqlDriver = booted.ctx.db;
  try {
    const published = await booted.ctx.apps.current(DEFAULT_TENANT);
    if (!published) throw new Error('the b2b-saas sample is not installed');
    const seeded = await seedDemoData(db, DEFAULT_TENANT, published, { leads: LEADS, seed: 1, now: NOW });
    console.log(
      `reportsGeneric: ${seeded.leadsDone} leads seeded (${seeded.rows} rows) in ${seeded.seconds.toFixed(0)} s`,
    );
    await db.query('ANALYZE');
    const ctx: ReportRunContext = {
      tenantId: DEFAULT_TENANT,
      scope: { kind: 'all' },
      now: NOW,
      timeZone: TIME_ZONE,
      locale: 'en',
      globalFilters: { dateRange: { relative: 'last_365_days' } },
    };
    // last_365_days at NOW in Shanghai, as the compiler resolves it
    const from = new Date('2025-11-20T16:00:00.000Z');
    const to = new Date('2026-11-20T16:00:00.000Z');
    const ratios: number[] = [];
    for (const [id, hand] of Object.entries(HAND)) {
      const definition = published.app.files[`reports/${id}.json`] as ReportDefinition;
      const compiled = compileReport({ ...definition, limit: undefined } as ReportDefinition, published.app, ctx);
      if (!compiled.ok) throw new Error(`${id}: ${JSON.stringify(compiled.problems)}`);
      const report = compiled.value;
      ratios.push(
        await compareQueries({
          bench: 'reportsGeneric',
          name: id,
          runs: RUNS,
          compiled: async () =>
            report.toResult(await query(db, report.current)).rows.map((r) => [...r.keys, ...r.values]),
          hand: () => hand(db, from, to),
        }),
      );
    }
    console.log(`reportsGeneric ratio=${Math.max(...ratios).toFixed(3)}`);
  } finally {
    await booted.close();
    await database.drop();
  }
}
