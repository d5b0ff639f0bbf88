import { expect } from 'chai';
import { manualClock } from '../support/manualClock.js';
import { aLead } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';
import { appendEvent, aWorker, publishWithAutomations, runsOf } from './support.js';

describe('automation: convert action', function () {
  this.timeout(120_000);
  let rt: TestRuntime;

  before(async () => {
    rt = await startTestRuntime({ driver: 'postgres', clock: manualClock() });
    await publishWithAutomations(rt, [
      {
        id: 'convert-on-signature',
        object: 'lead',
        trigger: { type: 'event', event: 'contract.signed' },
        actions: [{ type: 'convert' }],
      },
    ]);
  });
  after(async () => rt?.close());

  it('converts the lead into a company and a contact when the trigger fires, once', async () => {
    const made = await rt.admin.post('/api/v1/records/lead', aLead({ company_name: 'Initech', status: 'lead' }));
    expect(made.status, made.text).to.equal(201);
    const id = made.body.id as string;
    await appendEvent(rt, id, 'contract.signed', {});
    await appendEvent(rt, id, 'contract.signed', {});
    await aWorker(rt).drain();
    const lead = await rt.admin.get(`/api/v1/records/lead/${id}`);
    expect(lead.body.data.status).to.equal('converted');
    const companies = await rt.admin.post('/api/v1/records/company/query', { filter: { name: 'Initech' } });
    expect(companies.body.records).to.have.length(1);
    const runs = (await runsOf(rt, 'convert-on-signature')).filter((r) => r.record_id === id);
    expect(runs.map((r) => r.status).sort()).to.deep.equal(['done', 'failed']);
  });
});

describe('automation: set-stage goes through the pipeline', function () {
  this.timeout(120_000);
  let rt: TestRuntime;

  before(async () => {
    rt = await startTestRuntime({ driver: 'postgres', clock: manualClock() });
    await publishWithAutomations(rt, [
      {
        id: 'first-call-made',
        object: 'lead',
        trigger: { type: 'event', event: 'call.connected' },
        actions: [{ type: 'set-stage', stage: 'first_contact' }],
      },
      {
        id: 'jump-to-proposal',
        object: 'lead',
        trigger: { type: 'event', event: 'quote.requested' },
        actions: [{ type: 'set-stage', stage: 'proposal' }],
      },
    ]);
  });
  after(async () => rt?.close());

  it('moves the lead with stage history and a stage.changed event, and a guard refusal fails the run', async () => {
    const made = await rt.admin.post('/api/v1/records/lead', aLead());
    const id = made.body.id as string;
    await appendEvent(rt, id, 'call.connected', {});
    await aWorker(rt).drain();
    const stage = await rt.admin.get(`/api/v1/records/lead/${id}/stage`);
    expect(stage.status, stage.text).to.equal(200);
    expect(stage.body.pipelines[0].stage).to.equal('first_contact');
    expect(stage.body.history.map((h: any) => h.stage)).to.include('new');
    const { rows } = await rt.ctx.db.query(
      "SELECT 1 FROM events WHERE record_id = $1 AND type = 'stage.changed' AND data->>'to' = 'first_contact'",
      [id],
    );
    expect(rows).to.have.length(1);
    await appendEvent(rt, id, 'quote.requested', {});
    await aWorker(rt).drain();
    expect((await rt.admin.get(`/api/v1/records/lead/${id}/stage`)).body.pipelines[0].stage).to.equal('first_contact');
    const [run] = (await runsOf(rt, 'jump-to-proposal')).filter((r) => r.record_id === id);
    expect(run!.status).to.equal('failed');
  });
});
