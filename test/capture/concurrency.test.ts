import { expect } from 'chai';
import { type CaptureRuntime, leadByEmail, startCaptureRuntime } from './support/captureRuntime.js';

describe('capture: concurrent submissions', function () {
  this.timeout(90_000);
  let cr: CaptureRuntime;
  before(async () => {
    cr = await startCaptureRuntime();
  });
  after(async () => cr?.close());

  async function tokenFor(form: string): Promise<string> {
    const opened = await cr.openForm(form);
    cr.clock.advance(10_000);
    return opened.body.renderToken;
  }

  it('creates one lead and answers 100 identical responses for one Idempotency-Key sent 100 times at once', async () => {
    const renderToken = await tokenFor('quick');
    const body = { answers: { name: 'Idem Potent', email: 'idem@example.com' }, hidden: {}, renderToken };
    const replies = await Promise.all(
      Array.from({ length: 100 }, () => cr.submit('quick', body, { 'idempotency-key': 'submit-once-1' })),
    );
    expect(new Set(replies.map((r) => r.status))).to.deep.equal(new Set([201]));
    expect(new Set(replies.map((r) => r.text)).size).to.equal(1);
    expect(await leadByEmail(cr, 'idem@example.com')).to.have.length(1);
    const { rows } = await cr.rt.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE type = 'form.submitted' AND data->>'form' = 'quick' AND id = $1",
      [replies[0]!.body.submissionId],
    );
    expect(rows[0]!.n).to.equal(1);
  });

  it('answers 409 when an Idempotency-Key comes back with a different body', async () => {
    const renderToken = await tokenFor('quick');
    const first = { answers: { name: 'Key Reuse', email: 'reuse@example.com' }, hidden: {}, renderToken };
    expect((await cr.submit('quick', first, { 'idempotency-key': 'reused-key' })).status).to.equal(201);
    const other = { ...first, answers: { name: 'Key Reuse', email: 'other@example.com' } };
    const r = await cr.submit('quick', other, { 'idempotency-key': 'reused-key' });
    expect(r.status).to.equal(409);
    expect(await leadByEmail(cr, 'other@example.com')).to.have.length(0);
  });

  it('creates one lead from 100 concurrent submissions of one email with different keys', async () => {
    const renderToken = await tokenFor('quick');
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        cr.submit(
          'quick',
          { answers: { name: `Same Person ${i}`, email: 'same@example.com', title: `T${i}` }, hidden: {}, renderToken },
          { 'idempotency-key': `same-email-${i}` },
        ),
      ),
    );
    expect(replies.map((r) => r.status).filter((s) => s !== 201)).to.deep.equal([]);
    const leads = await leadByEmail(cr, 'same@example.com');
    expect(leads).to.have.length(1);
    expect(leads[0]!.attribution.touches).to.equal(100);
    const { rows } = await cr.rt.ctx.db.query<{ n: number }>(
      // the captures' own events (scoring may add a score.crossed as the lead warms up)
      "SELECT count(*)::int AS n FROM events WHERE record_id = $1 AND type <> 'score.crossed'",
      [leads[0]!.id],
    );
    expect(rows[0]!.n).to.equal(100);
  });

  it('creates one lead from 50 concurrent inbound API captures of one phone number', async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        cr.rt.admin.post('/api/v1/capture/lead', {
          data: { name: `Caller ${i}`, phone: `+86 137 0000 ${String(1000).padStart(4, '0')}` },
        }),
      ),
    );
    expect(replies.filter((r) => r.status === 201)).to.have.length(1);
    expect(replies.filter((r) => r.status === 200)).to.have.length(49);
    expect(new Set(replies.map((r) => r.body.recordId)).size).to.equal(1);
  });
});
