import { expect } from 'chai';
import type { Client, Reply } from '../support/http.js';
import type { Personas } from '../support/personas.js';
import type { TestRuntime } from '../support/testRuntime.js';

/** What the report scenarios need of the access matrix's fixture. */
interface MatrixFixture {
  readonly rt: TestRuntime;
  readonly p: Personas;
  readonly leadId: string;
}

type Who = 'repA' | 'repB' | 'managerNorth' | 'managerSouth' | 'otherTenantAdmin' | 'anonymous';
type Scenario = (f: MatrixFixture, who: Who, as: Client) => Promise<void>;

const SEES_A: ReadonlySet<Who> = new Set(['repA', 'managerNorth']);
const ZERO = '00000000-0000-4000-8000-000000000000';

function refusedAnonymous(who: Who, r: Reply): boolean {
  if (who !== 'anonymous') return false;
  expect(r.status, 'anonymous').to.equal(401);
  return true;
}

/** The sample's generic lead reports the persona may read (none before the sample has reports). */
async function leadReports(as: Client): Promise<string[]> {
  const r = await as.get('/api/v1/reports');
  expect(r.status, r.text).to.equal(200);
  return (r.body.reports as { id: string; object: string; analysis: string | null }[])
    .filter((x) => x.object === 'lead' && x.analysis === null)
    .map((x) => x.id);
}

/** Each data point's records, listed through the drill-down link, hold rep A's lead only for those who may see it. */
async function drilledRecordsOrNone(f: MatrixFixture, who: Who, as: Client): Promise<void> {
  for (const id of (await leadReports(as)).slice(0, 3)) {
    const run = await as.get(`/api/v1/reports/${id}`);
    expect(run.status, `${who} ${id}: ${run.text}`).to.be.oneOf([200, 422]);
    if (run.status !== 200) continue;
    for (const row of (run.body.result.rows as { keys: unknown[] }[]).slice(0, 5)) {
      const drill = await as.post(`/api/v1/reports/${id}/drill`, { keys: row.keys });
      if (drill.status !== 200 || !drill.body.href) continue;
      const listed = await as.get(`${drill.body.href}&limit=500`);
      expect(listed.status).to.equal(200);
      const ids = (listed.body.records as { id: string }[]).map((r) => r.id);
      if (!SEES_A.has(who)) expect(ids, `${who} ${id}`).not.to.include(f.leadId);
    }
  }
}

export const REPORT_SCENARIOS: Record<string, Scenario> = {
  'GET /api/v1/reports': async (_f, who, as) => {
    const r = await as.get('/api/v1/reports');
    if (refusedAnonymous(who, r)) return;
    expect(r.status).to.equal(200);
    expect(r.body.reports).to.be.an('array');
  },
  'GET /api/v1/reports/:id': async (f, who, as) => {
    const r = await as.get('/api/v1/reports/no-such-report');
    if (refusedAnonymous(who, r)) return;
    expect(r.status).to.equal(404);
    await drilledRecordsOrNone(f, who, as);
  },
  'POST /api/v1/reports/:id/drill': async (f, who, as) => {
    const r = await as.post('/api/v1/reports/no-such-report/drill', { keys: [] });
    if (refusedAnonymous(who, r)) return;
    expect(r.status).to.equal(404);
    await drilledRecordsOrNone(f, who, as);
  },
  'GET /api/v1/reports/:id/export': async (_f, who, as) => {
    const r = await as.get('/api/v1/reports/no-such-report/export?format=csv');
    if (refusedAnonymous(who, r)) return;
    expect(r.status).to.equal(404);
    for (const id of (await leadReports(as)).slice(0, 1)) {
      const file = await as.get(`/api/v1/reports/${id}/export?format=csv`);
      expect(file.status, `${who} ${id}`).to.be.oneOf([200, 422]);
      expect(file.text).not.to.include('rep.a@example.com');
    }
  },
  'GET /api/v1/dashboards': async (_f, who, as) => {
    const r = await as.get('/api/v1/dashboards');
    if (refusedAnonymous(who, r)) return;
    expect(r.status).to.equal(200);
    expect(r.body.dashboards).to.be.an('array');
  },
  'GET /api/v1/dashboards/:id': async (_f, who, as) => {
    const r = await as.get('/api/v1/dashboards/no-such-dashboard');
    if (refusedAnonymous(who, r)) return;
    expect(r.status).to.equal(404);
    const listed = await as.get('/api/v1/dashboards');
    for (const d of (listed.body.dashboards as { id: string }[]).slice(0, 1)) {
      const run = await as.get(`/api/v1/dashboards/${d.id}`);
      expect(run.status, `${who} ${d.id}: ${run.text}`).to.equal(200);
      expect(run.text).not.to.include('rep.a@example.com');
    }
  },
};

/** Report schedules mail data out of the tenant: admins (and ops) only. */
export const REPORT_ADMIN_ROUTES: Record<string, (as: Client) => Promise<Reply>> = {
  'GET /api/v1/report-schedules': (as) => as.get('/api/v1/report-schedules'),
  'POST /api/v1/report-schedules': (as) =>
    as.post('/api/v1/report-schedules', {
      report: 'no-such-report',
      endpoint: 'mail',
      recipients: ['x@example.com'],
      cadence: { every: 'daily', at: '08:00' },
    }),
  'GET /api/v1/report-schedules/:id': (as) => as.get(`/api/v1/report-schedules/${ZERO}`),
  'PATCH /api/v1/report-schedules/:id': (as) => as.patch(`/api/v1/report-schedules/${ZERO}`, { active: false }),
  'DELETE /api/v1/report-schedules/:id': (as) => as.delete(`/api/v1/report-schedules/${ZERO}`),
};
