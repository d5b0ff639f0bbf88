import { expect } from 'chai';
import { scoreAfterCapture } from '../../runtime/src/scoring/scoreAfterCapture.js';
import { call } from '../support/http.js';
import { type ScoringRuntime, startScoringRuntime } from './support.js';

describe('scoring runtime: the capture hook', function () {
  this.timeout(60_000);
  let s: ScoringRuntime;
  before(async () => {
    s = await startScoringRuntime();
  });
  after(async () => s?.close());

  it('scores a captured lead in the capture transaction, with the capture event as the cause', async () => {
    const id = await s.aLead({ role: 'cto' });
    const eventId = await s.anEvent(id, 'form.submitted', { form: 'contact-us' });
    const published = await s.published();
    await s.rt.ctx.db.transaction((tx) => scoreAfterCapture(tx, published, id, s.clock.now(), { eventId }));
    expect((await s.scores(id)).fit.score).to.equal(10);
    expect((await s.history(id, 'fit'))[0].cause).to.deep.equal({ eventId });
  });

  it("stitches the form's visitor id, so the visitor's earlier page views count", async () => {
    const visitorId = `visitor-capture-${Date.now()}`;
    await call(s.rt.url, 'POST', '/api/v1/public/track?tenant=default', {
      body: { eventId: `${visitorId}-1`, type: 'pricing.viewed', visitorId },
    });
    const id = await s.aLead();
    const published = await s.published();
    await s.rt.ctx.db.transaction((tx) => scoreAfterCapture(tx, published, id, s.clock.now(), { visitorId }));
    expect((await s.scores(id)).fit.score).to.equal(10);
  });
});
