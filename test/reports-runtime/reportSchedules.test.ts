import { expect } from 'chai';
import { DELIVERY_JOB_KIND } from '@leadforge/engine';
import { strFromU8, unzipSync } from 'fflate';
import { jobHandlersForContext } from '../../runtime/src/jobs/jobHandlers.js';
import { createJobRunner } from '../../runtime/src/jobs/startJobs.js';
import { REPORT_SCHEDULE_JOB } from '../../runtime/src/reports/scheduleStore.js';
import { type SmtpSink, startSmtpSink } from '../delivery/support/smtpSink.js';
import { PASSWORD } from '../support/personas.js';
import { type ReportsFixture, startReportsFixture, T0 } from './support/reportsFixture.js';

/** The attachments of a raw MIME message: file name → decoded bytes. */
function attachmentsOf(raw: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const part of raw.split(/\r?\n--/)) {
    const name = /filename="?([^"\r\n;]+)"?/.exec(part)?.[1];
    if (!name) continue;
    const body = part.slice(part.search(/\r?\n\r?\n/)).replace(/\s+/g, '');
    found.set(name, Buffer.from(body.replace(/-.*$/, ''), 'base64'));
  }
  return found;
}

function sheetXml(xlsx: Buffer): string {
  const files = unzipSync(new Uint8Array(xlsx));
  return Object.entries(files)
    .filter(([n]) => n.startsWith('xl/worksheets/') || n === 'xl/sharedStrings.xml')
    .map(([, d]) => strFromU8(d))
    .join('\n');
}

describe('reports: scheduled email', function () {
  this.timeout(180_000);
  let f: ReportsFixture;
  let sink: SmtpSink;

  before(async () => {
    sink = await startSmtpSink();
    f = await startReportsFixture('postgres', { delivery: { allowHosts: `127.0.0.1:${sink.port}` } });
    const endpoint = await f.rt.admin.post('/api/v1/delivery/endpoints', {
      id: 'mail',
      channel: 'email',
      config: { host: '127.0.0.1', port: sink.port, security: 'none', from: 'crm@acme.example' },
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).to.equal(201);
  });
  after(async () => {
    await f?.close();
    await sink?.close();
  });

  /** Sessions last 12 hours of the manual clock: sign in again after moving it. */
  const admin = () => f.rt.signIn(f.rt.adminEmail, f.rt.adminPassword);
  const worker = () =>
    createJobRunner({ ...f.rt.delivery, handlers: jobHandlersForContext(f.rt.ctx), worker: { pollIntervalMs: 10 } });

  /** The mails received so far, with the jobs still waiting named in the message when the count is not `n`. */
  async function expectMails(n: number): Promise<void> {
    if (sink.mails.length === n) return;
    const { rows } = await f.rt.ctx.db.query(
      'SELECT kind, state, run_at, attempt, locked_by, last_error FROM jobs ORDER BY id',
    );
    expect(sink.mails, `jobs: ${JSON.stringify(rows)}; clock ${f.rt.ctx.clock.now().toISOString()}`).to.have.length(n);
  }

  // a failed test leaves no schedule or job behind to send mail into the next one
  afterEach(async () => {
    await f.rt.ctx.db.query(`DELETE FROM report_schedules`);
    await f.rt.ctx.db.query('DELETE FROM jobs WHERE kind = ANY($1)', [[REPORT_SCHEDULE_JOB, DELIVERY_JOB_KIND]]);
    sink.mails.length = 0;
  });

  it('mails the report at its due time as the owner sees it, with the XLSX attached, once per due time', async () => {
    const created = await f.rt.admin.post('/api/v1/report-schedules', {
      report: 'rt-lead-count',
      owner: f.p.ids.repA,
      endpoint: 'mail',
      recipients: ['boss@acme.example'],
      format: 'xlsx',
      cadence: { every: 'daily', at: '10:00', timeZone: 'UTC' },
      filters: { from: '2025-01-01', to: '2027-01-01' },
      locale: 'en',
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.nextRunAt).to.equal('2026-03-02T10:00:00.000Z');

    f.clock.set(T0);
    await worker().drain();
    await expectMails(0);

    f.clock.set(new Date('2026-03-02T10:00:30Z'));
    await worker().drain();
    await expectMails(1);
    const mail = sink.mails[0]!;
    expect(mail.to).to.deep.equal(['boss@acme.example']);
    expect(mail.raw).to.include('Subject: Leads');
    const files = attachmentsOf(mail.raw);
    const xlsx = files.get('rt-lead-count-2026-03-02.xlsx');
    expect(xlsx, [...files.keys()].join(', ')).to.not.equal(undefined);
    const xml = sheetXml(xlsx!);
    expect(xml).to.include('Leads');
    expect(xml, 'rep A sees her 10 leads, not the 13 of the tenant').to.match(/<v>10<\/v>/);

    const after = await (await admin()).get(`/api/v1/report-schedules/${created.body.id}`);
    expect(after.body).to.include({ lastStatus: 'sent', nextRunAt: '2026-03-03T10:00:00.000Z', lastError: null });

    await Promise.all([worker().drain(), worker().drain()]);
    await expectMails(1);

    f.clock.set(new Date('2026-03-03T10:00:05Z'));
    await Promise.all([worker().drain(), worker().drain()]);
    await expectMails(2);
    await (await admin()).delete(`/api/v1/report-schedules/${created.body.id}`);
  });

  it('mails a dashboard as one CSV per widget the owner may read, naming the widgets that failed', async () => {
    sink.mails.length = 0;
    f.clock.set(new Date('2026-03-03T12:00:00Z'));
    const created = await (await admin()).post('/api/v1/report-schedules', {
      dashboard: 'rt-sales',
      owner: f.p.ids.repB,
      endpoint: 'mail',
      recipients: ['rep.b@example.com'],
      format: 'csv',
      cadence: { every: 'weekly', weekday: 'monday', at: '08:00', timeZone: 'Asia/Shanghai' },
      locale: 'en',
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.nextRunAt).to.equal('2026-03-09T00:00:00.000Z');
    f.clock.set(new Date('2026-03-09T00:00:01Z'));
    await worker().drain();
    await expectMails(1);
    const files = attachmentsOf(sink.mails[0]!.raw);
    expect([...files.keys()].sort()).to.deep.equal([
      'rt-sales-by-industry-2026-03-09.csv',
      'rt-sales-total-2026-03-09.csv',
    ]);
    expect(sink.mails[0]!.raw).to.match(/Channel cost: /);
    await (await admin()).delete(`/api/v1/report-schedules/${created.body.id}`);
  });

  it('lets only admins and ops manage schedules', async () => {
    const body = {
      report: 'rt-lead-count',
      endpoint: 'mail',
      recipients: ['x@acme.example'],
      cadence: { every: 'monthly', day: 1, at: '07:00' },
    };
    const repA = await f.rt.signIn('rep.a@example.com', PASSWORD);
    const manager = await f.rt.signIn('manager.north@example.com', PASSWORD);
    const other = await f.rt.signIn('admin@acme.example', PASSWORD, 'acme');
    expect((await repA.post('/api/v1/report-schedules', body)).status).to.equal(403);
    expect((await manager.get('/api/v1/report-schedules')).status).to.equal(403);
    const r = await (await admin()).post('/api/v1/report-schedules', body);
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body.owner).to.be.a('string');
    expect(r.body.cadence).to.deep.equal({ every: 'monthly', day: 1, at: '07:00', timeZone: 'Asia/Shanghai' });
    expect((await other.get(`/api/v1/report-schedules/${r.body.id}`)).status).to.equal(404);
    const paused = await (await admin()).patch(`/api/v1/report-schedules/${r.body.id}`, { active: false });
    expect(paused.body).to.include({ active: false, nextRunAt: null });
  });

  it('refuses a schedule its owner could not run, naming the field', async () => {
    const r = await (await admin()).post('/api/v1/report-schedules', {
      report: 'rt-channel-cost',
      owner: f.p.ids.repA,
      endpoint: 'mail',
      recipients: ['x@acme.example'],
      cadence: { every: 'daily', at: '07:00' },
    });
    expect(r.status).to.equal(422);
    expect(r.body.error.details[0].path).to.equal('/report');
  });

  it('records a run its owner can no longer make as failed, sends nothing, and keeps the next due time', async () => {
    sink.mails.length = 0;
    f.clock.set(new Date('2026-03-10T12:00:00Z'));
    const created = await (await admin()).post('/api/v1/report-schedules', {
      report: 'rt-lead-count',
      owner: f.p.ids.repB,
      endpoint: 'mail',
      recipients: ['boss@acme.example'],
      cadence: { every: 'daily', at: '13:00', timeZone: 'UTC' },
    });
    expect(created.status, created.text).to.equal(201);
    const off = await (await admin()).patch(`/api/v1/users/${f.p.ids.repB}`, { active: false });
    expect(off.status, off.text).to.equal(200);
    f.clock.set(new Date('2026-03-10T13:00:01Z'));
    await worker().drain();
    await expectMails(0);
    const after = await (await admin()).get(`/api/v1/report-schedules/${created.body.id}`);
    expect(after.body).to.include({ lastStatus: 'failed', nextRunAt: '2026-03-11T13:00:00.000Z' });
    expect(after.body.lastError).to.match(/no longer an active user/);
  });
});
