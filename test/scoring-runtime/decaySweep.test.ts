import { expect } from 'chai';
import { rescoreRecord } from '../../runtime/src/scoring/rescoreRecords.js';
import { drainScoringRuns, listScoringRuns, startDecaySweeps } from '../../runtime/src/scoring/scoringRuns.js';
import { DAY_MS, type ScoringRuntime, startScoringRuntime } from './support.js';

describe('scoring runtime: decay sweep', function () {
  this.timeout(60_000);
  let s: ScoringRuntime;
  before(async () => {
    s = await startScoringRuntime();
    await drainScoringRuns(s.rt.ctx, 'default');
  });
  after(async () => s?.close());

  it('takes decay points from a silent lead without any event, once a sweep runs', async () => {
    const id = await s.aLead({ role: 'cto' });
    await s.anEvent(id, 'webinar.attended');
    const published = await s.published();
    await s.rt.ctx.db.transaction((tx) => rescoreRecord(tx, published, 'default', id, s.clock.now()));
    expect((await s.scores(id)).fit.score).to.equal(25);
    s.clock.advance(31 * DAY_MS);
    const started = await startDecaySweeps(s.rt.ctx, published);
    expect(started).to.have.length(2);
    await drainScoringRuns(s.rt.ctx, 'default');
    expect((await s.scores(id)).fit.score).to.equal(15);
    const [run] = await listScoringRuns(s.rt.ctx, 'default');
    expect(run).to.include({ kind: 'decay', status: 'done' });
  });

  it('starts no second sweep of a model within a day', async () => {
    const published = await s.published();
    s.clock.advance(DAY_MS / 2);
    expect(await startDecaySweeps(s.rt.ctx, published)).to.deep.equal([]);
    s.clock.advance(DAY_MS);
    expect(await startDecaySweeps(s.rt.ctx, published)).to.have.length(2);
    await drainScoringRuns(s.rt.ctx, 'default');
  });
});
