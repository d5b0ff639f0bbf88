// SLA timers with the manual clock and the job worker drained in-process: no sleeps, milliseconds per day.
import { expect } from 'chai';
import { createJobWorker, type JobWorker } from '../../runtime/src/jobs/index.js';
import { slaJobHandlers } from '../../runtime/src/sla/slaTimers.js';
import { type Client, client } from '../support/http.js';
import { HOUR, type ManualClock, MINUTE, manualClock } from '../support/manualClock.js';
import { aLead } from '../support/personas.js';
import { type DriverName, startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

const PASSWORD = 'a long enough password';

/** The sample package with two SLAs: wall-clock 24h for leads in the east, 2 office hours for leads in the south. */
async function publishSlas(rt: TestRuntime): Promise<void> {
  const draft = await rt.admin.get('/api/v1/app/draft');
  const files = { ...draft.body.package.files } as Record<string, Record<string, unknown>>;
  files['app.json'] = {
    ...files['app.json'],
    calendars: {
      office: {
        timeZone: 'Asia/Shanghai',
        workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
        hours: [
          { from: '09:00', to: '12:00' },
          { from: '13:30', to: '18:00' },
        ],
      },
    },
    slas: [
      {
        id: 'east-follow-up',
        object: 'lead',
        when: { '==': [{ var: 'region' }, 'east'] },
        within: 'PT24H',
        escalate: [{ after: 'PT4H', notify: 'ownerManager' }],
      },
      {
        id: 'south-office-hours',
        object: 'lead',
        when: { '==': [{ var: 'region' }, 'south'] },
        within: 'PT2H',
        calendar: 'office',
      },
    ],
  };
  expect((await rt.admin.put('/api/v1/app/draft', { files })).status).to.equal(200);
  const published = await rt.admin.post('/api/v1/app/publish', {});
  expect(published.status, JSON.stringify(published.body)).to.equal(201);
}

for (const driver of ['postgres', 'pglite'] as const satisfies readonly DriverName[]) {
  describe(`SLA timers [${driver}]`, function () {
    this.timeout(120_000);
    let rt: TestRuntime;
    let clock: ManualClock;
    let worker: JobWorker;
    let rep: Client;
    let manager: Client;
    let admin: Client;
    let repId: string;
    let managerId: string;

    before(async () => {
      // Monday 2026-11-23 09:00 in Shanghai
      clock = manualClock(new Date('2026-11-23T01:00:00Z'));
      rt = await startTestRuntime({ clock, driver });
      await publishSlas(rt);
      const team = await rt.admin.post('/api/v1/teams', { name: 'East' });
      const user = async (email: string, role: string, extra: Record<string, unknown> = {}) => {
        const r = await rt.admin.post('/api/v1/users', {
          email,
          name: email.split('@')[0],
          password: PASSWORD,
          role,
          teamId: team.body.id,
          ...extra,
        });
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        return r.body.id as string;
      };
      managerId = await user('sla.manager@example.com', 'manager');
      repId = await user('sla.rep@example.com', 'rep', { managerId });
      // API tokens: sessions would time out as the clock runs days ahead
      rep = await tokenClient(await rt.signIn('sla.rep@example.com', PASSWORD));
      manager = await tokenClient(await rt.signIn('sla.manager@example.com', PASSWORD));
      admin = await tokenClient(rt.admin);
      worker = createJobWorker({ db: rt.ctx.db, clock, handlers: slaJobHandlers(rt.ctx) });
    });
    after(async () => rt?.close());

    async function tokenClient(session: Client): Promise<Client> {
      const made = await session.post('/api/v1/tokens', { name: 'sla test' });
      expect(made.status).to.equal(201);
      return client(rt.url, made.body.token as string);
    }

    /** A lead assigned to the rep now (the assignment starts the clock). */
    async function assignedLead(region: string): Promise<string> {
      const r = await admin.post('/api/v1/records/lead', { ...aLead({ region }), owner: repId });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      await worker.drain();
      return r.body.id as string;
    }

    async function notificationsOf(who: Client, recordId: string): Promise<string[]> {
      const r = await who.get('/api/v1/notifications');
      expect(r.status).to.equal(200);
      return (r.body.notifications as { kind: string; recordId: string }[])
        .filter((n) => n.recordId === recordId)
        .map((n) => n.kind);
    }

    async function eventsOf(recordId: string): Promise<string[]> {
      const { rows } = await rt.ctx.db.query<{ type: string }>(
        `SELECT type FROM events WHERE record_id = $1 AND type LIKE 'sla.%' ORDER BY at, seq`,
        [recordId],
      );
      return rows.map((r) => r.type);
    }

    async function slaOf(recordId: string) {
      const r = await admin.get(`/api/v1/records/lead/${recordId}/sla`);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      return r.body.timers as {
        sla: string;
        status: string;
        dueAt: string | null;
        step: number;
        metAt: string | null;
      }[];
    }

    it('reminds the owner at 24h without a follow-up, then escalates to the manager 4h later', async () => {
      const start = clock.now();
      const id = await assignedLead('east');
      const [timer] = await slaOf(id);
      expect(timer).to.include({ sla: 'east-follow-up', status: 'running', step: 0 });
      expect(timer?.dueAt).to.equal(new Date(start.getTime() + 24 * HOUR).toISOString());

      clock.advance(24 * HOUR - MINUTE);
      await worker.drain();
      expect(await notificationsOf(rep, id)).to.deep.equal([]);

      clock.advance(MINUTE);
      await worker.drain();
      expect(await notificationsOf(rep, id)).to.deep.equal(['sla.breached']);
      expect(await notificationsOf(manager, id)).to.deep.equal([]);
      expect(await eventsOf(id)).to.deep.equal(['sla.breached']);
      expect((await slaOf(id))[0]).to.include({ status: 'breached', step: 1 });

      clock.advance(4 * HOUR);
      await worker.drain();
      expect(await notificationsOf(manager, id)).to.deep.equal(['sla.escalated']);
      expect(await notificationsOf(rep, id)).to.deep.equal(['sla.breached']);
      expect(await eventsOf(id)).to.deep.equal(['sla.breached', 'sla.escalated']);
      expect((await slaOf(id))[0]).to.include({ status: 'done', step: 2, dueAt: null });

      clock.advance(48 * HOUR);
      await worker.drain();
      expect(await eventsOf(id)).to.deep.equal(['sla.breached', 'sla.escalated']);
    });

    it('stops the timer when the owner logs a call at 23h', async () => {
      const id = await assignedLead('east');
      clock.advance(23 * HOUR);
      const call = await rep.post(`/api/v1/records/lead/${id}/activities`, { kind: 'call', outcome: 'connected' });
      expect(call.status, JSON.stringify(call.body)).to.equal(201);
      expect((await slaOf(id))[0]).to.include({ status: 'met' });

      clock.advance(2 * HOUR);
      await worker.drain();
      clock.advance(10 * HOUR);
      await worker.drain();
      expect(await notificationsOf(rep, id)).to.deep.equal([]);
      expect(await notificationsOf(manager, id)).to.deep.equal([]);
      expect(await eventsOf(id)).to.deep.equal([]);
      expect((await slaOf(id))[0]).to.include({ status: 'met', dueAt: null });
    });

    it('starts no clock for a lead the SLA does not cover', async () => {
      const id = await assignedLead('north');
      expect(await slaOf(id)).to.deep.equal([]);
    });

    it('counts office hours across a weekend: assigned Friday 17:00, due Monday 10:00 in Shanghai', async () => {
      clock.set(new Date('2026-11-27T17:00:00+08:00'));
      const id = await assignedLead('south');
      expect((await slaOf(id))[0]).to.include({
        sla: 'south-office-hours',
        dueAt: new Date('2026-11-30T10:00:00+08:00').toISOString(),
      });
      clock.set(new Date('2026-11-29T17:00:00+08:00'));
      await worker.drain();
      clock.set(new Date('2026-11-30T09:59:00+08:00'));
      await worker.drain();
      expect(await notificationsOf(rep, id)).to.deep.equal([]);
      clock.set(new Date('2026-11-30T10:00:00+08:00'));
      await worker.drain();
      expect(await notificationsOf(rep, id)).to.deep.equal(['sla.breached']);
      expect((await slaOf(id))[0]).to.include({ status: 'done' });
    });

    it("gives a new owner the full time and ends the old owner's clock", async () => {
      const id = await assignedLead('east');
      clock.advance(20 * HOUR);
      const record = await admin.get(`/api/v1/records/lead/${id}`);
      const moved = await admin.patch(`/api/v1/records/lead/${id}`, {
        version: record.body.version,
        owner: managerId,
      });
      expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
      await worker.drain();
      const timers = await slaOf(id);
      expect(timers.map((t) => t.status)).to.deep.equal(['running', 'cancelled']);
      clock.advance(5 * HOUR);
      await worker.drain();
      expect(await notificationsOf(rep, id)).to.deep.equal([]);
      clock.advance(19 * HOUR);
      await worker.drain();
      expect(await notificationsOf(manager, id)).to.deep.equal(['sla.breached']);
    });
  });
}
