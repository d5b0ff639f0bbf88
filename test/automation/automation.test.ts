import { expect } from 'chai';
import { HOUR, MINUTE, manualClock } from '../support/manualClock.js';
import { aLead } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';
import { appendEvent, aWorker, publishWithAutomations, runsOf } from './support.js';

for (const driver of ['postgres', 'pglite'] as const)
  describe(`automation (${driver})`, function () {
    this.timeout(120_000);
    const clock = manualClock();
    let rt: TestRuntime;

    before(async () => {
      rt = await startTestRuntime({ driver, clock });
      await publishWithAutomations(rt, [
        {
          id: 'big-company-list',
          object: 'lead',
          trigger: { type: 'record.created' },
          conditions: { '>=': [{ var: 'employees' }, 1000] },
          actions: [{ type: 'add-to-list', list: 'enterprise' }],
        },
        {
          id: 'loop',
          object: 'lead',
          trigger: { type: 'record.updated', fields: ['employees'] },
          conditions: { '==': [{ var: 'industry' }, 'logistics'] },
          actions: [{ type: 'compute-field', field: 'employees', rule: { '+': [{ var: 'employees' }, 1] } }],
        },
        {
          id: 'proposal-follow-up',
          object: 'lead',
          trigger: { type: 'stage.entered', stage: 'proposal' },
          actions: [
            { type: 'set-field', field: 'notes', value: 'proposal sent' },
            { type: 'wait', for: 'P1D' },
            { type: 'set-field', field: 'title', value: 'follow up the proposal' },
          ],
        },
        {
          id: 'regional-move',
          object: 'lead',
          trigger: { type: 'record.updated', fields: ['region'], from: 'east', to: 'west' },
          actions: [{ type: 'add-to-list', list: 'moved-west' }],
        },
        {
          id: 'overdue-task-escalation',
          object: 'lead',
          trigger: { type: 'task.overdue' },
          actions: [{ type: 'add-to-list', list: 'overdue' }],
        },
        {
          id: 'demo-reminder',
          object: 'lead',
          trigger: { type: 'event.after', event: 'demo.booked', delay: 'PT3H' },
          conditions: { '==': [{ var: 'event.kind' }, 'onsite'] },
          actions: [{ type: 'add-to-list', list: 'demo-reminded' }],
        },
      ]);
    });
    after(async () => rt?.close());

    /** A fresh session: the manual clock outruns session lifetimes. */
    const admin = () => rt.signIn(rt.adminEmail, rt.adminPassword);

    async function aRecord(overrides: Record<string, unknown> = {}): Promise<string> {
      const res = await (await admin()).post('/api/v1/records/lead', aLead(overrides));
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body.id as string;
    }
    async function update(id: string, data: Record<string, unknown>): Promise<void> {
      const current = await (await admin()).get(`/api/v1/records/lead/${id}`);
      const res = await (await admin()).patch(`/api/v1/records/lead/${id}`, { version: current.body.version, data });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
    async function inList(list: string, id: string): Promise<boolean> {
      const { rows } = await rt.ctx.db.query('SELECT 1 FROM list_members WHERE list_id = $1 AND record_id = $2', [
        list,
        id,
      ]);
      return rows.length === 1;
    }

    it('runs a record.created automation whose conditions hold, and not one whose conditions fail', async () => {
      const big = await aRecord({ employees: 5000 });
      const small = await aRecord({ employees: 10 });
      await aWorker(rt).drain();
      expect(await inList('enterprise', big)).to.equal(true);
      expect(await inList('enterprise', small)).to.equal(false);
    });

    it('creates a high-priority call task for the owner due in 2 hours when a lead clicks a quote link', async () => {
      const id = await aRecord();
      await appendEvent(rt, id, 'quote.clicked', { quote: 'Q-1' });
      await aWorker(rt).drain();
      const { rows } = await rt.ctx.db.query<{ kind: string; priority: string; due_at: Date; title: string }>(
        'SELECT kind, priority, due_at, title FROM tasks WHERE record_id = $1',
        [id],
      );
      expect(rows).to.have.length(1);
      expect(rows[0]!.kind).to.equal('call');
      expect(rows[0]!.priority).to.equal('high');
      expect(new Date(rows[0]!.due_at).getTime()).to.equal(clock.now().getTime() + 2 * HOUR);
      const runs = (await runsOf(rt, 'quote-click-call-task')).filter((r) => r.record_id === id);
      expect(runs.map((r) => r.status)).to.deep.equal(['done']);
    });

    it('stops an automation that retriggers itself at the depth limit and logs the stop', async () => {
      const id = await aRecord({ industry: 'logistics', employees: 100 });
      await update(id, { employees: 200 });
      await aWorker(rt).drain();
      const runs = (await runsOf(rt, 'loop')).filter((r) => r.record_id === id);
      expect(runs.filter((r) => r.status === 'done')).to.have.length(5);
      const stopped = runs.filter((r) => r.status === 'stopped');
      expect(stopped).to.have.length(1);
      expect(stopped[0]!.reason).to.match(/loop protection/);
      const record = await (await admin()).get(`/api/v1/records/lead/${id}`);
      expect(record.body.data.employees).to.equal(205);
    });

    it('waits a day between steps with the clock and resumes where it stopped', async () => {
      const id = await aRecord();
      await rt.ctx.db.query(`UPDATE records SET data = data || '{"stage":"new"}' WHERE id = $1`, [id]);
      await rt.ctx.db.query(
        `INSERT INTO record_history (tenant_id, record_id, object, version, actor_id, at, action, changes)
       VALUES ('default', $1, 'lead', 2, NULL, $2, 'update', '{"stage":{"from":"new","to":"proposal"}}')`,
        [id, clock.now()],
      );
      const worker = aWorker(rt);
      await worker.drain();
      let record = await (await admin()).get(`/api/v1/records/lead/${id}`);
      expect(record.body.data.notes).to.equal('proposal sent');
      expect(record.body.data.title).to.not.equal('follow up the proposal');
      clock.advance(24 * HOUR - MINUTE);
      await worker.drain();
      expect((await runsOf(rt, 'proposal-follow-up'))[0]!.status).to.equal('waiting');
      clock.advance(MINUTE);
      await worker.drain();
      record = await (await admin()).get(`/api/v1/records/lead/${id}`);
      expect(record.body.data.title).to.equal('follow up the proposal');
      const [run] = await runsOf(rt, 'proposal-follow-up');
      expect(run!.status).to.equal('done');
      expect(run!.steps.map((s) => `${s.type}:${s.status}`)).to.deep.equal([
        'set-field:done',
        'wait:done',
        'set-field:done',
      ]);
    });

    it('fires record.updated with from/to only for that change', async () => {
      const east = await aRecord({ region: 'east' });
      const north = await aRecord({ region: 'north' });
      await update(east, { region: 'west' });
      await update(north, { region: 'west' });
      await aWorker(rt).drain();
      expect(await inList('moved-west', east)).to.equal(true);
      expect(await inList('moved-west', north)).to.equal(false);
    });

    it('emits task.overdue when a task passes its due time open, and automations react to it', async () => {
      const id = await aRecord();
      await appendEvent(rt, id, 'quote.clicked');
      const worker = aWorker(rt);
      await worker.drain();
      expect(await inList('overdue', id)).to.equal(false);
      clock.advance(2 * HOUR);
      await worker.drain();
      expect(await inList('overdue', id)).to.equal(true);
    });

    it('runs an event.after trigger N hours after the event, with the event in its conditions', async () => {
      const onsite = await aRecord();
      const online = await aRecord();
      await appendEvent(rt, onsite, 'demo.booked', { kind: 'onsite' });
      await appendEvent(rt, online, 'demo.booked', { kind: 'online' });
      const worker = aWorker(rt);
      await worker.drain();
      expect(await inList('demo-reminded', onsite)).to.equal(false);
      clock.advance(3 * HOUR);
      await worker.drain();
      expect(await inList('demo-reminded', onsite)).to.equal(true);
      expect(await inList('demo-reminded', online)).to.equal(false);
    });

    it('shows runs through the API: what fired, why and each step', async () => {
      const list = await (await admin()).get('/api/v1/automations/runs?automation=quote-click-call-task');
      expect(list.status).to.equal(200);
      expect(list.body.runs.length).to.be.greaterThan(0);
      const run = await (await admin()).get(`/api/v1/automations/runs/${list.body.runs[0].id}`);
      expect(run.status).to.equal(200);
      expect(run.body.trigger.type).to.equal('event');
      expect(run.body.trigger.kind).to.equal('quote.clicked');
      expect(run.body.condition.passed).to.equal(true);
      expect(run.body.steps[0].type).to.equal('create-task');
      expect((await (await admin()).get('/api/v1/automations/runs?bogus=1')).status).to.equal(400);
    });
  });
