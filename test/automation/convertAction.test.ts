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
