import { expect } from 'chai';
import { jobHandlersForContext } from '../../runtime/src/jobs/jobHandlers.js';
import { createJobRunner } from '../../runtime/src/jobs/startJobs.js';
import { aWebhookSecret } from '../delivery/support/deliveryFixture.js';
import { type Receiver, startReceiver } from '../delivery/support/receiver.js';
import { manualClock } from '../support/manualClock.js';
import { aLead } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';
import { appendEvent, publishWithAutomations, runsOf } from './support.js';

describe('automation: webhook action through the outbox', function () {
  this.timeout(120_000);
  const clock = manualClock();
  let rt: TestRuntime;
  let receiver: Receiver;

  before(async () => {
    receiver = await startReceiver();
    rt = await startTestRuntime({ driver: 'postgres', clock, delivery: { allowHosts: `127.0.0.1:${receiver.port}` } });
    const hook = await rt.admin.post('/api/v1/delivery/endpoints', {
      id: 'crm-hook',
      channel: 'webhook',
      config: { url: `${receiver.url}/hooks/crm`, secrets: [aWebhookSecret()] },
    });
    expect(hook.status, hook.text).to.equal(201);
    await publishWithAutomations(rt, [
      {
        id: 'quote-to-crm',
        object: 'lead',
        trigger: { type: 'event', event: 'quote.accepted' },
        actions: [{ type: 'webhook', endpoint: 'crm-hook' }],
      },
    ]);
  });
  after(async () => {
    await rt?.close();
    await receiver?.close();
  });

  it('delivers one signed webhook to the endpoint after the run commits, naming the record', async () => {
    const made = await rt.admin.post('/api/v1/records/lead', aLead({ name: 'Zhou Min' }));
    expect(made.status, made.text).to.equal(201);
    const id = made.body.id as string;
    await appendEvent(rt, id, 'quote.accepted', { quote: 'Q-7' });
    const runner = createJobRunner({ ...rt.delivery, handlers: jobHandlersForContext(rt.ctx) });
    await runner.drain();
    await runner.drain();
    const [run] = await runsOf(rt, 'quote-to-crm');
    expect(run!.status, JSON.stringify(run)).to.equal('done');
    const hits = receiver.received.filter((r) => r.url === '/hooks/crm');
    expect(hits).to.have.length(1);
    expect(hits[0]!.method).to.equal('POST');
    expect(hits[0]!.headers['webhook-signature']).to.be.a('string');
    expect(hits[0]!.body).to.include(id);
  });
});
