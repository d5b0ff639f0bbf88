import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { type Personas, setUpPersonas } from '../support/personas.js';
import { type DriverName, startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

const count = (filter: unknown) =>
  `/api/v1/records/opportunity/count?filter=${encodeURIComponent(JSON.stringify(filter))}`;

for (const driver of ['pglite', 'postgres'] as DriverName[]) {
  describe(`reports: drill-down filters through the records API (${driver})`, function () {
    this.timeout(120_000);
    let rt: TestRuntime;
    let p: Personas;
    const lead = randomUUID();
    const deal = randomUUID();

    before(async () => {
      rt = await startTestRuntime({ driver });
      p = await setUpPersonas(rt);
      // rep A's ads lead, won by a deal rep B owns
      await rt.ctx.db.query(
        `INSERT INTO records (tenant_id, object, id, data, owner_id, team_id, created_at, updated_at)
         VALUES ('default', 'lead', $1, $2, $3, $4, now(), now()), ('default', 'opportunity', $5, $6, $7, $4, now(), now())`,
        [
          lead,
          JSON.stringify({ name: 'Secret lead', source_channel: 'ads', budget: 90000 }),
          p.ids.repA,
          p.ids.north,
          deal,
          JSON.stringify({ name: 'Deal', lead, stage: 'won', amount: 50000 }),
          p.ids.repB,
        ],
      );
    });
    after(async () => rt?.close());

    it("counts deals by their lead's fields with $related, for whoever may see the lead", async () => {
      const filter = { stage: 'won', $related: { field: 'lead', filter: { source_channel: 'ads' } } };
      expect((await rt.admin.get(count(filter))).body.count).to.equal(1);
      expect((await p.managerNorth.get(count(filter))).body.count).to.equal(1);
    });

    it("never lets a rep probe another rep's lead through their own deal", async () => {
      const filter = { $related: { field: 'lead', filter: { name: 'Secret lead' } } };
      const repB = await p.repB.get(count(filter));
      expect(repB.status).to.equal(200);
      expect(repB.body.count).to.equal(0);
      expect((await p.repB.get(count({ stage: 'won' }))).body.count).to.equal(1);
    });

    it('refuses $related on a field that is not a reference, and hostile nested filters, with pointers', async () => {
      const cases: [unknown, string][] = [
        [{ $related: { field: 'name', filter: {} } }, '/filter/$related/field'],
        [
          { $related: { field: 'lead', filter: { "name' OR 1=1 --": 'x' } } },
          "/filter/$related/filter/name' OR 1=1 --",
        ],
        [
          {
            $related: {
              field: 'lead',
              filter: { $stage: { pipeline: 'lead', stage: ["x'); DROP TABLE records; --"] } },
            },
          },
          '/filter/$related/filter/$stage/stage/0',
        ],
        [{ $related: 'lead' }, '/filter/$related'],
        [{ $mql: { model: 1 } }, '/filter/$mql/model'],
      ];
      for (const [filter, path] of cases) {
        const r = await rt.admin.get(count(filter));
        expect(r.status, JSON.stringify(filter)).to.equal(400);
        expect(r.body.error.details.map((d: { path: string }) => d.path)).to.include(path);
      }
    });

    it("drills from the sample's channel ROI into the won deal, within each viewer's scope", async () => {
      const drill = (who: typeof rt.admin) =>
        who.post('/api/v1/reports/channel-roi/drill', { keys: ['ads'], measure: 'won_amount' });
      const admin = await drill(rt.admin);
      expect(admin.status, JSON.stringify(admin.body)).to.equal(200);
      expect(admin.body.count).to.equal(1);
      expect((await drill(p.managerNorth)).body.count).to.equal(1);
      const south = await drill(p.managerSouth);
      expect(south.status, JSON.stringify(south.body)).to.equal(200);
      expect(south.body.count).to.equal(0);
    });

    it('refuses channel ROI to a rep, who may not read channel costs, naming the hidden fields', async () => {
      const r = await p.repB.post('/api/v1/reports/channel-roi/drill', { keys: ['ads'] });
      expect(r.status).to.equal(422);
      expect(r.body.error.details.map((d: { message: string }) => d.message).join()).to.contain('channel_cost');
    });

    it('gives a rep the leads per channel, a report with no cost measure, and drills into their own leads', async () => {
      const run = await p.repA.get('/api/v1/reports/channel-volume');
      expect(run.status, JSON.stringify(run.body)).to.equal(200);
      const r = await p.repA.post('/api/v1/reports/channel-volume/drill', { keys: ['ads'], measure: 'leads' });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body.count).to.equal(1);
      expect((await p.repB.post('/api/v1/reports/channel-volume/drill', { keys: ['ads'] })).body.count).to.equal(0);
    });
  });
}
