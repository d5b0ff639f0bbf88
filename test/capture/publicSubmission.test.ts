import { expect } from 'chai';
import { type CaptureRuntime, leadByEmail, startCaptureRuntime } from './support/captureRuntime.js';

const CONTACT = { name: 'Zhang San', email: 'Zhang.San@Example.com', company_name: 'Acme', role: 'engineer' };

describe('capture: public form endpoint', function () {
  this.timeout(60_000);
  let cr: CaptureRuntime;
  before(async () => {
    cr = await startCaptureRuntime();
  });
  after(async () => cr?.close());

  it('serves a form with its schema, steps, conditions, hidden fields, consent and a render token', async () => {
    const r = await cr.openForm('contact-us', '?tenant=default');
    expect(r.status).to.equal(200);
    expect(r.body).to.include({ form: 'contact-us', object: 'lead', locale: 'zh-CN', appVersion: 1 });
    expect(r.body.locales).to.deep.equal(['zh-CN', 'en']);
    expect(r.body.steps).to.have.length(3);
    expect(r.body.conditions.budget.visibleWhen).to.deep.equal({ in: [{ var: 'role' }, ['ceo', 'cto', 'vp']] });
    expect(r.body.hidden).to.deep.include({ field: 'utm_source', from: 'utm_source' });
    expect(r.body.consent).to.include({ field: 'consent', version: '2024-06', required: true });
    expect(r.body.thankYou.message.en).to.be.a('string');
    expect(r.body.captcha).to.equal(null);
    expect(r.body.renderToken).to.match(/^v1\./);
  });

  it('answers 404 for a form that does not exist, and for a tenant that does not exist', async () => {
    expect((await cr.openForm('nope')).status).to.equal(404);
    expect((await cr.openForm('contact-us', '?tenant=nobody')).status).to.equal(404);
  });

  it('accepts a submission with 201 and stores a normalised clue with its form version and UTM', async () => {
    const r = await cr.fillAndSubmit('contact-us', CONTACT, {
      body: { hidden: { utm_source: 'baidu', utm_campaign: 'spring', referrer: 'https://www.baidu.com/' } },
    });
    expect(r.status, r.text).to.equal(201);
    expect(r.body).to.include({ status: 'accepted' });
    expect(r.body.submissionId).to.match(/^[0-9a-f-]{36}$/);
    const [lead] = await leadByEmail(cr, 'zhang.san@example.com');
    expect(lead!.data).to.include({
      email: 'zhang.san@example.com',
      status: 'clue',
      source_channel: 'web_form',
      utm_source: 'baidu',
      utm_campaign: 'spring',
      consent: true,
    });
    expect(lead!.attribution.firstTouch).to.include({ channel: 'form', form: 'contact-us', formVersion: 1 });
    expect(lead!.attribution.firstTouch.utm).to.deep.equal({ source: 'baidu', campaign: 'spring' });
    expect(lead!.attribution.consent).to.include({ accepted: true, version: '2024-06' });
    const { rows } = await cr.rt.ctx.db.query<any>('SELECT id, type, data FROM events WHERE record_id = $1', [
      lead!.id,
    ]);
    expect(rows.map((e: any) => e.type)).to.deep.equal(['form.submitted']);
    expect(rows[0].id).to.equal(r.body.submissionId);
    expect(rows[0].data).to.include({ form: 'contact-us', formVersion: 1 });
  });

  it('merges a resubmission by email instead of creating a duplicate, and appends a second event', async () => {
    const answers = { ...CONTACT, email: 'twice@example.com', name: 'Li Si' };
    expect((await cr.fillAndSubmit('contact-us', answers)).status).to.equal(201);
    expect(
      (await cr.fillAndSubmit('contact-us', { ...answers, email: 'TWICE@example.com', phone: '13900139000' })).status,
    ).to.equal(201);
    const leads = await leadByEmail(cr, 'twice@example.com');
    expect(leads).to.have.length(1);
    expect(leads[0]!.data['phone']).to.equal('+8613900139000');
    expect(leads[0]!.attribution.touches).to.equal(2);
    const { rows } = await cr.rt.ctx.db.query<any>('SELECT count(*)::int AS n FROM events WHERE record_id = $1', [
      leads[0]!.id,
    ]);
    expect(rows[0].n).to.equal(2);
  });

  it('answers 422 with field paths in the form locale (Chinese by default, English when asked)', async () => {
    const zh = await cr.fillAndSubmit('contact-us', { ...CONTACT, email: 'not-an-email' });
    expect(zh.status).to.equal(422);
    expect(zh.body.error.code).to.equal('INVALID');
    expect(zh.body.error.details).to.deep.include({ path: '/answers/email', message: '请输入有效的邮箱地址' });
    const en = await cr.fillAndSubmit('contact-us', { ...CONTACT, email: 'not-an-email' }, { query: '?locale=en' });
    expect(en.body.error.details).to.deep.include({ path: '/answers/email', message: 'must be a valid email address' });
  });

  it('requires the conditional budget only when the role shows it', async () => {
    const boss = { ...CONTACT, name: 'Boss One', email: 'ceo@example.com', role: 'ceo' };
    const ceo = await cr.fillAndSubmit('contact-us', boss);
    expect(ceo.status).to.equal(422);
    expect(ceo.body.error.details.map((d: any) => d.path)).to.deep.equal(['/answers/budget']);
    const withBudget = await cr.fillAndSubmit('contact-us', { ...boss, budget: 50000 });
    expect(withBudget.status).to.equal(201);
    expect((await leadByEmail(cr, 'ceo@example.com'))[0]!.data['budget']).to.equal(50000);
  });

  it('drops the answer of a field its condition hides instead of storing it', async () => {
    const r = await cr.fillAndSubmit('contact-us', {
      ...CONTACT,
      name: 'Eng One',
      email: 'eng@example.com',
      budget: 99,
    });
    expect(r.status).to.equal(201);
    expect((await leadByEmail(cr, 'eng@example.com'))[0]!.data).not.to.have.property('budget');
  });

  it('refuses a submission without the required consent, naming /consent', async () => {
    const r = await cr.fillAndSubmit(
      'contact-us',
      { ...CONTACT, email: 'noconsent@example.com' },
      { body: { consent: undefined } },
    );
    expect(r.status).to.equal(422);
    expect(r.body.error.details).to.deep.include({ path: '/consent', message: '请勾选同意后继续' });
    expect(await leadByEmail(cr, 'noconsent@example.com')).to.have.length(0);
  });

  it('answers a filled honeypot exactly like a success and stores nothing', async () => {
    const before = {
      records: await cr.count('records'),
      events: await cr.count('events'),
      jobs: await cr.count('jobs'),
    };
    const r = await cr.fillAndSubmit(
      'contact-us',
      { ...CONTACT, email: 'bot@example.com' },
      { body: { honeypot: 'http://spam' } },
    );
    expect(r.status).to.equal(201);
    expect(Object.keys(r.body).sort()).to.deep.equal(['status', 'submissionId', 'thankYou']);
    expect(r.body.status).to.equal('accepted');
    expect({
      records: await cr.count('records'),
      events: await cr.count('events'),
      jobs: await cr.count('jobs'),
    }).to.deep.equal(before);
  });

  it('answers a submission sooner than the minimum fill time like a success and stores nothing', async () => {
    const before = await cr.count('records');
    const r = await cr.fillAndSubmit('contact-us', { ...CONTACT, email: 'fast@example.com' }, { fillMs: 500 });
    expect(r.status).to.equal(201);
    expect(r.body.status).to.equal('accepted');
    expect(await cr.count('records')).to.equal(before);
    expect(await leadByEmail(cr, 'fast@example.com')).to.have.length(0);
  });

  it('refuses a forged render token with 400 and a week-old one with 422', async () => {
    const forged = await cr.submit('contact-us', {
      answers: CONTACT,
      hidden: {},
      renderToken: 'v1.eyJ0IjoiZGVmYXVsdCJ9.AAAA',
    });
    expect(forged.status).to.equal(400);
    const opened = await cr.openForm('contact-us');
    cr.clock.advance(8 * 24 * 60 * 60 * 1000);
    const old = await cr.submit('contact-us', {
      answers: CONTACT,
      hidden: {},
      consent: { accepted: true, version: '2024-06' },
      renderToken: opened.body.renderToken,
    });
    expect(old.status).to.equal(422);
    expect(old.body.error.details[0].path).to.equal('/renderToken');
  });

  it('refuses a render token of another form', async () => {
    const other = await cr.openForm('whitepaper-download');
    cr.clock.advance(10_000);
    const r = await cr.submit('contact-us', {
      answers: CONTACT,
      hidden: {},
      consent: { accepted: true, version: '2024-06' },
      renderToken: other.body.renderToken,
    });
    expect(r.status).to.equal(400);
  });

  it('lands an event sign-in by a decision maker as a lead through the form rule, on the event channel', async () => {
    const r = await cr.fillAndSubmit(
      'event-signin',
      { name: 'Wang Wu', phone: '13700137000', company_name: 'Big Co', role: 'director', email: 'wang@bigco.example' },
      { body: { hidden: { params: { event: 'expo-2026' } } } },
    );
    expect(r.status, r.text).to.equal(201);
    const [lead] = await leadByEmail(cr, 'wang@bigco.example');
    expect(lead!.data).to.include({
      status: 'lead',
      source_channel: 'event',
      utm_source: 'event-qr',
      utm_campaign: 'expo-2026',
    });
    expect(lead!.attribution.firstTouch).to.include({ channel: 'event', form: 'event-signin' });
    const { rows } = await cr.rt.ctx.db.query<any>('SELECT type FROM events WHERE record_id = $1 ORDER BY type', [
      lead!.id,
    ]);
    expect(rows.map((e: any) => e.type)).to.deep.equal(['form.submitted', 'lead.qualified']);
  });

  it('gives an allowed origin the CORS headers, on the form, the preflight and the submission', async () => {
    const origin = { origin: 'https://partner.example' };
    const get = await cr.openForm('quick', '', origin);
    expect(get.headers.get('access-control-allow-origin')).to.equal('https://partner.example');
    const pre = await fetch(`${cr.rt.url}/api/v1/public/forms/quick/submissions`, {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).to.equal(204);
    expect(pre.headers.get('access-control-allow-headers')).to.include('content-type');
    const bad = await cr.fillAndSubmit('quick', { email: 'not-an-email' }, { headers: origin });
    expect(bad.status).to.equal(422);
    expect(bad.headers.get('access-control-allow-origin')).to.equal('https://partner.example');
    // a page script reads Retry-After on a 429 only when the answer exposes it
    expect(bad.headers.get('access-control-expose-headers')).to.equal('Retry-After');
    expect(get.headers.get('access-control-expose-headers')).to.equal('Retry-After');
  });

  it('refuses another origin with 403 and stores nothing', async () => {
    const before = await cr.count('records');
    const opened = await cr.openForm('quick');
    cr.clock.advance(10_000);
    const r = await cr.submit(
      'quick',
      { answers: { name: 'Cors', email: 'cors@example.com' }, hidden: {}, renderToken: opened.body.renderToken },
      { origin: 'https://evil.example' },
    );
    expect(r.status).to.equal(403);
    expect(r.headers.get('access-control-allow-origin')).to.equal(null);
    expect(await cr.count('records')).to.equal(before);
    const pre = await fetch(`${cr.rt.url}/api/v1/public/forms/quick/submissions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).to.equal(403);
  });

  it('accepts the hosted page on the server own origin without CORS headers', async () => {
    const own = new URL(cr.rt.url).origin;
    const r = await cr.fillAndSubmit(
      'quick',
      { name: 'Hosted', email: 'hosted@example.com' },
      { headers: { origin: own } },
    );
    expect(r.status).to.equal(201);
  });

  it('refuses a submission over the capture body limit with 413, chunked or not', async () => {
    const opened = await cr.openForm('quick');
    cr.clock.advance(10_000);
    const big = JSON.stringify({
      answers: { name: 'Big', email: 'big@example.com', notes: 'x'.repeat(70_000) },
      hidden: {},
      renderToken: opened.body.renderToken,
    });
    const plain = await cr.submit('quick', undefined, { 'content-type': 'application/json' });
    expect(plain.status).to.equal(400);
    const sized = await fetch(`${cr.rt.url}/api/v1/public/forms/quick/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(sized.status).to.equal(413);
    const chunked = await fetch(`${cr.rt.url}/api/v1/public/forms/quick/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).to.equal(413);
    expect(await leadByEmail(cr, 'big@example.com')).to.have.length(0);
  });
});
