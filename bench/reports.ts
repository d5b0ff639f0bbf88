// Reports on generated demo data in PostgreSQL (issue 7, "Speed"): the funnel, channel ROI and
// leaderboard analyses as compiled by compileAnalysis, each timed against a hand-written SQL
// query for the same numbers in the same run (both checked to give the same numbers first).
// BENCH_REPORTS_LEADS leads (1,000,000 unless told), BENCH_REPORTS_RUNS timed runs each (7);
// BENCH_REPORTS_EXPLAIN=1 prints both plans (EXPLAIN ANALYZE) on stderr; BENCH_REPORTS_JIT=off runs both
// without PostgreSQL's JIT compilation. BENCH_REPORTS_DATABASE=<name> keeps the seeded data in that database
// and reuses it when it already holds BENCH_REPORTS_LEADS leads (seeding a million takes tens of minutes).
// Goal ≤ 1.3. Last line: `reports ratio=<worst ratio>`.
import type { SqlDriver } from '@leadforge/engine';
import pg from 'pg';
import { compileAnalysis } from '../engine/src/reports/index.js';
import type { ReportRunContext } from '../engine/src/reports/types.js';
import { query } from '../engine/src/store/query.js';
import { render } from '../engine/src/store/sql.js';
import { DEFAULT_TENANT } from '../runtime/src/boot.js';
import { seedDemoData } from '../runtime/src/seed/seedDemoData.js';
import { compareQueries } from './support/compareQueries.js';
import { bootBenchRuntime } from './support/benchRuntime.js';
import { freshDatabase, keptDatabase } from './support/postgres.js';
import { HAND_WRITTEN, type HandWritten, runHandWritten } from './support/reportQueries.js';

const LEADS = Number(process.env['BENCH_REPORTS_LEADS'] ?? 1_000_000);
const RUNS = Number(process.env['BENCH_REPORTS_RUNS'] ?? 7);
const NOW = new Date('2026-11-20T08:00:00.000Z');
const TIME_ZONE = 'Asia/Shanghai';

/** The three dashboards' analyses, over the funnel and channel dashboards' default range (last 365 days). */
const CASES: readonly {
  readonly name: string;
  readonly analysis: Record<string, unknown>;
  readonly hand: HandWritten;
}[] = [
  { name: 'funnel', analysis: { kind: 'funnel', pipeline: 'lead' }, hand: HAND_WRITTEN.funnel },
  { name: 'channel ROI', analysis: { kind: 'channel-roi' }, hand: HAND_WRITTEN.channelRoi },
  { name: 'leaderboard', analysis: { kind: 'leaderboard', by: 'user', limit: 20 }, hand: HAND_WRITTEN.leaderboard },
];

export async function run(): Promise<void> {
  const kept = process.env['BENCH_REPORTS_DATABASE'];
  const database = kept === undefined ? await freshDatabase('reports') : await keptDatabase(kept);
  if (process.env['BENCH_REPORTS_JIT'] === 'off') {
    // both queries without PostgreSQL's JIT (it can cost more than the query at this size; see docs/demo-data.md)
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${new URL(database.url).pathname.slice(1)} SET jit = off`);
    await admin.end();
  }
  const booted = await bootBenchRuntime(database.url, 'reports');
  const db: SqlDriver = booted.ctx.db;
  try {
    const published = await booted.ctx.apps.current(DEFAULT_TENANT);
    if (!published) throw new Error('the b2b-saas sample is not installed');
    const existing = Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM records WHERE tenant_id = $1 AND object = 'lead' AND deleted_at IS NULL`,
          [DEFAULT_TENANT],
        )
      ).rows[0]?.n ?? 0,
    );
    if (existing > 0 && existing !== LEADS)
      throw new Error(`database ${kept} holds ${existing} leads, not ${LEADS}; drop it or pick another name`);
    let shown = 0;
    const seeded =
      existing === LEADS
        ? null
        : await seedDemoData(db, DEFAULT_TENANT, published, {
            leads: LEADS,
            seed: 1,
            now: NOW,
            onProgress: (p) => {
              if (p.leadsDone === p.leadsTotal || performance.now() - shown > 10_000) {
                shown = performance.now();
                console.error(`reports: seeding ${p.leadsDone}/${p.leadsTotal} leads, ${p.rows} rows`);
              }
            },
          });
    if (seeded === null) console.log(`reports: ${existing} leads already seeded in ${kept}`);
    else
      console.log(
        `reports: ${seeded.leadsDone} leads seeded (${seeded.rows} rows) in ${seeded.seconds.toFixed(0)} s, ${Math.round(seeded.rows / seeded.seconds)} rows/s`,
      );
    const ctx: ReportRunContext = {
      tenantId: DEFAULT_TENANT,
      scope: { kind: 'all' },
      now: NOW,
      timeZone: TIME_ZONE,
      locale: 'en',
      globalFilters: { dateRange: { relative: 'last_365_days' } },
    };
    const jit = (await db.query<{ jit: string }>('SHOW jit')).rows[0]?.jit;
    console.log(`reports: PostgreSQL jit=${jit}`);
    const ratios: number[] = [];
    for (const c of CASES) {
      const compiled = compileAnalysis({ analysis: c.analysis }, published.app, ctx);
      if (!compiled.ok) throw new Error(`${c.name}: ${JSON.stringify(compiled.problems)}`);
      const report = compiled.value;
      const ratio = await compareQueries({
        bench: 'reports',
        name: c.name,
        runs: RUNS,
        compiled: async () =>
          report.toResult(await query(db, report.current)).rows.map((r) => [...r.keys, ...r.values]),
        hand: () => runHandWritten(c.hand, db, DEFAULT_TENANT, NOW, TIME_ZONE),
      });
      ratios.push(ratio);
      if (process.env['BENCH_REPORTS_EXPLAIN']) {
        const explain = async (label: string, text: string, params: readonly unknown[]) => {
          const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
          console.error(`--- ${c.name}, ${label}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        };
        const mine = render(report.current);
        await explain('compiled', mine.text, mine.params);
        const hand = c.hand.statement(DEFAULT_TENANT, NOW, TIME_ZONE);
        await explain('hand-written', hand.text, hand.params);
      }
    }
    console.log(`reports ratio=${Math.max(...ratios).toFixed(3)}`);
  } finally {
    await booted.close();
    await database.drop();
  }
}
