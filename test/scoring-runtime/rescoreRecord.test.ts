import { expect } from 'chai';
import { rescoreRecord } from '../../runtime/src/scoring/rescoreRecords.js';
import { DAY_MS, type ScoringRuntime, startScoringRuntime } from './support.js';

describe('scoring runtime: rescoreRecord', function () {
  this.timeout(60_000);
  let s: ScoringRuntime;
  before(async () => {
    s = await startScoringRuntime();
  });
  after(async () => s?.close());

  const rescore = async (id: string, cause = { reason: 'rescore' as const }) => {
    const published = await s.published();
    return s.rt.ctx.db.transaction((tx) => rescoreRecord(tx, published, 'default', id, s.clock.now(), cause));
  };

  it('scores a lead on every model of its object and stores score, grade, MQL and the app version', async () => {
    const id = await s.aLead({ industry: 'saas', role: 'cto', employees: 800 });
    const outcome = await rescore(id);
    expect(outcome).to.include({ scored: 1, changed: 2, errors: 0 });
    const scores = await s.scores(id);
    expect(Object.keys(scores).sort()).to.deep.equal(['engagement', 'fit']);
    expect(scores.fit).to.include({ score: 23, grade: 'cold', mql: false, app_version: 1 });
    expect(scores.fit.fired.map((f: any) => [f.ruleId, f.points])).to.deep.equal([
      ['target-industry', 5],
      ['decision-maker', 10],
      ['large-company', 8],
    ]);
  });

  it('takes 5 points for a personal email address', async () => {
    const id = await s.aLead({ email: 'someone@qq.com' });
    await rescore(id);
    expect((await s.scores(id)).fit.score).to.equal(-5);
  });

  it("mirrors the fit model into the lead's readonly score and grade fields", async () => {
    const id = await s.aLead({ industry: 'saas', role: 'ceo' });
    await rescore(id);
    expect(await s.leadData(id)).to.include({ score: 15, grade: 'cold' });
  });

  it('counts behaviour events: whitepaper +5, pricing +10, webinar +15', async () => {
    const id = await s.aLead();
    await s.anEvent(id, 'whitepaper.downloaded');
    await s.anEvent(id, 'pricing.viewed');
    await s.anEvent(id, 'webinar.attended');
    await rescore(id);
    expect((await s.scores(id)).fit.score).to.equal(30);
  });

  it('becomes an MQL at 60, emits one score.crossed event and keeps the time it became an MQL', async () => {
    const id = await s.aLead({ industry: 'saas', role: 'cto', employees: 900 });
    for (const type of ['webinar.attended', 'webinar.attended', 'pricing.viewed']) await s.anEvent(id, type);
    const becameAt = s.clock.now();
    await rescore(id);
    const fit = (await s.scores(id)).fit;
    expect(fit).to.include({ score: 63, grade: 'hot', mql: true });
    expect(fit.mql_at.toISOString()).to.equal(becameAt.toISOString());
    const crossed = (await s.crossings(id)).filter((c) => c.model === 'fit');
    expect(crossed).to.have.length(1);
    expect(crossed[0]).to.include({ fromGrade: null, toGrade: 'hot', becameMql: true, score: 63 });
    s.clock.advance(DAY_MS);
    await s.anEvent(id, 'pricing.viewed');
    await rescore(id);
    const later = (await s.scores(id)).fit;
    expect(later.score).to.equal(73);
    expect(later.mql_at.toISOString()).to.equal(becameAt.toISOString());
    expect((await s.crossings(id)).filter((c) => c.model === 'fit')).to.have.length(1);
  });

  it('writes nothing when nothing changed: rescoring twice gives one history row per model', async () => {
    const id = await s.aLead({ role: 'vp' });
    await rescore(id);
    const second = await rescore(id);
    expect(second.changed).to.equal(0);
    expect(await s.history(id, 'fit')).to.have.length(1);
  });

  it('keeps a history row per change with its cause (the event id)', async () => {
    const id = await s.aLead();
    await rescore(id);
    const eventId = await s.anEvent(id, 'pricing.viewed');
    await rescore(id, { eventId } as any);
    const history = await s.history(id, 'fit');
    expect(history.map((h) => [h.previous_score, h.score])).to.deep.equal([
      [null, 0],
      [0, 10],
    ]);
    expect(history[1].cause).to.deep.equal({ eventId });
  });

  it('takes back 10 behaviour points after 30 days without activity, and the lead drops a grade', async () => {
    const id = await s.aLead({ industry: 'saas', role: 'cto' });
    await s.anEvent(id, 'webinar.attended');
    await rescore(id);
    expect((await s.scores(id)).fit).to.include({ score: 30, grade: 'warm' });
    s.clock.advance(31 * DAY_MS);
    await rescore(id);
    expect((await s.scores(id)).fit).to.include({ score: 20, grade: 'cold' });
    const crossed = (await s.crossings(id)).filter((c) => c.model === 'fit');
    expect(crossed.at(-1)).to.include({ fromGrade: 'warm', toGrade: 'cold', becameMql: false });
  });

  it('ignores a deleted record', async () => {
    const id = await s.aLead();
    await s.rt.ctx.db.query('UPDATE records SET deleted_at = now() WHERE id = $1', [id]);
    expect((await rescore(id)).scored).to.equal(0);
  });
});
