import { expect } from 'chai';
import { drainPendingScoring } from '../../runtime/src/scoring/pendingScoring.js';
import { rescoreRecord } from '../../runtime/src/scoring/rescoreRecords.js';
import { call, type Reply } from '../support/http.js';
import { type ManualClock, manualClock } from '../support/manualClock.js';
import { type DriverName, startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

let seq = 0;

/** A unique address at a company domain (no freemail points). */
function anEmail(label: string): string {
  seq += 1;
  return `${label}.${seq}.${process.pid}@acme-corp.com`;
}

async function submitForm(rt: TestRuntime, clock: ManualClock, form: string, answers: object, hidden: object = {}) {
  const opened = await call(rt.url, 'GET', `/api/v1/public/forms/${form}?tenant=default`);
  if (opened.status !== 200) throw new Error(`opening ${form}: ${opened.status} ${opened.text}`);
  clock.advance(10_000);
  const consent = opened.body.consent ? { consent: { accepted: true, version: opened.body.consent.version } } : {};
  return call(rt.url, 'POST', `/api/v1/public/forms/${form}/submissions?tenant=default`, {
    body: { answers, hidden, renderToken: opened.body.renderToken, ...consent },
  });
}

async function leadIdByEmail(rt: TestRuntime, email: string): Promise<string> {
  const { rows } = await rt.ctx.db.query<{ id: string }>(
    `SELECT id FROM records WHERE object = 'lead' AND data->>'email' = $1 AND deleted_at IS NULL`,
    [email],
  );
  if (!rows[0]) throw new Error(`no lead with ${email}`);
  return rows[0].id;
}

async function fitOf(rt: TestRuntime, id: string): Promise<any> {
  const r = await rt.admin.get(`/api/v1/records/lead/${id}/scores`);
  expect(r.status, r.text).to.equal(200);
  return r.body.models.find((m: any) => m.model === 'fit');
}

function track(rt: TestRuntime, body: Record<string, unknown>): Promise<Reply> {
  seq += 1;
  return call(rt.url, 'POST', '/api/v1/public/track?tenant=default', {
    body: { eventId: `ev-${process.pid}-${seq}`, ...body },
  });
}

const CTO = {
  name: 'Wang Wu',
  company_name: 'Big SaaS',
  role: 'cto',
  budget: 500000,
  employees: 600,
  industry: 'saas',
};

for (const driver of ['postgres', 'pglite'] as DriverName[]) {
  describe(`scoring at capture [${driver}]`, function () {
    this.timeout(60_000);
    let rt: TestRuntime;
    let clock: ManualClock;
    before(async () => {
      clock = manualClock(new Date('2026-03-02T09:00:30Z'));
      rt = await startTestRuntime({ driver, clock });
    });
    after(async () => rt?.close());

    it("gives a form submission from a CTO at a 600-employee SaaS company the fit model's points, visible in its explanation", async () => {
      const email = anEmail('cto');
      const r = await submitForm(rt, clock, 'contact-us', { ...CTO, email });
      expect(r.status, r.text).to.equal(201);
      const id = await leadIdByEmail(rt, email);
      const fit = await fitOf(rt, id);
      expect(fit).to.include({ score: 23, grade: 'cold', mql: false });
      expect(fit.fired.map((f: any) => [f.ruleId, f.points])).to.deep.equal([
        ['target-industry', 5],
        ['decision-maker', 10],
        ['large-company', 8],
      ]);
      expect(fit.history[0].cause).to.deep.equal({ eventId: r.body.submissionId });
      const lead = await rt.admin.get(`/api/v1/records/lead/${id}`);
      expect(lead.body.data).to.include({ score: 23, grade: 'cold' });
    });

    it('scores a new lead exactly as a full rescoring would (nothing left to change)', async () => {
      const email = anEmail('same');
      expect((await submitForm(rt, clock, 'contact-us', { ...CTO, email })).status).to.equal(201);
      const id = await leadIdByEmail(rt, email);
      const published = (await rt.ctx.apps.current('default'))!;
      const outcome = await rt.ctx.db.transaction((tx) =>
        rescoreRecord(tx, published, 'default', id, rt.ctx.clock.now()),
      );
      expect(outcome).to.include({ scored: 1, changed: 0 });
    });

    it("counts a visitor's anonymous page views once a form submission carries the visitor id", async () => {
      const visitorId = `visitor${process.pid}x${seq}`;
      expect(
        (await track(rt, { type: 'pricing.viewed', visitorId, url: 'https://www.example.com/pricing' })).status,
      ).to.equal(202);
      expect(
        (await track(rt, { type: 'page.viewed', visitorId, url: 'https://www.example.com/blog' })).status,
      ).to.equal(202);
      const email = anEmail('visitor');
      const r = await submitForm(rt, clock, 'contact-us', { ...CTO, email }, { visitorId });
      expect(r.status, r.text).to.equal(201);
      const id = await leadIdByEmail(rt, email);
      const fit = await fitOf(rt, id);
      expect(fit.score).to.equal(33);
      expect(fit.fired.map((f: any) => f.ruleId)).to.include('pricing');
      const scores = await rt.admin.get(`/api/v1/records/lead/${id}/scores`);
      const engagement = scores.body.models.find((m: any) => m.model === 'engagement');
      // pricing 10 + one page view 1 + the form submission 5
      expect(engagement.score).to.equal(16);
    });

    it('refuses a visitor id that is not one the snippet makes, naming the field', async () => {
      const r = await submitForm(
        rt,
        clock,
        'contact-us',
        { ...CTO, email: anEmail('badvisitor') },
        { visitorId: 'a b' },
      );
      expect(r.status).to.equal(400);
      expect(r.body.error.details).to.deep.include({
        path: '/hidden/visitorId',
        message: 'must be 8 to 64 letters, digits, "-" or "_"',
      });
    });

    it('rescores on a field update through the records API and announces crossing the MQL threshold once', async () => {
      const made = await rt.admin.post('/api/v1/records/lead', {
        data: { name: 'Almost There', email: anEmail('mql'), role: 'engineer', industry: 'saas', employees: 600 },
      });
      expect(made.status, made.text).to.equal(201);
      const id = made.body.id;
      for (let i = 0; i < 3; i += 1)
        expect((await track(rt, { type: 'pricing.viewed', recordId: id })).status).to.equal(202);
      expect((await track(rt, { type: 'webinar.attended', recordId: id })).status).to.equal(202);
      expect((await fitOf(rt, id)).score).to.equal(58);
      const updated = await rt.admin.patch(`/api/v1/records/lead/${id}`, {
        version: made.body.version,
        data: { role: 'cto' },
      });
      expect(updated.status, updated.text).to.equal(200);
      expect(updated.body.data).to.include({ score: 68, grade: 'hot' });
      const again = await rt.admin.patch(`/api/v1/records/lead/${id}`, {
        version: updated.body.version,
        data: { name: 'Now An MQL' },
      });
      expect(again.status, again.text).to.equal(200);
      const fit = await fitOf(rt, id);
      expect(fit).to.include({ score: 68, mql: true });
      expect(fit.mqlAt).to.be.a('string');
      const { rows } = await rt.ctx.db.query<any>(
        `SELECT data FROM events WHERE record_id = $1 AND type = 'score.crossed' AND data->>'model' = 'fit'`,
        [id],
      );
      expect(rows.filter((r: any) => r.data.becameMql)).to.have.length(1);
      expect(rows.at(-1).data).to.include({ toGrade: 'hot', becameMql: true, toMql: true });
      expect(rows.at(-1).data.cause).to.deep.equal({ reason: 'record.changed' });
    });

    it('scores every record of an inbound batch', async () => {
      const token = (await rt.admin.post('/api/v1/tokens', { name: `sync ${seq}` })).body.token;
      const emails = [anEmail('batch'), anEmail('batch'), anEmail('batch')];
      const r = await call(rt.url, 'POST', '/api/v1/capture/lead/batch', {
        token,
        body: {
          items: [
            { data: { name: 'B One', email: emails[0], role: 'ceo', industry: 'finance' } },
            { data: { name: 'B Two', email: emails[1], employees: 900 } },
            { data: { name: 'B Three', email: emails[2] } },
            { data: { name: 'B One Again', email: emails[0], employees: 1000 } },
          ],
        },
      });
      expect(r.status, r.text).to.equal(200);
      const scores = [];
      for (const email of emails) scores.push((await fitOf(rt, await leadIdByEmail(rt, email))).score);
      expect(scores).to.deep.equal([23, 8, 0]);
    });

    it('never fails a capture when scoring fails: the lead is stored, marked, and scored by the worker later', async () => {
      await rt.ctx.db.query(`CREATE FUNCTION refuse_scores() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'scores are refused for this test'; END $$`);
      await rt.ctx.db.query(
        'CREATE TRIGGER refuse_scores BEFORE INSERT OR UPDATE ON record_scores FOR EACH ROW EXECUTE FUNCTION refuse_scores()',
      );
      const logged: string[] = [];
      const original = console.error;
      console.error = (m: string) => logged.push(String(m));
      const emails = [anEmail('failing'), anEmail('failing')];
      let form: Reply;
      let made: Reply;
      try {
        form = await submitForm(rt, clock, 'contact-us', { ...CTO, email: emails[0] });
        made = await rt.admin.post('/api/v1/records/lead', { data: { name: 'Manual', email: emails[1], role: 'cto' } });
      } finally {
        console.error = original;
        await rt.ctx.db.query('DROP TRIGGER refuse_scores ON record_scores');
        await rt.ctx.db.query('DROP FUNCTION refuse_scores()');
      }
      expect(form.status, form.text).to.equal(201);
      expect(made.status, made.text).to.equal(201);
      expect(logged.some((m) => m.includes('scores are refused for this test'))).to.equal(true);
      const ids = [await leadIdByEmail(rt, emails[0]!), made.body.id];
      const { rows } = await rt.ctx.db.query<{ record_id: string }>(
        'SELECT record_id FROM scoring_pending WHERE tenant_id = $1 AND record_id = ANY($2::uuid[])',
        ['default', ids],
      );
      expect(rows.map((r) => r.record_id).sort()).to.deep.equal([...ids].sort());
      expect(await drainPendingScoring(rt.ctx, 'default')).to.be.at.least(2);
      expect((await fitOf(rt, ids[0]!)).score).to.equal(23);
      expect((await fitOf(rt, ids[1]!)).score).to.equal(10);
      const left = await rt.ctx.db.query('SELECT 1 FROM scoring_pending WHERE tenant_id = $1', ['default']);
      expect(left.rows).to.have.length(0);
    });
  });
}
