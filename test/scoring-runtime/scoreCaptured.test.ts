import { expect } from 'chai';
import { scoreCaptured } from '../../runtime/src/capture/afterCapture.js';
import { call } from '../support/http.js';
import { type ScoringRuntime, startScoringRuntime } from './support.js';

describe('scoring runtime: scoreCaptured (the batch hook for capture and import)', function () {
  this.timeout(60_000);
  let s: ScoringRuntime;
  before(async () => {
    s = await startScoringRuntime();
  });
  after(async () => s?.close());

  it('scores a captured lead in the caller transaction, with the capture event as the cause', async () => {
    const id = await s.aLead({ role: 'cto' });
    const eventId = await s.anEvent(id, 'form.submitted', { form: 'contact-us' });
    const published = await s.published();
    await s.rt.ctx.db.transaction((tx) => scoreCaptured(tx, published, [{ recordId: id, eventId }], s.clock.now()));
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
    await s.rt.ctx.db.transaction((tx) => scoreCaptured(tx, published, [{ recordId: id, visitorId }], s.clock.now()));
    expect((await s.scores(id)).fit.score).to.equal(10);
  });

  it('scores a batch in one go: each record with its own event as the cause, visitors stitched, a repeated record once', async () => {
    const visitorId = `visitor-batch-${Date.now()}`;
    await call(s.rt.url, 'POST', '/api/v1/public/track?tenant=default', {
      body: { eventId: `${visitorId}-1`, type: 'webinar.attended', visitorId },
    });
    const ids = [await s.aLead({ role: 'cto' }), await s.aLead({ industry: 'saas' }), await s.aLead()];
    const events: string[] = [];
    for (const id of ids) events.push(await s.anEvent(id, 'form.submitted', { form: 'contact-us' }));
    const published = await s.published();
    const outcome = await s.rt.ctx.db.transaction((tx) =>
      scoreCaptured(
        tx,
        published,
        [
          { recordId: ids[0]!, eventId: events[0]! },
          { recordId: ids[1]!, eventId: events[1]! },
          { recordId: ids[2]!, eventId: events[2]!, visitorId },
          { recordId: ids[0]!, eventId: events[0]! },
        ],
        s.clock.now(),
      ),
    );
    expect(outcome.scored).to.equal(3);
    const fits: number[] = [];
    for (const id of ids) fits.push((await s.scores(id)).fit.score);
    expect(fits).to.deep.equal([10, 5, 15]);
    for (const [i, id] of ids.entries())
      expect((await s.history(id, 'fit'))[0].cause).to.deep.equal({ eventId: events[i] });
  });
});
