import { expect } from 'chai';
import { aLeadOfRepA, aPipelineWorld, moveOrFail, type PipelineWorld } from '../pipelines/support.js';
import { call } from '../support/http.js';
import { appendEvent, aWorker, publishWithAutomations, runsOf } from './support.js';

describe('automation through the real write paths', function () {
  this.timeout(180_000);
  let w: PipelineWorld;

  before(async () => {
    w = await aPipelineWorld('postgres');
    await publishWithAutomations(w.rt, [
      {
        id: 'entered-first-contact',
        object: 'lead',
        trigger: { type: 'stage.entered', stage: 'first_contact' },
        actions: [{ type: 'add-to-list', list: 'entered-first-contact' }],
      },
      {
        id: 'left-new',
        object: 'lead',
        trigger: { type: 'stage.exited', stage: 'new' },
        actions: [{ type: 'set-field', field: 'notes', value: 'left new' }],
      },
      {
        id: 'whitepaper-list',
        object: 'lead',
        trigger: { type: 'form.submitted', form: 'whitepaper-download' },
        actions: [{ type: 'add-to-list', list: 'whitepaper' }],
      },
      {
        id: 'became-mql',
        object: 'lead',
        trigger: { type: 'score.changed', mql: true },
        actions: [{ type: 'add-to-list', list: 'mql' }],
      },
      {
        id: 'route-on-request',
        object: 'lead',
        trigger: { type: 'event', event: 'route.requested' },
        actions: [{ type: 'assign', routing: 'leads' }],
      },
    ]);
  });
  after(async () => w?.rt.close());

  async function inList(list: string, id: string): Promise<boolean> {
    const { rows } = await w.rt.ctx.db.query('SELECT 1 FROM list_members WHERE list_id = $1 AND record_id = $2', [
      list,
      id,
    ]);
    return rows.length === 1;
  }

  it('fires stage.exited and stage.entered on a move through the transition API, once each', async () => {
    const id = await aLeadOfRepA(w);
    await aWorker(w.rt).drain();
    expect(await inList('entered-first-contact', id)).to.equal(false);
    await moveOrFail(w.p.repA, id, 'first_contact');
    await aWorker(w.rt).drain();
    expect(await inList('entered-first-contact', id)).to.equal(true);
    const left = (await runsOf(w.rt, 'left-new')).filter((r) => r.record_id === id);
    expect(left.map((r) => r.status)).to.deep.equal(['done']);
    const record = await w.p.repA.get(`/api/v1/records/lead/${id}`);
    expect(record.body.data.notes).to.equal('left new');
    await moveOrFail(w.p.repA, id, 'needs_assessment');
    await aWorker(w.rt).drain();
    expect((await runsOf(w.rt, 'entered-first-contact')).filter((r) => r.record_id === id)).to.have.length(1);
    expect((await runsOf(w.rt, 'left-new')).filter((r) => r.record_id === id)).to.have.length(1);
  });

  it('fires form.submitted on a real public form submission', async () => {
    const opened = await call(w.rt.url, 'GET', '/api/v1/public/forms/whitepaper-download?tenant=default', {});
    expect(opened.status, opened.text).to.equal(200);
    w.clock.advance(10_000);
    const body = {
      answers: {
        name: 'Liu Yang',
        email: 'liu.yang@example.com',
        company_name: 'Yang Tech',
        title: 'CTO',
        industry: 'saas',
      },
      hidden: {},
      consent: { accepted: true, version: opened.body.consent.version },
      renderToken: opened.body.renderToken,
    };
    const r = await call(w.rt.url, 'POST', '/api/v1/public/forms/whitepaper-download/submissions?tenant=default', {
      body,
    });
    expect(r.status, r.text).to.equal(201);
    await aWorker(w.rt).drain();
    const { rows } = await w.rt.ctx.db.query<{ id: string }>(
      "SELECT id::text AS id FROM records WHERE data->>'email' = 'liu.yang@example.com'",
    );
    expect(rows).to.have.length(1);
    expect(await inList('whitepaper', rows[0]!.id)).to.equal(true);
  });

  it('fires score.changed (mql) once when tracked behaviour and a field change cross the MQL threshold', async () => {
    const made = await w.rt.admin.post('/api/v1/records/lead', {
      data: {
        name: 'Almost There',
        email: 'almost.there@example.com',
        role: 'engineer',
        industry: 'saas',
        employees: 600,
      },
    });
    expect(made.status, made.text).to.equal(201);
    const id = made.body.id as string;
    const track = (type: string, n: number) =>
      call(w.rt.url, 'POST', '/api/v1/public/track?tenant=default', {
        body: { eventId: `auto-${id}-${type}-${n}`, type, recordId: id },
      });
    for (let i = 0; i < 3; i++) expect((await track('pricing.viewed', i)).status).to.equal(202);
    expect((await track('webinar.attended', 0)).status).to.equal(202);
    await aWorker(w.rt).drain();
    expect(await inList('mql', id)).to.equal(false);
    const updated = await w.rt.admin.patch(`/api/v1/records/lead/${id}`, {
      version: made.body.version,
      data: { role: 'cto' },
    });
    expect(updated.status, updated.text).to.equal(200);
    await aWorker(w.rt).drain();
    expect(await inList('mql', id)).to.equal(true);
    const again = await w.rt.admin.patch(`/api/v1/records/lead/${id}`, {
      version: updated.body.version,
      data: { name: 'Now An MQL' },
    });
    expect(again.status, again.text).to.equal(200);
    await aWorker(w.rt).drain();
    expect((await runsOf(w.rt, 'became-mql')).filter((r) => r.record_id === id)).to.have.length(1);
  });

  it('assigns through routing from an automation and records why this owner', async () => {
    const id = await aLeadOfRepA(w, { region: 'north', industry: 'saas' });
    await appendEvent(w.rt, id, 'route.requested');
    await aWorker(w.rt).drain();
    const [run] = (await runsOf(w.rt, 'route-on-request')).filter((r) => r.record_id === id);
    expect(run!.status, JSON.stringify(run)).to.equal('done');
    const { rows } = await w.rt.ctx.db.query<{ owner_id: string; routing: string; strategy: string; owner: string }>(
      `SELECT a.owner_id::text AS owner_id, a.routing, a.strategy, r.owner_id::text AS owner
         FROM routing_assignments a JOIN records r ON r.tenant_id = a.tenant_id AND r.id = a.record_id
        WHERE a.record_id = $1`,
      [id],
    );
    expect(rows).to.have.length(1);
    expect(rows[0]!.routing).to.equal('leads');
    expect(rows[0]!.strategy).to.be.a('string');
    expect(rows[0]!.owner_id).to.be.a('string');
    expect(rows[0]!.owner).to.equal(rows[0]!.owner_id);
  });
});
