import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { templateFolder } from '../../../runtime/src/boot.js';
import type { Client } from '../../support/http.js';
import { type ManualClock, manualClock } from '../../support/manualClock.js';
import { aLead, type Personas, setUpPersonas } from '../../support/personas.js';
import {
  type DriverName,
  startTestRuntime,
  type TestDeliveryOptions,
  type TestRuntime,
} from '../../support/testRuntime.js';

export const T0 = new Date('2026-03-02T09:00:00Z');
export const DAY = 86_400_000;

/** Text a spreadsheet would run: each is a lead name in the fixture, grouped by name in `rt-leads-by-name`. */
export const FORMULA_NAMES = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(1)'] as const;

const label = (en: string) => ({ en, 'zh-CN': en });

/** The reports and the dashboard the runtime tests publish beside the b2b-saas sample's own. */
const REPORTS: Record<string, unknown> = {
  'rt-leads-by-industry': {
    id: 'rt-leads-by-industry',
    label: label('Leads by industry'),
    object: 'lead',
    dimensions: [{ field: 'industry' }],
    measures: [{ id: 'leads', op: 'count', label: label('Leads') }],
    chart: { type: 'bar' },
  },
  'rt-lead-count': {
    id: 'rt-lead-count',
    label: label('Leads'),
    object: 'lead',
    measures: [{ id: 'leads', op: 'count', label: label('Leads') }],
    chart: { type: 'kpi' },
  },
  'rt-leads-by-name': {
    id: 'rt-leads-by-name',
    label: label('Leads by name'),
    object: 'lead',
    dimensions: [{ field: 'name' }],
    measures: [{ id: 'leads', op: 'count', label: label('Leads') }],
    chart: { type: 'table' },
  },
  'rt-leads-by-company-industry': {
    id: 'rt-leads-by-company-industry',
    label: label('Leads by company industry'),
    object: 'lead',
    dimensions: [{ field: 'company.industry' }],
    measures: [{ id: 'leads', op: 'count', label: label('Leads') }],
    chart: { type: 'pie' },
  },
  'rt-activities-by-kind': {
    id: 'rt-activities-by-kind',
    label: label('Activities by kind'),
    source: 'activities',
    object: 'lead',
    dimensions: [{ field: 'kind' }],
    measures: [{ id: 'activities', op: 'count', label: label('Activities') }],
    chart: { type: 'bar' },
  },
  'rt-channel-cost': {
    id: 'rt-channel-cost',
    label: label('Channel cost'),
    object: 'channel_cost',
    measures: [{ id: 'cost', op: 'sum', field: 'cost', label: label('Cost') }],
    chart: { type: 'kpi' },
  },
};

const DASHBOARD = {
  id: 'rt-sales',
  label: label('Sales'),
  columns: 12,
  filters: { dateRange: { default: 'last_30_days' }, team: true, owner: true },
  widgets: [
    { id: 'by-industry', report: 'rt-leads-by-industry', x: 0, y: 0, w: 6, h: 4 },
    { id: 'total', report: 'rt-lead-count', x: 6, y: 0, w: 3, h: 2 },
    { id: 'cost', report: 'rt-channel-cost', x: 9, y: 0, w: 3, h: 2 },
  ],
};

/** The b2b-saas sample with the runtime tests' reports and dashboard added, in a temporary folder. */
export function reportsPackage(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lf-reports-pkg-'));
  cpSync(templateFolder('b2b-saas'), dir, { recursive: true });
  mkdirSync(path.join(dir, 'reports'), { recursive: true });
  mkdirSync(path.join(dir, 'dashboards'), { recursive: true });
  for (const [id, report] of Object.entries(REPORTS))
    writeFileSync(path.join(dir, 'reports', `${id}.json`), JSON.stringify(report, null, 2));
  writeFileSync(path.join(dir, 'dashboards', 'rt-sales.json'), JSON.stringify(DASHBOARD, null, 2));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ReportsFixture {
  readonly rt: TestRuntime;
  readonly p: Personas;
  readonly clock: ManualClock;
  close(): Promise<void>;
}

async function createLead(as: Client, overrides: Record<string, unknown>): Promise<string> {
  const r = await as.post('/api/v1/records/lead', aLead(overrides));
  if (r.status !== 201) throw new Error(`creating a lead: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/**
 * A runtime on `driver` at T0 with the reports package and the access personas, and these leads:
 * created 60 days before T0, rep A 2 saas; at T0, rep A 3 saas + 1 manufacturing + the four formula-like
 * names (manufacturing), rep B 2 saas, South's manager 1 saas; rep A logged a call and an email.
 */
export async function startReportsFixture(
  driver: DriverName,
  options: { delivery?: TestDeliveryOptions } = {},
): Promise<ReportsFixture> {
  const pkg = reportsPackage();
  const clock = manualClock(T0);
  const rt = await startTestRuntime({
    driver,
    clock,
    template: pkg.dir,
    ...(options.delivery ? { delivery: options.delivery } : {}),
  });
  pkg.remove();
  const p = await setUpPersonas(rt);
  const old: string[] = [];
  for (let i = 0; i < 2; i++) old.push(await createLead(p.repA, { industry: 'saas' }));
  // captured two months ago: only the creation time differs, which is what date ranges read
  await rt.ctx.db.query(`UPDATE records SET created_at = created_at - interval '60 days' WHERE id = ANY($1::uuid[])`, [
    old,
  ]);
  const fresh: string[] = [];
  for (let i = 0; i < 3; i++) fresh.push(await createLead(p.repA, { industry: 'saas' }));
  for (const kind of ['call', 'email'])
    await p.repA.post(`/api/v1/records/lead/${fresh[0]}/activities`, { kind, summary: 'follow-up' });
  await createLead(p.repA, { industry: 'manufacturing' });
  for (const name of FORMULA_NAMES) await createLead(p.repA, { industry: 'manufacturing', name });
  for (let i = 0; i < 2; i++) await createLead(p.repB, { industry: 'saas' });
  await createLead(p.managerSouth, { industry: 'saas' });
  return { rt, p, clock, close: () => rt.close() };
}

/** The value of the first measure at the row whose first key is `key` (0 when the group is absent). */
export function pointValue(run: { result: { rows: { keys: unknown[]; values: (number | null)[] }[] } }, key: unknown) {
  return run.result.rows.find((r) => r.keys[0] === key)?.values[0] ?? 0;
}

/** A KPI report's single number. */
export function kpiValue(run: { result: { rows: { values: (number | null)[] }[] } }): number {
  return run.result.rows[0]?.values[0] ?? 0;
}
