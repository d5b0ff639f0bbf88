// Nurture runs with the manual clock and the job worker drained in-process (no sleeps): the sample's
// "warm-up" sequence (welcome, 3 days, case study, 4 days, branch, ROI for software/finance, 5 days, check-in).
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createJobWorker, type JobWorker } from '../../runtime/src/jobs/index.js';
import { nurtureJobHandlers } from '../../runtime/src/nurture/nurtureJobs.js';
import { type Client, client } from '../support/http.js';
import { HOUR, type ManualClock, manualClock } from '../support/manualClock.js';
import { aLead } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

const DAY = 24 * HOUR;

interface SentEmail {
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly data: { step: string; html: string };
}

describe('nurture runs', function () {
  this.timeout(120_000);
  let rt: TestRuntime;
  let clock: ManualClock;
  let worker: JobWorker;
  let admin: Client;

  before(async () => {
    clock = manualClock(new Date('2026-11-23T01:00:00Z'));
    rt = await startTestRuntime({ clock });
    const made = await rt.admin.post('/api/v1/tokens', { name: 'nurture test' });
    admin = client(rt.url, made.body.token as string);
    worker = createJobWorker({ db: rt.ctx.db, clock, handlers: nurtureJobHandlers(rt.ctx) });
  });
  after(async () => rt?.close());

  async function newLead(overrides: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
    const r = await admin.post('/api/v1/records/lead', aLead(overrides));
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return { id: r.body.id as string, email: r.body.data.email as string };
  }

  /** The emails the outbox holds for a record, oldest first (no delivery worker runs here). */
  async function emailsTo(address: string): Promise<SentEmail[]> {
    const { rows } = await rt.ctx.db.query<{ payload: { message: SentEmail } }>(
      `SELECT payload FROM jobs WHERE kind = 'delivery' AND payload->'message'->'to'->>0 = $1 ORDER BY id`,
      [address],
    );
    return rows.map((r) => r.payload.message);
  }

  async function runOf(recordId: string) {
    const r = await admin.get('/api/v1/nurture/warm-up/enrollments');
    expect(r.status).to.equal(200);
    return (
      r.body.enrollments as { recordId: string; status: string; currentStep: string | null; endReason: string }[]
    ).find((e) => e.recordId === recordId);
  }

  it('sends each email of the sequence in turn, takes the software branch, and completes', async () => {
    const lead = await newLead({ name: 'Li <b>& Co</b>', industry: 'saas', company_name: 'Acme' });
    const enrolled = await admin.post('/api/v1/nurture/warm-up/enrollments', { recordId: lead.id });
    expect(enrolled.status).to.equal(201);
    await worker.drain();
    let emails = await emailsTo(lead.email);
    expect(emails.map((e) => e.data.step)).to.deep.equal(['welcome']);
    const welcome = emails[0]!;
    expect(welcome.to).to.deep.equal([lead.email]);
    expect(welcome.subject).to.equal('Li <b>& Co</b>，感谢关注');
    expect(welcome.data.html).to.include('<p>Li &lt;b&gt;&amp; Co&lt;/b&gt; 您好：</p>');
    expect(welcome.data.html).to.include('这是为 Acme 准备的入门指南');
    // the wait has begun: the run is at the case study, due in three days
    expect(await runOf(lead.id)).to.include({
      status: 'active',
      currentStep: 'case-study',
      nextAt: new Date(clock.now().getTime() + 3 * DAY).toISOString(),
    });

    clock.advance(3 * DAY - HOUR);
    await worker.drain();
    expect((await emailsTo(lead.email)).length).to.equal(1);
    clock.advance(HOUR);
    await worker.drain();
    clock.advance(4 * DAY);
    await worker.drain();
    emails = await emailsTo(lead.email);
    expect(emails.map((e) => e.data.step)).to.deep.equal(['welcome', 'case-study', 'roi-calculator']);
    clock.advance(5 * DAY);
    await worker.drain();
    emails = await emailsTo(lead.email);
    expect(emails.map((e) => e.data.step)).to.deep.equal(['welcome', 'case-study', 'roi-calculator', 'check-in']);
    expect(await runOf(lead.id)).to.include({ status: 'completed', currentStep: null });
  });

  it('skips the ROI email for other industries', async () => {
    const lead = await newLead({ industry: 'retail' });
    await admin.post('/api/v1/nurture/warm-up/enrollments', { recordId: lead.id });
    for (const days of [0, 3, 4]) {
      clock.advance(days * DAY);
      await worker.drain();
    }
    expect((await emailsTo(lead.email)).map((e) => e.data.step)).to.deep.equal(['welcome', 'case-study', 'check-in']);
  });

  it('ignores a second enrolment of a record already in the sequence', async () => {
    const lead = await newLead();
    expect((await admin.post('/api/v1/nurture/warm-up/enrollments', { recordId: lead.id })).status).to.equal(201);
    const again = await admin.post('/api/v1/nurture/warm-up/enrollments', { recordId: lead.id });
    expect(again.status).to.equal(200);
    expect(again.body.enrolled).to.equal(false);
    await worker.drain();
    expect((await emailsTo(lead.email)).length).to.equal(1);
  });

  it('exits when the lead replies, before the next email', async () => {
    const lead = await newLead();
    await admin.post('/api/v1/nurture/warm-up/enrollments', { recordId: lead.id });
    await worker.drain();
    clock.advance(DAY);
    // what an inbound-mail integration records when the lead answers
    await rt.ctx.db.query(
      `INSERT INTO events (tenant_id, id, record_id, object, type, at, data) VALUES ('default', $1, $2, 'lead', 'email.replied', $3, '{}')`,
      [randomUUID(), lead.id, clock.now()],
    );
    clock.advance(2 * DAY);
    await worker.drain();
    expect((await emailsTo(lead.email)).length).to.equal(1);
    expect(await runOf(lead.id)).to.include({ status: 'exited', endReason: 'reply' });
  });

  it('stops after unenrolment, and a restarted worker carries on the runs still active', async () => {
    const stopped = await newLead();
    const carried = await newLead({ industry: 'retail' });
    await admin.post('/api/v1/nurture/warm-up/enrollments', { recordId: stopped.id });
    await admin.post('/api/v1/nurture/warm-up/enrollments', { recordId: carried.id });
    await worker.drain();
    const r = await admin.delete(`/api/v1/nurture/warm-up/enrollments/${stopped.id}`);
    expect(r.status).to.equal(200);
    expect((await admin.delete(`/api/v1/nurture/warm-up/enrollments/${stopped.id}`)).status).to.equal(404);
    await worker.stop();
    worker = createJobWorker({ db: rt.ctx.db, clock, handlers: nurtureJobHandlers(rt.ctx) });
    clock.advance(3 * DAY);
    await worker.drain();
    expect((await emailsTo(stopped.email)).length).to.equal(1);
    expect((await emailsTo(carried.email)).map((e) => e.data.step)).to.deep.equal(['welcome', 'case-study']);
    expect(await runOf(stopped.id)).to.include({ status: 'unenrolled' });
  });

  it('recycles a lead silent for 90 days into the sequence, daily', async () => {
    const silent = await newLead();
    const won = await newLead();
    await rt.ctx.db.query(`UPDATE records SET data = data || '{"status": "disqualified"}' WHERE id = $1`, [won.id]);
    clock.advance(91 * DAY);
    const lively = await newLead();
    // publishing starts the sweep (and the sweep schedules the next day's)
    const draft = await admin.get('/api/v1/app/draft');
    expect((await admin.put('/api/v1/app/draft', { files: draft.body.package.files })).status).to.equal(200);
    expect((await admin.post('/api/v1/app/publish', {})).status).to.equal(201);
    await worker.drain();
    expect(await runOf(silent.id)).to.deep.include({ status: 'active' });
    expect(await runOf(won.id)).to.equal(undefined);
    expect(await runOf(lively.id)).to.equal(undefined);
    expect((await emailsTo(silent.email)).map((e) => e.data.step)).to.deep.equal(['welcome']);
    const next = await rt.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE kind = 'nurture.recycle' AND run_at = $1`,
      [new Date(clock.now().getTime() + DAY)],
    );
    expect(next.rows[0]?.n).to.equal(1);
  });
});
