import { expect } from 'chai';
import { scheduleAutomations } from '../../runtime/src/automation/scheduleRuns.js';
import { DEFAULT_TENANT } from '../../runtime/src/boot.js';
import { HOUR, MINUTE, manualClock } from '../support/manualClock.js';
import { aLead } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';
import { appendEvent, aWorker, publishWithAutomations, runsOf } from './support.js';

describe('automation: schedules, concurrent dispatchers and time triggers', function () {
  this.timeout(180_000);
  const clock = manualClock(); // 2026-03-02T09:00Z = 17:00 in Asia/Shanghai, the sample's calendar zone
  let rt: TestRuntime;

  before(async () => {
    rt = await startTestRuntime({ driver: 'postgres', clock });
    await publishWithAutomations(rt, [
      {
        id: 'daily-digest',
        object: 'lead',
        trigger: { type: 'schedule', every: 'day', at: '09:00' },
        conditions: { '==': [{ var: 'title' }, 'digest me'] },
        actions: [{ type: 'add-to-list', list: 'digest' }],
      },
      {
        id: 'ping',
        object: 'lead',
        trigger: { type: 'event', event: 'bench.ping' },
        actions: [{ type: 'add-to-list', list: 'pinged' }],
      },
      {
        id: 'breach-list',
        object: 'lead',
        trigger: { type: 'sla.breached' },
        actions: [{ type: 'add-to-list', list: 'breached' }],
      },
      {
        id: 'escalate-to-admins',
        object: 'lead',
        trigger: { type: 'event', event: 'deal.escalated' },
        actions: [
          { type: 'notify', role: 'admin', title: { en: 'Escalated: {{name}}' }, message: { en: 'Look at {{name}}' } },
          { type: 'request-approval', role: 'manager', reason: { en: 'discount for {{name}}' } },
          { type: 'enroll-nurture', nurture: 'warm-up' },
        ],
      },
      {
        id: 'call-at',
        object: 'lead',
        trigger: { type: 'field.at', field: 'last_contacted_at' },
        actions: [{ type: 'add-to-list', list: 'call-at' }],
      },
      {
        id: 'call-after',
        object: 'lead',
        trigger: { type: 'field.after', field: 'last_contacted_at', delay: 'PT1H' },
        actions: [{ type: 'add-to-list', list: 'call-after' }],
      },
    ]);
  });
  after(async () => rt?.close());

  const admin = () => rt.signIn(rt.adminEmail, rt.adminPassword);
  async function aRecord(overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await (await admin()).post('/api/v1/records/lead', aLead(overrides));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  }
  async function inList(list: string, id: string): Promise<boolean> {
    const { rows } = await rt.ctx.db.query('SELECT 1 FROM list_members WHERE list_id = $1 AND record_id = $2', [
      list,
      id,
    ]);
    return rows.length === 1;
  }
  async function scheduleJobs(): Promise<{ key: string; run_at: Date }[]> {
    const { rows } = await rt.ctx.db.query<{ key: string; run_at: Date }>(
      "SELECT key, run_at FROM jobs WHERE kind = 'automation.schedule' ORDER BY run_at",
    );
    return rows;
  }

  it('fires a daily schedule at 09:00 in the app time zone, once per day even with two workers', async () => {
    const a = await aRecord({ title: 'digest me' });
    const b = await aRecord({ title: 'digest me' });
    const other = await aRecord({ title: 'CEO' });
    // publish already set up the next slot; a second process booting sets up the same one
    const published = await rt.ctx.apps.current(DEFAULT_TENANT);
    await scheduleAutomations(rt.ctx, published!);
    let jobs = await scheduleJobs();
    expect(jobs.map((j) => new Date(j.run_at).toISOString())).to.deep.equal(['2026-03-03T01:00:00.000Z']);
    await Promise.all([aWorker(rt, 'one').drain(), aWorker(rt, 'two').drain()]);
    expect(await runsOf(rt, 'daily-digest')).to.have.length(0);
    clock.advance(16 * HOUR);
    await Promise.all([aWorker(rt, 'one').drain(), aWorker(rt, 'two').drain()]);
    let runs = await runsOf(rt, 'daily-digest');
    expect(runs.map((r) => r.record_id).sort()).to.deep.equal([a, b].sort());
    expect(runs.every((r) => r.status === 'done')).to.equal(true);
    expect(await inList('digest', a)).to.equal(true);
    expect(await inList('digest', other)).to.equal(false);
    jobs = await scheduleJobs();
    expect(jobs.map((j) => new Date(j.run_at).toISOString())).to.deep.equal(['2026-03-04T01:00:00.000Z']);
    await scheduleAutomations(rt.ctx, published!);
    clock.advance(24 * HOUR - MINUTE);
    await Promise.all([aWorker(rt, 'one').drain(), aWorker(rt, 'two').drain()]);
    expect(await runsOf(rt, 'daily-digest')).to.have.length(2);
    clock.advance(MINUTE);
    await Promise.all([aWorker(rt, 'one').drain(), aWorker(rt, 'two').drain()]);
    runs = await runsOf(rt, 'daily-digest');
    expect(runs).to.have.length(4);
    expect(runs.filter((r) => r.record_id === a)).to.have.length(2);
  });

  it('starts each matching automation exactly once per event with two dispatchers draining 500 events concurrently', async () => {
    const leads: string[] = [];
    // 25 leads × 20 events: within the per-record rate limit of loop protection (20 an hour)
    for (let i = 0; i < 25; i++) leads.push(await aRecord());
    for (let i = 0; i < 500; i++) await appendEvent(rt, leads[i % 25]!, 'bench.ping', { n: i });
    const one = aWorker(rt, 'dispatcher-one');
    const two = aWorker(rt, 'dispatcher-two');
    await Promise.all([one.drain(), two.drain(), one.drain(), two.drain()]);
    const { rows } = await rt.ctx.db.query<{ n: number; events: number; done: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT trigger->>'sourceId')::int AS events,
         count(*) FILTER (WHERE status = 'done')::int AS done
       FROM automation_runs WHERE automation = 'ping'`,
    );
    expect(rows[0]).to.deep.equal({ n: 500, events: 500, done: 500 });
    const inbox = await rt.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM automation_inbox');
    expect(inbox.rows[0]!.n).to.equal(0);
  });

  it('reacts to sla.breached events', async () => {
    const id = await aRecord();
    await appendEvent(rt, id, 'sla.breached', { sla: 'hot-lead-follow-up' });
    await aWorker(rt).drain();
    expect(await inList('breached', id)).to.equal(true);
    expect((await runsOf(rt, 'breach-list')).map((r) => r.status)).to.deep.equal(['done']);
  });

  it('notifies a role in-app, requests an approval and enrols in nurture from one run', async () => {
    const id = await aRecord({ name: 'Wang Fang' });
    await appendEvent(rt, id, 'deal.escalated');
    await aWorker(rt).drain();
    const [run] = await runsOf(rt, 'escalate-to-admins');
    expect(run!.status, JSON.stringify(run)).to.equal('done');
    expect(run!.steps.map((s) => `${s.type}:${s.status}`)).to.deep.equal([
      'notify:done',
      'request-approval:done',
      'enroll-nurture:done',
    ]);
    const notes = await rt.ctx.db.query<{ title: string }>('SELECT title FROM notifications WHERE record_id = $1', [
      id,
    ]);
    expect(notes.rows.map((r) => r.title)).to.include('Escalated: Wang Fang');
    const approvals = await rt.ctx.db.query<{ approver_role: string }>(
      'SELECT approver_role FROM approvals WHERE record_id = $1',
      [id],
    );
    expect(approvals.rows.map((r) => r.approver_role)).to.deep.equal(['manager']);
    const enrolled = await rt.ctx.db.query<{ nurture: string; status: string }>(
      'SELECT nurture, status FROM nurture_enrollments WHERE record_id = $1',
      [id],
    );
    expect(enrolled.rows).to.deep.equal([{ nurture: 'warm-up', status: 'active' }]);
  });

  it('runs field.at at the field time and field.after a delay after it, and not after the field changes', async () => {
    const due = new Date(clock.now().getTime() + 2 * HOUR).toISOString();
    const id = await aRecord({ last_contacted_at: due });
    const moved = await aRecord({ last_contacted_at: due });
    const current = await (await admin()).get(`/api/v1/records/lead/${moved}`);
    const later = new Date(clock.now().getTime() + 10 * HOUR).toISOString();
    const res = await (await admin()).patch(`/api/v1/records/lead/${moved}`, {
      version: current.body.version,
      data: { last_contacted_at: later },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const worker = aWorker(rt);
    await worker.drain();
    expect(await inList('call-at', id)).to.equal(false);
    clock.advance(2 * HOUR);
    await worker.drain();
    expect(await inList('call-at', id)).to.equal(true);
    expect(await inList('call-after', id)).to.equal(false);
    expect(await inList('call-at', moved)).to.equal(false);
    clock.advance(HOUR);
    await worker.drain();
    expect(await inList('call-after', id)).to.equal(true);
    expect(await inList('call-after', moved)).to.equal(false);
    const stopped = (await runsOf(rt, 'call-at')).filter((r) => r.record_id === moved && r.status === 'stopped');
    expect(stopped).to.have.length(1);
    expect(stopped[0]!.reason).to.match(/changed since the trigger/);
  });
});
