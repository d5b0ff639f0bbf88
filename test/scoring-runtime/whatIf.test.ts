import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { readPackageFolder } from '../../runtime/src/package/index.js';
import { type ScoringRuntime, startScoringRuntime } from './support.js';

const SAMPLE = new URL('../../samples/b2b-saas', import.meta.url).pathname;

describe('scoring runtime: what-if and backtest', function () {
  this.timeout(60_000);
  let s: ScoringRuntime;
  let fit: any;
  const draftWith = (decisionMaker: number) => {
    const draft = structuredClone(fit);
    draft.rules.find((r: any) => r.id === 'decision-maker').points = decisionMaker;
    return draft;
  };
  const anOpportunity = async (lead: string, stage: 'won' | 'lost') => {
    await s.rt.ctx.db.query(
      `INSERT INTO records (tenant_id, object, id, data, created_at, updated_at) VALUES ('default', 'opportunity', $1, $2, now(), now())`,
      [randomUUID(), JSON.stringify({ name: 'Deal', stage, lead })],
    );
  };
  before(async () => {
    s = await startScoringRuntime();
    fit = (await readPackageFolder(SAMPLE)).pkg.files['scoring/fit.json'];
    // 4 decision makers (2 won, 1 lost by opportunity, 1 converted), 4 others (1 won, 2 disqualified, 1 open)
    const ceos = [];
    for (let i = 0; i < 4; i += 1) ceos.push(await s.aLead({ role: 'ceo', industry: 'saas', employees: 900 }));
    await anOpportunity(ceos[0]!, 'won');
    await anOpportunity(ceos[1]!, 'won');
    await anOpportunity(ceos[2]!, 'lost');
    await s.rt.ctx.db.query(`UPDATE records SET data = data || '{"status":"converted"}' WHERE id = $1`, [ceos[3]]);
    const others = [];
    for (let i = 0; i < 4; i += 1) others.push(await s.aLead({ role: 'engineer' }));
    await anOpportunity(others[0]!, 'won');
    for (const id of others.slice(1, 3))
      await s.rt.ctx.db.query(`UPDATE records SET data = data || '{"status":"disqualified"}' WHERE id = $1`, [id]);
  });
  after(async () => s?.close());

  it('counts the records that would change grade and MQL status under a draft', async () => {
    const r = await s.rt.admin.post('/api/v1/scoring/what-if', { model: draftWith(50) });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body).to.include({ records: 8, gradeChanged: 4, mqlChanged: 4, becameMql: 4, lostMql: 0 });
  });

  it('reports the score distribution before and after', async () => {
    const r = await s.rt.admin.post('/api/v1/scoring/what-if', { model: draftWith(50) });
    expect(r.body.before.distribution).to.deep.equal([
      { from: 0, to: 10, count: 4 },
      { from: 20, to: 30, count: 4 },
    ]);
    expect(r.body.after.distribution).to.deep.equal([
      { from: 0, to: 10, count: 4 },
      { from: 60, to: 70, count: 4 },
    ]);
  });

  it('gives the conversion rate per grade on records with a known outcome, under the draft and the published model', async () => {
    const r = await s.rt.admin.post('/api/v1/scoring/what-if', { model: draftWith(50) });
    expect(r.body.withOutcome).to.equal(7);
    expect(r.body.after.conversionByGrade.hot).to.deep.equal({ won: 3, lost: 1, rate: 0.75 });
    expect(r.body.after.conversionByGrade.cold.rate).to.be.closeTo(1 / 3, 1e-9);
    expect(r.body.before.conversionByGrade.cold).to.deep.equal({ won: 4, lost: 3, rate: 4 / 7 });
  });

  it('restricts the comparison to records matching a filter', async () => {
    const filter = { '==': [{ var: 'role' }, 'engineer'] };
    const r = await s.rt.admin.post('/api/v1/scoring/what-if', { model: draftWith(50), filter });
    expect(r.body).to.include({ records: 4, gradeChanged: 0 });
  });

  it('refuses a draft with problems with 422 and pointers into the model', async () => {
    const draft = draftWith(50);
    draft.rules[0].when = { method: [{ var: 'email' }, 'toString'] };
    const r = await s.rt.admin.post('/api/v1/scoring/what-if', { model: draft });
    expect(r.status).to.equal(422);
    expect(r.body.error.details[0].path).to.match(/^\/model\/rules\/0\/when/);
  });

  it('changes nothing that is stored', async () => {
    const { rows: before } = await s.rt.ctx.db.query<any>('SELECT count(*)::int AS n FROM record_scores');
    await s.rt.admin.post('/api/v1/scoring/what-if', { model: draftWith(50) });
    const { rows: after } = await s.rt.ctx.db.query<any>('SELECT count(*)::int AS n FROM record_scores');
    expect(after[0].n).to.equal(before[0].n);
  });
});
