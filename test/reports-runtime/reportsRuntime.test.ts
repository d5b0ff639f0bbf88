import { expect } from 'chai';
import { strFromU8, unzipSync } from 'fflate';
import { PASSWORD } from '../support/personas.js';
import {
  DAY,
  FORMULA_NAMES,
  kpiValue,
  pointValue,
  type ReportsFixture,
  startReportsFixture,
  T0,
} from './support/reportsFixture.js';

async function download(f: ReportsFixture, token: string | undefined, path: string) {
  const res = await fetch(f.rt.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Every text cell of the first sheet of an XLSX file, shared strings and inline strings alike. */
function xlsxTexts(bytes: Uint8Array): string[] {
  const files = unzipSync(bytes);
  const xml = Object.entries(files)
    .filter(([name]) => name === 'xl/sharedStrings.xml' || name.startsWith('xl/worksheets/'))
    .map(([, data]) => strFromU8(data))
    .join('\n');
  const decodeXml = (s: string) =>
    s
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&');
  return [...xml.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => decodeXml(m[1]!));
}

for (const driver of ['postgres', 'pglite'] as const) {
  describe(`reports runtime (${driver})`, function () {
    this.timeout(180_000);
    let f: ReportsFixture;
    before(async () => {
      f = await startReportsFixture(driver);
    });
    after(async () => f?.close());

    describe('listing', () => {
      it('lists the reports a role may read: a rep does not see a report over channel costs', async () => {
        const asRep = await f.p.repA.get('/api/v1/reports');
        const asAdmin = await f.rt.admin.get('/api/v1/reports');
        expect(asRep.status, JSON.stringify(asRep.body)).to.equal(200);
        const repIds = (asRep.body.reports as { id: string }[]).map((r) => r.id);
        const adminIds = (asAdmin.body.reports as { id: string }[]).map((r) => r.id);
        expect(repIds).to.include.members(['rt-leads-by-industry', 'rt-lead-count']);
        expect(repIds).not.to.include('rt-channel-cost');
        expect(adminIds).to.include('rt-channel-cost');
      });

      it('gives labels in the locale asked for, else the browser language the app has, else its default', async () => {
        const label = async (query: string, headers: Record<string, string> = {}) => {
          const r = await f.p.repA.get(`/api/v1/reports${query}`, undefined, { headers });
          expect(r.status, r.text).to.equal(200);
          return (r.body.reports as { id: string; label: string }[]).find((x) => x.id === 'new-leads')?.label;
        };
        expect(await label('')).to.equal('本月新线索');
        expect(await label('', { 'accept-language': 'fr-FR, en-US;q=0.8' })).to.equal('New leads this month');
        expect(await label('?locale=zh-CN', { 'accept-language': 'en' })).to.equal('本月新线索');
        expect(await label('?locale=en')).to.equal('New leads this month');
      });
    });

    describe('row scope', () => {
      it("counts only the rep's own leads on the rep's dashboard, and the team's on the manager's", async () => {
        const query = '?from=2025-01-01&to=2027-01-01';
        const total = async (as: typeof f.p.repA) => {
          const r = await as.get(`/api/v1/dashboards/rt-sales${query}`);
          expect(r.status, JSON.stringify(r.body)).to.equal(200);
          const widget = (r.body.widgets as { id: string; run?: unknown }[]).find((w) => w.id === 'total');
          return kpiValue(widget!.run as never);
        };
        expect(await total(f.p.repA)).to.equal(10);
        expect(await total(f.p.repB)).to.equal(2);
        expect(await total(f.p.managerNorth)).to.equal(12);
        expect(await total(f.p.managerSouth)).to.equal(1);
        expect(await total(f.rt.admin)).to.equal(13);
      });

      it("sees nothing of another tenant's leads", async () => {
        const r = await f.p.otherTenantAdmin.get('/api/v1/reports/rt-lead-count');
        expect(r.status).to.equal(404);
      });
    });

    describe('dashboards', () => {
      it('runs every widget with the default date range when the viewer sets none', async () => {
        const r = await f.p.repA.get('/api/v1/dashboards/rt-sales');
        expect(r.status, JSON.stringify(r.body)).to.equal(200);
        expect(r.body.filters).to.deep.equal({ dateRange: { relative: 'last_30_days' } });
        const total = (r.body.widgets as { id: string; run?: unknown }[]).find((w) => w.id === 'total');
        expect(kpiValue(total!.run as never)).to.equal(8);
      });

      it('changes the numbers with the global filters: date range, owner and team', async () => {
        const run = async (query: string) => {
          const r = await f.p.managerNorth.get(`/api/v1/dashboards/rt-sales?${query}`);
          expect(r.status, JSON.stringify(r.body)).to.equal(200);
          const w = (r.body.widgets as { id: string; run?: unknown }[]).find((x) => x.id === 'total');
          return kpiValue(w!.run as never);
        };
        expect(await run('dateRange=last_30_days')).to.equal(10);
        expect(await run('from=2025-12-01&to=2026-02-01')).to.equal(2);
        expect(await run(`from=2025-01-01&to=2027-01-01&owner=${f.p.ids.repB}`)).to.equal(2);
        expect(await run(`from=2025-01-01&to=2027-01-01&team=${f.p.ids.south}`)).to.equal(0);
        const admin = await f.rt.admin.get(`/api/v1/dashboards/rt-sales?dateRange=last_30_days&team=${f.p.ids.south}`);
        const w = (admin.body.widgets as { id: string; run?: unknown }[]).find((x) => x.id === 'total');
        expect(kpiValue(w!.run as never)).to.equal(1);
      });

      it("answers a failing widget's error in place while the others still answer", async () => {
        const r = await f.p.repA.get('/api/v1/dashboards/rt-sales');
        const widgets = r.body.widgets as { id: string; run?: unknown; error?: { code: string } }[];
        expect(widgets.find((w) => w.id === 'cost')?.error?.code).to.equal('FORBIDDEN');
        expect(widgets.find((w) => w.id === 'by-industry')?.run).to.have.property('chart');
      });

      it("runs every widget of the sample's dashboards for an admin and a manager without an error", async () => {
        const list = await f.rt.admin.get('/api/v1/dashboards');
        const ids = (list.body.dashboards as { id: string }[]).map((d) => d.id).filter((id) => !id.startsWith('rt-'));
        expect(ids).to.include.members(['funnel', 'channel-roi', 'sales-performance']);
        for (const as of [f.rt.admin, f.p.managerNorth]) {
          for (const id of ids) {
            const r = await as.get(`/api/v1/dashboards/${id}?dateRange=last_90_days`);
            expect(r.status, r.text).to.equal(200);
            const failed = (r.body.widgets as { id: string; error?: { code: string } }[]).filter(
              (w) => w.error && w.error.code !== 'FORBIDDEN',
            );
            expect(failed, `${id}: ${JSON.stringify(failed)}`).to.deep.equal([]);
          }
        }
      });

      it("keeps a widget's own period when the dashboard says so: new leads this month ignore the date range", async () => {
        const own = await f.rt.admin.get('/api/v1/reports/new-leads');
        expect(own.status, own.text).to.equal(200);
        const widget = async (query: string, id: string) => {
          const r = await f.rt.admin.get(`/api/v1/dashboards/funnel?${query}`);
          expect(r.status, r.text).to.equal(200);
          const w = (r.body.widgets as { id: string; run?: unknown }[]).find((x) => x.id === id);
          return kpiValue(w!.run as never);
        };
        expect(kpiValue(own.body)).to.be.greaterThan(0);
        expect(await widget('from=2025-01-01&to=2025-02-01', 'new-leads')).to.equal(kpiValue(own.body));
        expect(await widget('from=2025-01-01&to=2027-01-01', 'new-leads')).to.equal(kpiValue(own.body));
      });

      it('lists the dashboards and refuses a filter the dashboard does not declare', async () => {
        const list = await f.p.repA.get('/api/v1/dashboards');
        expect((list.body.dashboards as { id: string }[]).map((d) => d.id)).to.include('rt-sales');
        const r = await f.p.repA.get('/api/v1/dashboards/rt-sales?dateRange=next_year');
        expect(r.status).to.equal(400);
        expect(r.body.error.details[0].path).to.equal('/dateRange');
      });
    });

    describe('reports', () => {
      it('answers the result and an echarts option for a bar report', async () => {
        const r = await f.p.repA.get('/api/v1/reports/rt-leads-by-industry?from=2025-01-01&to=2027-01-01');
        expect(r.status, JSON.stringify(r.body)).to.equal(200);
        expect(r.body.report).to.include({ id: 'rt-leads-by-industry', object: 'lead', chart: 'bar' });
        expect(pointValue(r.body, 'saas')).to.equal(5);
        expect(pointValue(r.body, 'manufacturing')).to.equal(5);
        expect(r.body.chart.series[0].type).to.equal('bar');
      });

      it('drills into a bar: the count of the records list equals the point', async () => {
        for (const as of [f.p.repA, f.p.managerNorth, f.rt.admin]) {
          const run = await as.get('/api/v1/reports/rt-leads-by-industry?dateRange=last_30_days');
          for (const key of ['saas', 'manufacturing']) {
            const drill = await as.post('/api/v1/reports/rt-leads-by-industry/drill?dateRange=last_30_days', {
              keys: [key],
            });
            expect(drill.status, JSON.stringify(drill.body)).to.equal(200);
            expect(drill.body.object).to.equal('lead');
            expect(drill.body.count, key).to.equal(pointValue(run.body, key));
            const listed = await as.get(
              `${drill.body.href.replace('/api/v1/records/lead?', '/api/v1/records/lead/count?')}`,
            );
            expect(listed.body.count).to.equal(drill.body.count);
          }
        }
      });

      it("drills into a team leaderboard's activities: the activity count equals the point", async () => {
        // the sample's rep leaderboard shows won amounts only (8f16dc0); the team table keeps activities
        const run = await f.p.managerNorth.get('/api/v1/reports/leaderboard-teams?dateRange=last_30_days');
        expect(run.status, run.text).to.equal(200);
        const column = (run.body.result.measures as { id: string }[]).findIndex((m) => m.id === 'activities');
        const row = (run.body.result.rows as { keys: unknown[]; values: number[] }[]).find(
          (r) => r.keys[0] === f.p.ids.north,
        );
        expect(row?.values[column], JSON.stringify(run.body.result)).to.equal(2);
        const drill = await f.p.managerNorth.post('/api/v1/reports/leaderboard-teams/drill?dateRange=last_30_days', {
          keys: [f.p.ids.north],
          measure: 'activities',
        });
        expect(drill.status, drill.text).to.equal(200);
        expect(drill.body).to.include({ source: 'activities', count: 2, href: null });
      });

      it("drills into a report over activities: each kind's count equals the point, under the caller's scope", async () => {
        for (const [as, calls] of [
          [f.p.repA, 1],
          [f.p.managerNorth, 1],
          [f.rt.admin, 1],
          [f.p.repB, 0],
        ] as const) {
          const run = await as.get('/api/v1/reports/rt-activities-by-kind?dateRange=last_30_days');
          expect(run.status, run.text).to.equal(200);
          expect(pointValue(run.body, 'call')).to.equal(calls);
          for (const key of ['call', 'email']) {
            const drill = await as.post('/api/v1/reports/rt-activities-by-kind/drill?dateRange=last_30_days', {
              keys: [key],
            });
            expect(drill.status, drill.text).to.equal(200);
            expect(drill.body).to.include({ source: 'activities', object: 'lead', href: null });
            expect(drill.body.filter.kind).to.equal(key);
            expect(drill.body.count, key).to.equal(pointValue(run.body, key));
          }
        }
      });

      it('refuses a hostile drill key into a report over activities with 400 naming the key', async () => {
        for (const keys of [[7], ["call' OR 1=1 --", 'extra']]) {
          const drill = await f.p.repA.post('/api/v1/reports/rt-activities-by-kind/drill', { keys });
          expect(drill.status, drill.text).to.equal(400);
          expect(drill.body.error.details[0].path).to.equal(keys.length === 1 ? '/keys/0' : '/keys');
        }
      });

      it("reads a related company under the rep's scope of companies, not of leads", async () => {
        const company = await f.rt.admin.post('/api/v1/records/company', {
          data: { name: 'Acme Robotics', industry: 'manufacturing' },
        });
        expect(company.status, company.text).to.equal(201);
        const mine = await f.p.repA.get('/api/v1/records/lead?limit=1');
        const lead = mine.body.records[0] as { id: string; version: number };
        const linked = await f.p.repA.patch(`/api/v1/records/lead/${lead.id}`, {
          version: lead.version,
          data: { company: company.body.id },
        });
        expect(linked.status, linked.text).to.equal(200);
        const r = await f.p.repA.get('/api/v1/reports/rt-leads-by-company-industry?from=2025-01-01&to=2027-01-01');
        expect(r.status, r.text).to.equal(200);
        expect(pointValue(r.body, 'manufacturing'), JSON.stringify(r.body.result.rows)).to.equal(1);
      });
    });

    describe('exports', () => {
      it('exports CSV with a byte-order mark, labels and formula-like names neutralised', async () => {
        const r = await download(f, f.p.repA.token, '/api/v1/reports/rt-leads-by-name/export?format=csv&locale=en');
        expect(r.status).to.equal(200);
        expect(r.headers.get('content-disposition')).to.equal(
          `attachment; filename="rt-leads-by-name-${T0.toISOString().slice(0, 10)}.csv"`,
        );
        expect([...r.bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
        const text = new TextDecoder().decode(r.bytes);
        expect(text).to.include('Leads');
        const lines = text.slice(1).split('\r\n');
        for (const name of FORMULA_NAMES) {
          expect(lines, name).to.include(`'${name},1`);
          expect(lines.some((line) => line.startsWith(name))).to.equal(false);
        }
      });

      it('exports XLSX whose sheet holds the formula-like names as quoted text, never as formulas', async () => {
        const r = await download(f, f.p.repA.token, '/api/v1/reports/rt-leads-by-name/export?format=xlsx&locale=en');
        expect(r.status).to.equal(200);
        expect(r.headers.get('content-type')).to.match(/spreadsheetml/);
        const texts = xlsxTexts(r.bytes);
        expect(texts).to.include('Leads');
        for (const name of FORMULA_NAMES) {
          expect(texts, name).to.include(`'${name}`);
          expect(texts).not.to.include(name);
        }
        const sheets = Object.entries(unzipSync(r.bytes)).filter(([n]) => n.startsWith('xl/worksheets/'));
        expect(sheets.some(([, d]) => strFromU8(d).includes('<f>'))).to.equal(false);
      });

      it('refuses an unknown format, naming it', async () => {
        const r = await f.p.repA.get('/api/v1/reports/rt-leads-by-name/export?format=pdf');
        expect(r.status).to.equal(400);
        expect(r.body.error.details[0].path).to.equal('/format');
      });
    });

    it('runs at the runtime clock: 60 days on, last_30_days holds none of the leads', async () => {
      f.clock.set(new Date(T0.getTime() + 60 * DAY));
      try {
        const repA = await f.rt.signIn('rep.a@example.com', PASSWORD);
        const r = await repA.get('/api/v1/reports/rt-lead-count?dateRange=last_30_days');
        expect(r.status, r.text).to.equal(200);
        expect(kpiValue(r.body)).to.equal(0);
      } finally {
        f.clock.set(T0);
      }
    });
  });
}
