import { expect } from 'chai';
import { call } from '../support/http.js';
import { PASSWORD } from '../support/personas.js';
import { type CaptureRuntime, leadByEmail, startCaptureRuntime } from './support/captureRuntime.js';

describe('capture: inbound API, clue → lead, manual merge, attribution', function () {
  this.timeout(60_000);
  let cr: CaptureRuntime;
  let token: string;
  const asToken = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    call(cr.rt.url, method, path, { token, body, headers });

  before(async () => {
    cr = await startCaptureRuntime();
    const made = await cr.rt.admin.post('/api/v1/tokens', { name: 'crm sync' });
    token = made.body.token;
  });
  after(async () => cr?.close());

  it('captures one record with an API token on the api channel: 201 created, then 200 merged', async () => {
    const first = await asToken('POST', '/api/v1/capture/lead', {
      data: { name: 'Api Person', email: 'API.Person@Example.com', phone: '021 6123 4567' },
      attribution: { utm: { source: 'partner' } },
    });
    expect(first.status, first.text).to.equal(201);
    expect(first.body).to.include({ status: 'created', version: 1 });
    const again = await asToken('POST', '/api/v1/capture/lead', {
      data: { name: 'Api Person', email: 'api.person@example.com', title: 'CTO' },
    });
    expect(again.status).to.equal(200);
    expect(again.body).to.include({ status: 'merged', recordId: first.body.recordId });
    const [lead] = await leadByEmail(cr, 'api.person@example.com');
    expect(lead!.data).to.include({
      source_channel: 'api',
      phone: '+862161234567',
      title: 'CTO',
      utm_source: 'partner',
    });
  });

  it('answers 422 with paths for an invalid capture and 401 without a credential', async () => {
    const bad = await asToken('POST', '/api/v1/capture/lead', { data: { name: 'X', email: 'nope' } });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details).to.deep.include({ path: '/data/email', message: 'must be a valid email address' });
    expect((await call(cr.rt.url, 'POST', '/api/v1/capture/lead', { body: { data: { name: 'X' } } })).status).to.equal(
      401,
    );
  });

  it('captures a batch with one outcome per item, a bad item not stopping the others', async () => {
    const items = [
      { data: { name: 'Batch One', email: 'b1@example.com' } },
      { data: { name: 'Batch Two', email: 'not-an-email' } },
      { data: { name: 'Batch One Again', email: 'B1@example.com', title: 'VP' } },
      { data: { name: 'Batch Three', phone: '13600136000' }, as: 'lead' },
      'not an object',
    ];
    const r = await asToken('POST', '/api/v1/capture/lead/batch', { items });
    expect(r.status, r.text).to.equal(200);
    expect(r.body.results.map((o: any) => o.status)).to.deep.equal([
      'created',
      'invalid',
      'merged',
      'created',
      'invalid',
    ]);
    expect(r.body.results[1].problems).to.deep.include({
      path: '/data/email',
      message: 'must be a valid email address',
    });
    expect(r.body.results[2].recordId).to.equal(r.body.results[0].recordId);
    expect(await leadByEmail(cr, 'b1@example.com')).to.have.length(1);
  });

  it('refuses a batch of more than 500 items', async () => {
    const items = Array.from({ length: 501 }, (_, i) => ({ data: { name: `N${i}` } }));
    expect((await asToken('POST', '/api/v1/capture/lead/batch', { items })).status).to.equal(413);
  });

  it('replays a batch sent again with the same Idempotency-Key without writing twice', async () => {
    const body = { items: [{ data: { name: 'Idem Batch', email: 'idem-batch@example.com' } }] };
    const one = await asToken('POST', '/api/v1/capture/lead/batch', body, { 'idempotency-key': 'batch-1' });
    const two = await asToken('POST', '/api/v1/capture/lead/batch', body, { 'idempotency-key': 'batch-1' });
    expect(two.body).to.deep.equal(one.body);
    const { rows } = await cr.rt.ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE record_id = $1',
      [one.body.results[0].recordId],
    );
    expect(rows[0]!.n).to.equal(1);
  });

  it('records manual entry by a signed-in user on the manual channel, owned by that user', async () => {
    const r = await cr.rt.admin.post('/api/v1/capture/lead', {
      data: { name: 'Walk In', email: 'walkin@example.com' },
    });
    expect(r.status).to.equal(201);
    const record = await cr.rt.admin.get(`/api/v1/records/lead/${r.body.recordId}`);
    expect(record.body.data.source_channel).to.equal('manual');
    const me = await cr.rt.admin.get('/api/v1/auth/me');
    expect(record.body.owner).to.equal(me.body.user.id);
  });

  it('keeps clues and leads queryable apart', async () => {
    const clues = await cr.rt.admin.get(
      `/api/v1/records/lead/count?filter=${encodeURIComponent(JSON.stringify({ status: 'clue' }))}`,
    );
    const leads = await cr.rt.admin.get(
      `/api/v1/records/lead/count?filter=${encodeURIComponent(JSON.stringify({ status: 'lead' }))}`,
    );
    expect(clues.body.count).to.be.greaterThan(0);
    expect(leads.body.count).to.be.greaterThan(0);
  });

  it('qualifies a clue into a lead, recorded in history and as a lead.qualified event', async () => {
    const made = await asToken('POST', '/api/v1/capture/lead', {
      data: { name: 'To Qualify', email: 'q@example.com' },
    });
    const r = await cr.rt.admin.post(`/api/v1/capture/lead/${made.body.recordId}/qualify`);
    expect(r.status, r.text).to.equal(200);
    expect(r.body.data.status).to.equal('lead');
    const history = await cr.rt.admin.get(`/api/v1/records/lead/${made.body.recordId}/history`);
    expect(history.body.history.at(-1).changes).to.deep.equal({ status: { from: 'clue', to: 'lead' } });
    const trail = await cr.rt.admin.get(`/api/v1/records/lead/${made.body.recordId}/attribution`);
    expect(trail.body.events.map((e: any) => e.type)).to.deep.equal(['record.captured', 'lead.qualified']);
    expect((await cr.rt.admin.post(`/api/v1/capture/lead/${made.body.recordId}/qualify`)).status).to.equal(409);
  });

  it('keeps the first touch and updates the last touch across channels', async () => {
    const web = await cr.fillAndSubmit(
      'quick',
      { name: 'Touchy', email: 'touch@example.com' },
      { body: { hidden: { utm_source: 'google' } } },
    );
    expect(web.status).to.equal(201);
    cr.clock.advance(10 * 60 * 1000);
    await asToken('POST', '/api/v1/capture/lead', { data: { name: 'Touchy', email: 'touch@example.com' } });
    const [lead] = await leadByEmail(cr, 'touch@example.com');
    const trail = await cr.rt.admin.get(`/api/v1/records/lead/${lead!.id}/attribution`);
    expect(trail.body.attribution.firstTouch).to.include({ channel: 'form', form: 'quick' });
    expect(trail.body.attribution.firstTouch.utm).to.deep.equal({ source: 'google' });
    expect(trail.body.attribution.lastTouch).to.include({ channel: 'api' });
    expect(trail.body.attribution.touches).to.equal(2);
  });

  it('merges two records by hand keeping both histories and every event on the survivor', async () => {
    const a = await asToken('POST', '/api/v1/capture/lead', { data: { name: 'Keep Me', email: 'keep@example.com' } });
    const b = await asToken('POST', '/api/v1/capture/lead', {
      data: { name: 'Merge Me', email: 'merge@example.com', company_name: 'Loser Co' },
    });
    await cr.rt.admin.patch(`/api/v1/records/lead/${b.body.recordId}`, { version: 1, data: { title: 'Edited' } });
    const r = await cr.rt.admin.post(`/api/v1/records/lead/${a.body.recordId}/merge`, { from: b.body.recordId });
    expect(r.status, r.text).to.equal(200);
    expect(r.body.data).to.include({ email: 'keep@example.com', company_name: 'Loser Co', title: 'Edited' });
    const loser = await cr.rt.admin.get(`/api/v1/records/lead/${b.body.recordId}`);
    expect(loser.body.deletedAt).to.be.a('string');
    const loserHistory = await cr.rt.admin.get(`/api/v1/records/lead/${b.body.recordId}/history`);
    expect(loserHistory.body.history.map((h: any) => h.action)).to.deep.equal(['create', 'update', 'delete']);
    const survivorHistory = await cr.rt.admin.get(`/api/v1/records/lead/${a.body.recordId}/history`);
    expect(survivorHistory.body.history.map((h: any) => h.action)).to.deep.equal(['create', 'update']);
    const trail = await cr.rt.admin.get(`/api/v1/records/lead/${a.body.recordId}/attribution`);
    expect(trail.body.events.map((e: any) => e.type)).to.deep.equal([
      'record.captured',
      'record.captured',
      'record.merged',
    ]);
    expect(trail.body.events[1].data.mergedFrom).to.equal(b.body.recordId);
    expect(trail.body.attribution.touches).to.equal(2);
    const { rows } = await cr.rt.ctx.db.query<{ merged_into: string }>(
      'SELECT merged_into FROM records WHERE id = $1',
      [b.body.recordId],
    );
    expect(rows[0]!.merged_into).to.equal(a.body.recordId);
  });

  it('refuses a merge to a rep, who may not delete leads', async () => {
    const user = await cr.rt.admin.post('/api/v1/users', {
      email: 'rep@example.com',
      name: 'Rep',
      password: PASSWORD,
      role: 'rep',
    });
    expect(user.status).to.equal(201);
    const rep = await cr.rt.signIn('rep@example.com', PASSWORD);
    const a = await rep.post('/api/v1/capture/lead', { data: { name: 'Rep A', email: 'repa@example.com' } });
    const b = await rep.post('/api/v1/capture/lead', { data: { name: 'Rep B', email: 'repb@example.com' } });
    const r = await rep.post(`/api/v1/records/lead/${a.body.recordId}/merge`, { from: b.body.recordId });
    expect(r.status).to.equal(403);
  });
});
