import { expect } from 'chai';
import { call } from '../support/http.js';
import { DAY_MS, type ScoringRuntime, startScoringRuntime } from './support.js';

let seq = 0;
const eventId = () => `evt-${Date.now()}-${++seq}`;

describe('scoring runtime: tracking endpoint', function () {
  this.timeout(60_000);
  let s: ScoringRuntime;
  const track = (body: unknown, headers: Record<string, string> = {}, query = '?tenant=default') =>
    call(s.rt.url, 'POST', `/api/v1/public/track${query}`, { body, headers });
  const identify = (body: unknown) => call(s.rt.url, 'POST', '/api/v1/public/identify?tenant=default', { body });
  before(async () => {
    s = await startScoringRuntime({ capturePerIpPerMinute: 10_000 });
  });
  after(async () => s?.close());

  it('accepts a pricing page view for a lead by email and rescores it at once (+10)', async () => {
    const id = await s.aLead({ email: 'buyer@acme-corp.com' });
    const r = await track({ eventId: eventId(), type: 'pricing.viewed', email: 'Buyer@Acme-Corp.com' });
    expect(r.status, JSON.stringify(r.body)).to.equal(202);
    expect(r.body).to.deep.equal({ status: 'accepted' });
    expect((await s.scores(id)).fit.score).to.equal(10);
  });

  it('accepts an event by record id and keeps its URL and properties in the append-only log', async () => {
    const id = await s.aLead();
    const r = await track({
      eventId: eventId(),
      type: 'page.viewed',
      recordId: id,
      url: 'https://www.example.com/docs',
      properties: { title: 'Docs' },
    });
    expect(r.status).to.equal(202);
    const { rows } = await s.rt.ctx.db.query<any>(
      `SELECT type, data FROM events WHERE record_id = $1 AND type <> 'score.crossed'`,
      [id],
    );
    expect(rows).to.have.length(1);
    expect(rows[0].data).to.include({ source: 'track', url: 'https://www.example.com/docs' });
    expect(rows[0].data.properties).to.deep.equal({ title: 'Docs' });
  });

  it('stores a replayed eventId once and answers 200 duplicate', async () => {
    const id = await s.aLead();
    const body = { eventId: eventId(), type: 'webinar.attended', recordId: id };
    expect((await track(body)).status).to.equal(202);
    const again = await track(body);
    expect(again.status).to.equal(200);
    expect(again.body.status).to.equal('duplicate');
    expect((await s.scores(id)).fit.score).to.equal(15);
  });

  it('refuses a platform event type such as score.crossed or form.submitted with 422', async () => {
    const id = await s.aLead();
    for (const type of ['score.crossed', 'form.submitted', 'lead.qualified']) {
      const r = await track({ eventId: eventId(), type, recordId: id });
      expect(r.status, type).to.equal(422);
      expect(r.body.error.details[0].path).to.equal('/type');
    }
  });

  it('refuses an event naming two identities, or none', async () => {
    expect((await track({ eventId: eventId(), type: 'page.viewed' })).status).to.equal(422);
    const both = await track({ eventId: eventId(), type: 'page.viewed', email: 'a@b.com', visitorId: 'visitor-123' });
    expect(both.status).to.equal(422);
  });

  it('refuses an event time in the future', async () => {
    const at = new Date(s.clock.now().getTime() + DAY_MS).toISOString();
    const r = await track({ eventId: eventId(), type: 'page.viewed', visitorId: 'visitor-future', at });
    expect(r.status).to.equal(422);
    expect(r.body.error.details[0].path).to.equal('/at');
  });

  it('answers an unknown record id exactly like a known one, so ids leak nothing', async () => {
    const known = await s.aLead();
    const unknown = await track({
      eventId: eventId(),
      type: 'page.viewed',
      recordId: '3f1c0c1e-8d1b-4c55-9a4e-5b0b6a7c8d9e',
    });
    const r = await track({ eventId: eventId(), type: 'page.viewed', recordId: known });
    expect([unknown.status, unknown.body]).to.deep.equal([r.status, r.body]);
  });

  it("counts an anonymous visitor's earlier events once the visitor identifies", async () => {
    const visitorId = `visitor-${Date.now()}`;
    await track({ eventId: eventId(), type: 'pricing.viewed', visitorId });
    await track({ eventId: eventId(), type: 'whitepaper.downloaded', visitorId });
    const id = await s.aLead({ email: `${visitorId}@acme-corp.com` });
    const r = await identify({ visitorId, email: `${visitorId}@acme-corp.com` });
    expect(r.status).to.equal(202);
    expect((await s.scores(id)).fit.score).to.equal(15);
    const history = await s.history(id, 'fit');
    expect(history.at(-1).cause).to.deep.equal({ reason: 'visitor.identified' });
  });

  it('rescores a stitched lead on the visitor’s later events', async () => {
    const visitorId = `visitor-later-${Date.now()}`;
    const id = await s.aLead({ email: `${visitorId}@acme-corp.com` });
    await identify({ visitorId, email: `${visitorId}@acme-corp.com` });
    await track({ eventId: eventId(), type: 'webinar.attended', visitorId });
    expect((await s.scores(id)).fit.score).to.equal(15);
  });

  it('answers identify for an unknown email exactly as for a lead’s, so it is no address oracle', async () => {
    const visitorId = `visitor-oracle-${Date.now()}`;
    await s.aLead({ email: `${visitorId}@acme-corp.com` });
    const known = await identify({ visitorId, email: `${visitorId}@acme-corp.com` });
    const unknown = await identify({ visitorId: 'visitor-nobody', email: 'nobody@nowhere.example' });
    expect([unknown.status, unknown.body]).to.deep.equal([known.status, known.body]);
  });

  it('answers a CORS preflight from an origin a form allows, and refuses another origin with 403', async () => {
    const ok = await fetch(`${s.rt.url}/api/v1/public/track?tenant=default`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.example.com', 'access-control-request-method': 'POST' },
    });
    expect(ok.status).to.equal(204);
    expect(ok.headers.get('access-control-allow-origin')).to.equal('https://www.example.com');
    const r = await track(
      { eventId: eventId(), type: 'page.viewed', visitorId: 'visitor-evil' },
      { origin: 'https://evil.example' },
    );
    expect(r.status).to.equal(403);
  });

  it('answers 404 for a tenant that does not exist', async () => {
    const r = await track({ eventId: eventId(), type: 'page.viewed', visitorId: 'visitor-1234' }, {}, '?tenant=nobody');
    expect(r.status).to.equal(404);
  });

  it('refuses a body over the capture body limit with 413', async () => {
    const r = await track({
      eventId: eventId(),
      type: 'page.viewed',
      visitorId: 'visitor-1234',
      properties: { a: 'x'.repeat(70_000) },
    });
    expect(r.status).to.equal(413);
  });

  it('serves /t.js, which keeps a visitor id cookie and sends page views to the tracking endpoint', async () => {
    const r = await fetch(`${s.rt.url}/t.js?tenant=default`);
    expect(r.status).to.equal(200);
    expect(r.headers.get('content-type')).to.match(/javascript/);
    const text = await r.text();
    expect(text).to.include('lf_vid=');
    expect(text).to.include("track('page.viewed'");
    expect(text).to.include("'/api/v1/public/'");
  });
});

describe('scoring runtime: tracking rate limit', function () {
  this.timeout(60_000);
  let s: ScoringRuntime;
  before(async () => {
    s = await startScoringRuntime({ capturePerIpPerMinute: 2 });
  });
  after(async () => s?.close());

  it('answers 429 with Retry-After past the per-IP allowance (4 × the capture one per minute)', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 9; i += 1) {
      const r = await fetch(`${s.rt.url}/api/v1/public/track?tenant=default`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ eventId: `rate-limit-${i}-event`, type: 'page.viewed', visitorId: 'visitor-rate' }),
      });
      statuses.push(r.status);
      retryAfter = r.headers.get('retry-after') ?? retryAfter;
    }
    expect(statuses.slice(0, 8)).to.deep.equal(Array(8).fill(202));
    expect(statuses[8]).to.equal(429);
    expect(Number(retryAfter)).to.be.within(1, 60);
  });
});
