import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CompiledApp,
  compileApp,
  compileFilter,
  countRecords,
  formatProblem,
  insertRecord,
  query,
  type RowScope,
  type SqlExecutor,
  sql,
} from '@leadforge/engine';
import type { ReportDefinition } from '../../engine/src/package/schemas/index.js';
import { compileReport } from '../../engine/src/reports/index.js';
import type { CompiledReport, ReportResult, ReportRunContext } from '../../engine/src/reports/types.js';
import { readPackageFolder } from '../../runtime/src/package/readPackageFolder.js';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples/b2b-saas');

/**
 * The sample package, without its reports and dashboards (the reports under test come from each
 * test) unless `withReports`.
 */
export async function reportApp(withReports = false): Promise<CompiledApp> {
  const { pkg } = await readPackageFolder(SAMPLE);
  const files: Record<string, unknown> = {};
  for (const [file, content] of Object.entries(pkg.files)) {
    if (withReports || (!file.startsWith('reports/') && !file.startsWith('dashboards/'))) files[file] = content;
  }
  const compiled = compileApp({ files });
  if (!compiled.ok) throw new Error(compiled.problems.map(formatProblem).join('\n'));
  return compiled.app;
}

export const NOW = new Date('2024-06-15T10:00:00Z');
const DAY = 86_400_000;
const PATH = ['new', 'first_contact', 'needs_assessment', 'proposal', 'negotiation'] as const;

export interface FixtureUser {
  readonly id: string;
  readonly name: string;
  readonly teamId: string;
}

export interface FixtureCompany {
  readonly id: string;
  readonly industry: string | undefined;
}

/** One lead as the fixture wrote it, with everything an expected number is computed from. */
export interface FixtureLead {
  readonly id: string;
  readonly index: number;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  readonly createdAt: Date;
  readonly deleted: boolean;
  readonly data: Readonly<Record<string, unknown>>;
  /** First entry into each stage it went through. */
  readonly entered: ReadonlyMap<string, Date>;
  readonly events: readonly { type: string; at: Date }[];
  readonly activities: readonly { kind: string; actorId: string | null; minutes: number }[];
  /** An MQL of the engagement model (record_scores.mql). */
  readonly mql: boolean;
}

export interface FixtureOpportunity {
  readonly id: string;
  readonly leadId: string;
  readonly ownerId: string | null;
  readonly createdAt: Date;
  readonly data: Readonly<Record<string, unknown>>;
  /** The channel of its first touch (attribution). */
  readonly channel: string;
}

export interface World {
  readonly tenantId: string;
  readonly teams: readonly { id: string; name: string }[];
  readonly users: readonly FixtureUser[];
  readonly companies: readonly FixtureCompany[];
  readonly leads: readonly FixtureLead[];
  readonly opportunities: readonly FixtureOpportunity[];
}

const INDUSTRIES = ['saas', 'retail', 'finance', undefined] as const;
const REGIONS = ['east', 'west', 'north'] as const;
const CHANNELS = ['web_form', 'event', 'ads', undefined] as const;

/**
 * 30 leads over six months (one created at 17:00 UTC on 31 January: 1 February in Shanghai),
 * three reps in two teams and one unowned lead in four, companies with and without an industry,
 * stage stays through the lead pipeline, events, and opportunities on every fourth lead; lead 29
 * is deleted. Everything is derived from the lead's index, so expected numbers are plain loops.
 */
export async function aWorld(db: SqlExecutor, tenantId: string): Promise<World> {
  const teams = [
    { id: randomUUID(), name: 'Team A' },
    { id: randomUUID(), name: 'Team B' },
  ];
  const users: FixtureUser[] = [
    { id: randomUUID(), name: 'Alice', teamId: teams[0]!.id },
    { id: randomUUID(), name: 'Bob', teamId: teams[0]!.id },
    { id: randomUUID(), name: 'Carol', teamId: teams[1]!.id },
  ];
  for (const t of teams)
    await query(db, sql`INSERT INTO teams (tenant_id, id, name) VALUES (${tenantId}, ${t.id}, ${t.name})`);
  for (const u of users) {
    await query(
      db,
      sql`INSERT INTO users (tenant_id, id, email, name, role, team_id) VALUES (${tenantId}, ${u.id}, ${`${u.name.toLowerCase()}-${u.id}@example.com`}, ${u.name}, 'rep', ${u.teamId})`,
    );
  }
  const companies: FixtureCompany[] = [];
  for (const industry of ['saas', 'retail', undefined] as const) {
    const row = await insertRecord(db, {
      tenantId,
      object: 'company',
      data: { name: `Company ${industry ?? 'none'}`, ...(industry ? { industry } : {}) },
      ownerId: null,
      teamId: null,
      actorId: null,
      now: new Date('2023-12-01T00:00:00Z'),
    });
    companies.push({ id: row.id, industry });
  }

  const leads: FixtureLead[] = [];
  const opportunities: FixtureOpportunity[] = [];
  const stays: Record<string, unknown>[] = [];
  const eventRows: Record<string, unknown>[] = [];
  for (let i = 0; i < 30; i++) {
    const owner = [users[0], users[1], users[2], undefined][(i + 1) % 4];
    const createdAt =
      i === 0 ? new Date('2024-01-31T17:00:00Z') : new Date(Date.UTC(2024, 0, 1) + i * 6 * DAY + (i % 5) * 3_600_000);
    const depth = i % 6;
    const stages: string[] = PATH.slice(0, Math.min(depth + 1, PATH.length)) as string[];
    if (depth === 5) stages.push(i % 4 === 1 ? 'won' : 'lost');
    const entered = new Map<string, Date>();
    stages.forEach((stage, k) => {
      entered.set(stage, new Date(createdAt.getTime() + k * ((i % 3) + 1) * DAY + k * 3_600_000));
    });
    const company = i % 5 === 4 ? undefined : companies[i % 3];
    const industry = INDUSTRIES[i % 4];
    const channel = CHANNELS[(i * 3) % 4];
    const data: Record<string, unknown> = {
      name: `Lead ${i}`,
      region: REGIONS[i % 3],
      stage: stages.at(-1),
      ...(industry ? { industry } : {}),
      ...(channel ? { source_channel: channel } : {}),
      ...(i % 5 === 0 ? {} : { budget: 1000 * (((i * 37) % 11) + 1) + (i % 2) * 0.5 }),
      ...(company ? { company: company.id } : {}),
      ...(i % 3 === 0 ? { consent: true } : i % 3 === 1 ? { consent: false } : {}),
    };
    const row = await insertRecord(db, {
      tenantId,
      object: 'lead',
      data,
      ownerId: owner?.id ?? null,
      teamId: owner?.teamId ?? null,
      actorId: null,
      now: createdAt,
    });
    const deleted = i === 29;
    if (deleted)
      await query(
        db,
        sql`UPDATE records SET deleted_at = ${NOW} WHERE tenant_id = ${tenantId} AND id = ${row.id}::uuid`,
      );
    let previous: string | null = null;
    for (const [k, stage] of stages.entries()) {
      const at = entered.get(stage) as Date;
      const next = stages[k + 1];
      const exit = next ? (entered.get(next) as Date) : null;
      stays.push({
        record_id: row.id,
        stage,
        from_stage: previous,
        entered_at: at.toISOString(),
        exited_at: exit?.toISOString() ?? null,
        duration_ms: exit ? exit.getTime() - at.getTime() : null,
      });
      previous = stage;
    }
    const events: { type: string; at: Date }[] = [{ type: 'form.submitted', at: createdAt }];
    for (let e = 0; e < i % 3; e++)
      events.push({ type: 'pricing.viewed', at: new Date(createdAt.getTime() + (e + 1) * DAY) });
    for (const e of events) eventRows.push({ record_id: row.id, type: e.type, at: e.at.toISOString() });
    const activities: { kind: string; actorId: string | null; minutes: number }[] = [];
    if (i % 2 === 0 || i % 3 === 0) {
      activities.push({ kind: i % 3 === 0 ? 'call' : 'email', actorId: owner?.id ?? null, minutes: i });
    }
    for (const a of activities) {
      await query(
        db,
        sql`INSERT INTO activities (tenant_id, id, record_id, object, kind, occurred_at, duration_minutes, actor_id, created_at)
VALUES (${tenantId}, ${randomUUID()}, ${row.id}, 'lead', ${a.kind}, ${new Date(createdAt.getTime() + DAY)}, ${a.minutes}, ${a.actorId}, ${createdAt})`,
      );
    }
    if (i % 3 === 0) {
      await query(
        db,
        sql`INSERT INTO record_scores (tenant_id, record_id, model, object, score, grade, mql, mql_at, app_version, model_hash, fired, errors, scored_at)
VALUES (${tenantId}, ${row.id}, 'engagement', 'lead', 70, 'hot', ${i % 2 === 0}, ${i % 2 === 0 ? createdAt : null}, 1, 'h', '[]'::jsonb, '[]'::jsonb, ${createdAt})`,
      );
    }
    leads.push({
      activities,
      mql: i % 6 === 0,
      id: row.id,
      index: i,
      ownerId: owner?.id ?? null,
      teamId: owner?.teamId ?? null,
      createdAt,
      deleted,
      data,
      entered,
      events,
    });
    if (i % 4 === 0) {
      const oppData = {
        name: `Deal ${i}`,
        amount: 5000 + i * 100,
        stage: i % 8 === 0 ? 'won' : 'proposal',
        lead: row.id,
        close_date: new Date(createdAt.getTime() + 20 * DAY).toISOString().slice(0, 10),
      };
      const opp = await insertRecord(db, {
        tenantId,
        object: 'opportunity',
        data: oppData,
        ownerId: owner?.id ?? null,
        teamId: owner?.teamId ?? null,
        actorId: null,
        now: new Date(createdAt.getTime() + 10 * DAY),
        attribution: { firstTouch: { channel: i % 8 === 0 ? 'event' : 'ads', at: createdAt.toISOString() } },
      });
      opportunities.push({
        channel: i % 8 === 0 ? 'event' : 'ads',
        id: opp.id,
        leadId: row.id,
        ownerId: owner?.id ?? null,
        createdAt: new Date(opp.createdAt),
        data: oppData,
      });
    }
  }
  // one statement each: the fixture is built before every suite, on loaded machines too
  await query(
    db,
    sql`INSERT INTO stage_history (tenant_id, id, record_id, object, pipeline, stage, from_stage, entered_at, exited_at, duration_ms)
SELECT ${tenantId}, gen_random_uuid(), x.record_id, 'lead', 'lead', x.stage, x.from_stage, x.entered_at, x.exited_at, x.duration_ms
FROM jsonb_to_recordset(${JSON.stringify(stays)}::jsonb) AS x(record_id uuid, stage text, from_stage text, entered_at timestamptz, exited_at timestamptz, duration_ms bigint)`,
  );
  await query(
    db,
    sql`INSERT INTO events (tenant_id, id, record_id, object, type, at, data)
SELECT ${tenantId}, gen_random_uuid(), x.record_id, 'lead', x.type, x.at, '{}'::jsonb
FROM jsonb_to_recordset(${JSON.stringify(eventRows)}::jsonb) AS x(record_id uuid, type text, at timestamptz)`,
  );
  return { tenantId, teams, users, companies, leads, opportunities };
}

export function aContext(world: World, overrides: Partial<ReportRunContext> = {}): ReportRunContext {
  return { tenantId: world.tenantId, scope: { kind: 'all' }, now: NOW, timeZone: 'UTC', locale: 'en', ...overrides };
}

/** Compiles the report or throws with its problems. */
export function compiledOrThrow(definition: unknown, app: CompiledApp, ctx: ReportRunContext): CompiledReport {
  const compiled = compileReport(definition as ReportDefinition, app, ctx);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.value;
}

/** Runs the report's SQL (both periods) and shapes the result. */
export async function runReport(
  db: SqlExecutor,
  definition: unknown,
  app: CompiledApp,
  ctx: ReportRunContext,
): Promise<{ result: ReportResult; compiled: CompiledReport }> {
  const compiled = compiledOrThrow(definition, app, ctx);
  const current = await query(db, compiled.current);
  const previous = compiled.previous ? await query(db, compiled.previous) : undefined;
  return { result: compiled.toResult(current, previous), compiled };
}

/** How many records the drill-down filter of the point lists under the scope (through the store's own count). */
export async function drilledCount(
  db: SqlExecutor,
  app: CompiledApp,
  tenantId: string,
  scope: RowScope,
  compiled: CompiledReport,
  keys: readonly (string | number | null)[],
  measureId?: string,
  scopes?: ReadonlyMap<string, RowScope>,
): Promise<number> {
  const drill = compiled.drillDown(keys, measureId);
  if (!drill.ok) throw new Error(JSON.stringify(drill.problems));
  const object = app.objects[drill.value.object];
  if (!object) throw new Error(`no object ${drill.value.object}`);
  const filter = compileFilter(drill.value.filter, object, {
    relatedObject: (name) => {
      const target = app.objects[name];
      return target ? { object: target, scope: scopes?.get(name) ?? scope } : undefined;
    },
  });
  if (!filter.ok) throw new Error(JSON.stringify(filter.problems));
  return countRecords(db, { tenantId, object: drill.value.object, scope, filter: filter.value });
}

/** Leads a scope shows: not deleted, and owned (or in the team) as the scope says. */
export function visible(world: World, scope: RowScope): FixtureLead[] {
  return world.leads.filter((l) => {
    if (l.deleted) return false;
    if (scope.kind === 'all') return true;
    if (scope.kind === 'own') return l.ownerId === scope.userId;
    return l.ownerId === scope.userId || (scope.teamId !== null && l.teamId === scope.teamId);
  });
}

/** Groups items by a key into counts or any reduction. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** percentile_cont: linear interpolation between the closest ranks. */
export function percentileCont(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = fraction * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (rank - lo);
}
