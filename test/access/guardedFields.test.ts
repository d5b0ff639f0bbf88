import { expect } from 'chai';
import { aLead, type Personas, setUpPersonas } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

/** Each way a caller might try to set something only the system or a manager may set. */
const ATTEMPTS: readonly { name: string; body: (ctx: { otherUser: string }) => Record<string, unknown> }[] = [
  { name: 'owner (top level)', body: ({ otherUser }) => ({ owner: otherUser }) },
  { name: 'tenant (top level)', body: () => ({ tenant: 'acme' }) },
  { name: 'tenant_id (top level)', body: () => ({ tenant_id: 'acme' }) },
  { name: 'createdBy (top level)', body: ({ otherUser }) => ({ createdBy: otherUser }) },
  { name: 'created_by (top level)', body: ({ otherUser }) => ({ created_by: otherUser }) },
  { name: 'id (top level)', body: () => ({ id: '00000000-0000-4000-8000-000000000001' }) },
  { name: 'score (field)', body: () => ({ data: { score: 99 } }) },
  { name: 'grade (field)', body: () => ({ data: { grade: 'hot' } }) },
  { name: 'stage (guarded field)', body: () => ({ data: { stage: 'won' } }) },
  { name: 'owner (as a field)', body: ({ otherUser }) => ({ data: { owner: otherUser } }) },
  { name: 'tenant_id (as a field)', body: () => ({ data: { tenant_id: 'acme' } }) },
  { name: 'budget (read-only for reps)', body: () => ({ data: { budget: 1_000_000 } }) },
];

describe('access: fields a caller may not set', function () {
  this.timeout(60_000);
  let rt: TestRuntime;
  let p: Personas;
  let leadId: string;

  before(async () => {
    rt = await startTestRuntime();
    p = await setUpPersonas(rt);
    const made = await p.repA.post('/api/v1/records/lead', aLead());
    leadId = made.body.id;
  });
  after(async () => rt?.close());

  async function snapshot() {
    const { rows } = await rt.ctx.db.query<{ n: number; h: number }>(
      'SELECT (SELECT count(*)::int FROM records) AS n, (SELECT count(*)::int FROM record_history) AS h',
    );
    const lead = await p.managerNorth.get(`/api/v1/records/lead/${leadId}`);
    return { counts: rows[0], lead: lead.body };
  }

  for (const attempt of ATTEMPTS) {
    it(`refuses ${attempt.name} on create and on update, and changes nothing`, async () => {
      const before = await snapshot();
      const extra = attempt.body({ otherUser: p.ids.repB });
      const base = aLead();
      const createBody = { ...base, ...extra, data: { ...base.data, ...((extra['data'] as object) ?? {}) } };
      const created = await p.repA.post('/api/v1/records/lead', createBody);
      expect(created.status, JSON.stringify(created.body)).to.be.within(400, 499);
      const updated = await p.repA.patch(`/api/v1/records/lead/${leadId}`, {
        version: before.lead.version,
        data: {},
        ...extra,
      });
      expect(updated.status, JSON.stringify(updated.body)).to.be.within(400, 499);
      expect(updated.body.error.details.length).to.be.greaterThan(0);
      const after = await snapshot();
      expect(after).to.deep.equal(before);
    });
  }

  it("lets A's manager give the lead to another rep of the team, which moves it out of A's sight", async () => {
    const lead = await p.managerNorth.get(`/api/v1/records/lead/${leadId}`);
    const r = await p.managerNorth.patch(`/api/v1/records/lead/${leadId}`, {
      version: lead.body.version,
      owner: p.ids.repB,
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body.owner).to.equal(p.ids.repB);
    expect((await p.repA.get(`/api/v1/records/lead/${leadId}`)).status).to.equal(404);
    expect((await p.repB.get(`/api/v1/records/lead/${leadId}`)).status).to.equal(200);
  });
});
