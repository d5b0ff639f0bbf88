import { expect } from 'chai';
import { registerCaptchaVerifier } from '../../runtime/src/capture/captcha/captchaVerifiers.js';
import { siteVerifyVerifier } from '../../runtime/src/capture/captcha/siteVerify.js';
import { processPendingCaptures } from '../../runtime/src/capture/pendingProcessor.js';
import { MINUTE } from '../support/manualClock.js';
import { type CaptureRuntime, leadByEmail, startCaptureRuntime } from './support/captureRuntime.js';
import { type FakeVerifier, startFakeVerifier } from './support/fakeVerifier.js';

describe('capture: protection that loses no real lead', function () {
  this.timeout(90_000);

  describe('rate limits', () => {
    let cr: CaptureRuntime;
    before(async () => {
      cr = await startCaptureRuntime({ trustedProxyHops: 1 });
    });
    after(async () => cr?.close());

    const send = async (i: number, xff: string) => {
      const opened = await cr.openForm('limited');
      cr.clock.advance(2_000);
      return cr.submit(
        'limited',
        {
          answers: { name: `Rate ${i}`, email: `rate${i}.${xff.length}@example.com` },
          hidden: {},
          renderToken: opened.body.renderToken,
        },
        { 'x-forwarded-for': xff },
      );
    };

    it('answers 429 with Retry-After past the per-IP limit of the form, and stores nothing more', async () => {
      cr.clock.set(new Date('2026-03-02T10:00:00Z'));
      for (let i = 0; i < 3; i++) expect((await send(i, '203.0.113.7')).status).to.equal(201);
      const before = await cr.count('records');
      const r = await send(3, '203.0.113.7');
      expect(r.status).to.equal(429);
      expect(Number(r.headers.get('retry-after'))).to.be.within(1, 60);
      expect(await cr.count('records')).to.equal(before);
    });

    it('gives a forged X-Forwarded-For entry no new bucket: the address the trusted proxy saw counts', async () => {
      cr.clock.set(new Date('2026-03-02T10:05:00Z'));
      // the proxy appends what it saw (198.51.100.9); the client forges the entries to the left
      for (let i = 0; i < 3; i++) expect((await send(10 + i, `10.0.0.${i}, 198.51.100.9`)).status).to.equal(201);
      expect((await send(13, '10.9.9.9, 198.51.100.9')).status).to.equal(429);
      expect((await send(14, '198.51.100.10')).status).to.equal(201);
    });

    it('opens the bucket again in the next minute', async () => {
      cr.clock.set(new Date('2026-03-02T10:06:00Z'));
      expect((await send(20, '203.0.113.7')).status).to.equal(201);
    });
  });

  describe('tenant quota and the pending queue', () => {
    let cr: CaptureRuntime;
    before(async () => {
      cr = await startCaptureRuntime({ captureTenantPerMinute: 5, captureQueueCap: 6 });
    });
    after(async () => cr?.close());

    it('queues valid submissions past the quota with 202 and captures every one as capacity returns', async () => {
      cr.clock.set(new Date('2026-03-02T11:00:00Z'));
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const r = await cr.fillAndSubmit(
          'quick',
          { name: `Quota ${i}`, email: `quota${i}@example.com` },
          { fillMs: 2_000 },
        );
        statuses.push(r.status);
        if (r.status === 202) expect(r.body.status).to.equal('queued');
      }
      expect(statuses.filter((s) => s === 201)).to.have.length(5);
      expect(statuses.filter((s) => s === 202)).to.have.length(6);
      expect(await cr.count('capture_pending')).to.equal(6);
      expect(await processPendingCaptures(cr.rt.ctx)).to.deep.equal({ captured: 0, quarantined: 0, waiting: 0 });
      cr.clock.set(new Date('2026-03-02T11:01:00Z'));
      expect(await processPendingCaptures(cr.rt.ctx)).to.deep.equal({ captured: 5, quarantined: 0, waiting: 1 });
      cr.clock.set(new Date('2026-03-02T11:02:00Z'));
      expect(await processPendingCaptures(cr.rt.ctx)).to.include({ captured: 1 });
      expect(await cr.count('capture_pending')).to.equal(0);
      for (let i = 0; i < 11; i++)
        expect(await leadByEmail(cr, `quota${i}@example.com`), `quota${i}`).to.have.length(1);
    });

    it('answers 429 once the queue is full, so no submission is dropped silently', async () => {
      cr.clock.set(new Date('2026-03-02T12:00:00Z'));
      const statuses: number[] = [];
      for (let i = 0; i < 13; i++) {
        statuses.push(
          (await cr.fillAndSubmit('quick', { name: `Full ${i}`, email: `full${i}@example.com` }, { fillMs: 2_000 }))
            .status,
        );
      }
      expect(statuses.slice(0, 11)).to.deep.equal([201, 201, 201, 201, 201, 202, 202, 202, 202, 202, 202]);
      expect(statuses.slice(11)).to.deep.equal([429, 429]);
    });
  });

  describe('captcha', () => {
    let cr: CaptureRuntime;
    let verifier: FakeVerifier;
    before(async () => {
      cr = await startCaptureRuntime();
      verifier = await startFakeVerifier();
      registerCaptchaVerifier(
        cr.rt.ctx,
        siteVerifyVerifier({ provider: 'turnstile', url: verifier.url, secret: 's3cret' }),
      );
    });
    after(async () => {
      await cr?.close();
      await verifier?.close();
    });

    const guarded = (email: string, captchaToken?: string) =>
      cr.fillAndSubmit('guarded', { name: email.split('@')[0], email }, { body: captchaToken ? { captchaToken } : {} });

    it('serves the captcha provider and site key with the form', async () => {
      expect((await cr.openForm('guarded')).body.captcha).to.deep.equal({
        provider: 'turnstile',
        siteKey: 'test-site-key',
      });
    });

    it('requires a captcha token', async () => {
      const r = await guarded('notoken@example.com');
      expect(r.status).to.equal(422);
      expect(r.body.error.details[0].path).to.equal('/captchaToken');
    });

    it('checks the token server-side with the secret and the client address', async () => {
      expect((await guarded('human@example.com', 'good-token-1')).status).to.equal(201);
      expect(verifier.calls.at(-1)).to.deep.include({ token: 'good-token-1', secret: 's3cret' });
      expect(await leadByEmail(cr, 'human@example.com')).to.have.length(1);
    });

    it('refuses a token the verifier rejects', async () => {
      expect((await guarded('robot@example.com', 'bad-token')).status).to.equal(422);
      expect(await leadByEmail(cr, 'robot@example.com')).to.have.length(0);
    });

    it('accepts a token once: the second use is refused without asking the verifier', async () => {
      expect((await guarded('once1@example.com', 'good-token-2')).status).to.equal(201);
      const calls = verifier.calls.length;
      const again = await guarded('once2@example.com', 'good-token-2');
      expect(again.status).to.equal(422);
      expect(verifier.calls.length).to.equal(calls);
      expect(await leadByEmail(cr, 'once2@example.com')).to.have.length(0);
    });

    it('holds a submission while the verifier is down (202 held) and captures it once the verifier answers', async () => {
      verifier.down();
      const r = await guarded('held@example.com', 'good-token-3');
      expect(r.status).to.equal(202);
      expect(r.body.status).to.equal('held');
      expect(await leadByEmail(cr, 'held@example.com')).to.have.length(0);
      cr.clock.advance(MINUTE);
      expect(await processPendingCaptures(cr.rt.ctx)).to.include({ captured: 0, waiting: 1 });
      verifier.up();
      cr.clock.advance(10 * MINUTE);
      expect(await processPendingCaptures(cr.rt.ctx)).to.include({ captured: 1 });
      expect(await leadByEmail(cr, 'held@example.com')).to.have.length(1);
      expect(await cr.count('capture_pending')).to.equal(0);
    });

    it('quarantines a held submission whose token is refused after the outage, for an admin to decide', async () => {
      verifier.down();
      expect((await guarded('expired@example.com', 'bad-token-after-outage')).status).to.equal(202);
      verifier.up();
      cr.clock.advance(10 * MINUTE);
      expect(await processPendingCaptures(cr.rt.ctx)).to.include({ quarantined: 1 });
      const list = await cr.rt.admin.get('/api/v1/capture/quarantine');
      expect(list.body.submissions.map((s: any) => s.data.email)).to.include('expired@example.com');
    });
  });

  describe('spam quarantine', () => {
    let cr: CaptureRuntime;
    before(async () => {
      cr = await startCaptureRuntime();
    });
    after(async () => cr?.close());

    it('quarantines a link in a name: success-shaped answer, no record, no event', async () => {
      const before = { records: await cr.count('records'), events: await cr.count('events') };
      const r = await cr.fillAndSubmit('quick', {
        name: 'Cheap pills https://pills.example',
        email: 'spam1@example.com',
      });
      expect(r.status).to.equal(201);
      expect(r.body.status).to.equal('accepted');
      expect({ records: await cr.count('records'), events: await cr.count('events') }).to.deep.equal(before);
      expect(await cr.count('capture_quarantine')).to.equal(1);
    });

    it('quarantines an email at a blocked domain', async () => {
      await cr.fillAndSubmit('quick', { name: 'Blocked', email: 'someone@spam.example' });
      const list = await cr.rt.admin.get('/api/v1/capture/quarantine');
      const entry = list.body.submissions.find((s: any) => s.data.email === 'someone@spam.example');
      expect(entry.reasons).to.deep.equal(['blocked domain in email']);
    });

    it('lets an admin release a quarantined submission, which creates the lead through the normal capture', async () => {
      const list = await cr.rt.admin.get('/api/v1/capture/quarantine');
      const entry = list.body.submissions.find((s: any) => s.data.email === 'spam1@example.com');
      const released = await cr.rt.admin.post(`/api/v1/capture/quarantine/${entry.id}/release`);
      expect(released.status, released.text).to.equal(200);
      expect(released.body.status).to.equal('created');
      const [lead] = await leadByEmail(cr, 'spam1@example.com');
      expect(lead!.id).to.equal(released.body.recordId);
      const { rows } = await cr.rt.ctx.db.query<{ type: string }>('SELECT type FROM events WHERE record_id = $1', [
        lead!.id,
      ]);
      expect(rows.map((e) => e.type)).to.deep.equal(['form.submitted']);
      const again = await cr.rt.admin.post(`/api/v1/capture/quarantine/${entry.id}/release`);
      expect(again.status).to.equal(404);
      const open = await cr.rt.admin.get('/api/v1/capture/quarantine');
      expect(open.body.submissions.map((s: any) => s.id)).not.to.include(entry.id);
    });
  });
});
