import { expect } from 'chai';
import { rescoreRecord } from '../../runtime/src/scoring/rescoreRecords.js';
import { aLead, type Personas, setUpPersonas } from '../support/personas.js';
import { type ScoringRuntime, startScoringRuntime } from './support.js';

describe('scoring runtime: explanation API', function () {
  this.timeout(60_000);
  let s: ScoringRuntime;
  let p: Personas;
  let leadId: string;
  let pricingEvent: string;
  before(async () => {
    s = await startScoringRuntime();
    p = await setUpPersonas(s.rt);
    const made = await p.repA.post('/api/v1/records/lead', aLead({ industry: 'saas', role: 'cto' }));
    leadId = made.body.id;
    const published = await s.published();
    await s.rt.ctx.db.transaction((tx) => rescoreRecord(tx, published, 'default', leadId, s.clock.now()));
    pricingEvent = await s.anEvent(leadId, 'pricing.viewed');
    await s.rt.ctx.db.transaction((tx) =>
      rescoreRecord(tx, published, 'default', leadId, s.clock.now(), { eventId: pricingEvent }),
    );
  });
  after(async () => s?.close());

  it('answers per model (in file order) the score, grade, MQL status and the app version it was computed with', async () => {
    const r = await p.repA.get(`/api/v1/records/lead/${leadId}/scores`);
    expect(r.status).to.equal(200);
    expect(r.body.models.map((m: any) => m.model)).to.deep.equal(['engagement', 'fit']);
    const fit = r.body.models.find((m: any) => m.model === 'fit');
    expect(fit).to.include({ score: 25, grade: 'cold', mql: false, mqlAt: null, appVersion: 1 });
  });

  it('lists the rules that fired with their points and labels, adding up to the score', async () => {
    const r = await p.repA.get(`/api/v1/records/lead/${leadId}/scores`);
    const fit = r.body.models.find((m: any) => m.model === 'fit');
    expect(fit.fired.map((f: any) => [f.ruleId, f.points])).to.deep.equal([
      ['target-industry', 5],
      ['decision-maker', 10],
      ['pricing', 10],
    ]);
    expect(fit.fired[2]).to.include({ kind: 'behaviour', eventId: pricingEvent });
    expect(fit.fired[1].label.en).to.equal('Decision maker');
    expect(fit.fired.reduce((sum: number, f: any) => sum + f.points, 0)).to.equal(fit.score);
  });

  it('gives the score history newest first, each change with its cause', async () => {
    const r = await p.repA.get(`/api/v1/records/lead/${leadId}/scores`);
    const fit = r.body.models.find((m: any) => m.model === 'fit');
    expect(fit.history.map((h: any) => [h.previousScore, h.score])).to.deep.equal([
      [15, 25],
      [null, 15],
    ]);
    expect(fit.history[0].cause).to.deep.equal({ eventId: pricingEvent });
  });

  it('answers 404 to a rep who may not see the lead, as for the record itself', async () => {
    const r = await p.repB.get(`/api/v1/records/lead/${leadId}/scores`);
    expect(r.status).to.equal(404);
  });

  it("lets the owner's manager see it", async () => {
    expect((await p.managerNorth.get(`/api/v1/records/lead/${leadId}/scores`)).status).to.equal(200);
  });

  it('answers 404 for an id that is not a record', async () => {
    const r = await p.repA.get('/api/v1/records/lead/3f1c0c1e-8d1b-4c55-9a4e-5b0b6a7c8d9e/scores');
    expect(r.status).to.equal(404);
  });
});
