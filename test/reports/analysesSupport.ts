import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompiledApp, compileApp, formatProblem, type SqlDriver } from '@leadforge/engine';
import { compileFilter } from '../../engine/src/filter/compileFilter.js';
import { compileActivityFilter } from '../../engine/src/reports/analyses/activityFilter.js';
import { compileAnalysis } from '../../engine/src/reports/analyses/compileAnalysis.js';
import type { CompiledReport, DrillDown, ReportResult, ReportRunContext } from '../../engine/src/reports/types.js';
import { countRecords } from '../../engine/src/store/listRecords.js';
import { query } from '../../engine/src/store/query.js';
import type { RowScope } from '../../engine/src/store/rowScope.js';
import { sql } from '../../engine/src/store/sql.js';
import { readPackageFolder } from '../../runtime/src/package/readPackageFolder.js';
import { generateDemoData } from '../../runtime/src/seed/generateDemoData.js';
import type { DemoData, DemoRecord } from '../../runtime/src/seed/types.js';
import { writeDemoData } from '../../runtime/src/seed/writeDemoData.js';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples/b2b-saas');

/** The run's time: the demo history spans the year before it. */
export const NOW = new Date('2026-06-15T10:00:00.000Z');
export const TIME_ZONE = 'Asia/Shanghai';

let sample: { app: CompiledApp; files: Readonly<Record<string, unknown>> } | undefined;

/** The b2b-saas sample, compiled once. */
export async function sampleApp(): Promise<{ app: CompiledApp; files: Readonly<Record<string, unknown>> }> {
  if (sample) return sample;
  const { pkg } = await readPackageFolder(SAMPLE);
  const compiled = compileApp(pkg);
  if (!compiled.ok) throw new Error(compiled.problems.map(formatProblem).join('\n'));
  sample = { app: compiled.app, files: pkg.files };
  return sample;
}

let demo: DemoData | undefined;

/** B's generated demo history (issue 7, point 6): 600 leads, seed 7. */
export function demoData(): DemoData {
  demo ??= generateDemoData({ leads: 600, seed: 7, now: NOW });
  return demo;
}

/** Writes the demo rows into `tenantId` with B's set-wise writer (seeding transactions: no automation runs). */
export async function writeDemo(db: SqlDriver, tenantId: string, data: DemoData): Promise<void> {
  await writeDemoData(db, tenantId, data);
}

export function runContext(tenantId: string, overrides: Partial<ReportRunContext> = {}): ReportRunContext {
  return { tenantId, scope: { kind: 'all' }, now: NOW, timeZone: TIME_ZONE, locale: 'en', ...overrides };
}

export function compiledOrThrow(analysis: unknown, app: CompiledApp, ctx: ReportRunContext): CompiledReport {
  const compiled = compileAnalysis({ analysis }, app, ctx);
  if (!compiled.ok) throw new Error(`expected the analysis to compile: ${JSON.stringify(compiled.problems)}`);
  return compiled.value;
}

/** Runs an analysis the way the runtime does: one statement, then toResult. */
export async function runAnalysis(
  db: SqlDriver,
  app: CompiledApp,
  analysis: unknown,
  ctx: ReportRunContext,
): Promise<{ compiled: CompiledReport; result: ReportResult }> {
  const compiled = compiledOrThrow(analysis, app, ctx);
  const rows = await query(db, compiled.current);
  return { compiled, result: compiled.toResult(rows) };
}

/** Counts what a drill-down lists, as the records list does (under the viewer's scope; `$related` scoped too). */
export async function countDrillDown(
  db: SqlDriver,
  app: CompiledApp,
  tenantId: string,
  scope: RowScope,
  drill: DrillDown,
): Promise<number> {
  if (drill.source === 'activities') {
    const where = compileActivityFilter(drill.filter, tenantId, scope);
    if (!where.ok) throw new Error(JSON.stringify(where.problems));
    const rows = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM activities WHERE ${where.value}`);
    return rows[0]!.n;
  }
  const object = app.objects[drill.object];
  if (!object) throw new Error(`no object ${drill.object}`);
  const filter = compileFilter(drill.filter, object, {
    relatedObject: (name) => (app.objects[name] ? { object: app.objects[name], scope } : undefined),
  });
  if (!filter.ok) throw new Error(JSON.stringify(filter.problems));
  return countRecords(db, { tenantId, object: drill.object, scope, filter: filter.value });
}

// ---- expected values, computed from the generated rows without SQL ----

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
export const DAY_MS = 86_400_000;

export const FUNNEL_STEPS = ['new', 'first_contact', 'needs_assessment', 'proposal', 'negotiation', 'won'];

export interface ExpectedFunnelStep {
  readonly reached: number;
  readonly conversion: number | null;
  readonly dropOff: number | null;
  readonly medianDaysInStage: number | null;
  readonly medianDaysFromCreation: number | null;
}

/** The funnel over `leads` (the cohort), from their stage stays. */
export function expectedFunnel(data: DemoData, leads: readonly DemoRecord[]): Map<string, ExpectedFunnelStep> {
  const created = new Map(leads.map((l) => [l.id, Date.parse(l.createdAt)]));
  const reached = new Map<string, Map<string, number>>(FUNNEL_STEPS.map((s) => [s, new Map()]));
  const stays = new Map<string, number[]>(FUNNEL_STEPS.map((s) => [s, []]));
  for (const stay of data.stageHistory) {
    if (!created.has(stay.recordId) || !reached.has(stay.stage)) continue;
    const first = reached.get(stay.stage)!;
    const at = Date.parse(stay.enteredAt);
    first.set(stay.recordId, Math.min(first.get(stay.recordId) ?? Number.POSITIVE_INFINITY, at));
    if (stay.exitedAt !== null && stay.durationMs !== null) stays.get(stay.stage)!.push(stay.durationMs / DAY_MS);
  }
  const out = new Map<string, ExpectedFunnelStep>();
  FUNNEL_STEPS.forEach((stage, i) => {
    const here = reached.get(stage)!;
    const previous = i > 0 ? reached.get(FUNNEL_STEPS[i - 1]!)!.size : null;
    const next = FUNNEL_STEPS[i + 1];
    out.set(stage, {
      reached: here.size,
      conversion: previous === null || previous === 0 ? null : here.size / previous,
      dropOff: next === undefined ? null : [...here.keys()].filter((id) => !reached.get(next)!.has(id)).length,
      medianDaysInStage: median(stays.get(stage)!),
      medianDaysFromCreation: median([...here].map(([id, at]) => (at - created.get(id)!) / DAY_MS)),
    });
  });
  return out;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export interface ExpectedChannel {
  readonly cost: number;
  readonly leads: number;
  readonly mqls: number;
  readonly opportunities: number;
  readonly wonAmount: number;
  readonly costPerLead: number | null;
  readonly roi: number | null;
}

/** Channel ROI over `leads` (the cohort), `costs` (the period's cost rows) and `deals` (the visible deals). */
export function expectedChannelRoi(
  data: DemoData,
  channels: readonly string[],
  leads: readonly DemoRecord[],
  costs: readonly DemoRecord[],
  deals: readonly DemoRecord[],
): Map<string, ExpectedChannel> {
  const mql = new Set(data.scores.filter((s) => s.mql).map((s) => s.recordId));
  const out = new Map<string, ExpectedChannel>();
  for (const channel of channels) {
    const mine = leads.filter((l) => l.data['source_channel'] === channel);
    const ids = new Set(mine.map((l) => l.id));
    const linked = deals.filter((o) => ids.has(o.data['lead'] as string));
    const costRows = costs.filter((c) => c.data['channel'] === channel);
    const cost = sum(costRows.map((c) => num(c.data['cost'])));
    const wonAmount = sum(linked.filter((o) => o.data['stage'] === 'won').map((o) => num(o.data['amount'])));
    out.set(channel, {
      cost,
      leads: mine.length,
      mqls: mine.filter((l) => mql.has(l.id)).length,
      opportunities: linked.length,
      wonAmount,
      costPerLead: mine.length === 0 ? null : cost / mine.length,
      roi: costRows.length === 0 || cost === 0 ? null : (wonAmount - cost) / cost,
    });
  }
  return out;
}
