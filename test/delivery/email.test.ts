import { expect } from 'chai';
import { listJobs } from '../../engine/src/jobs/index.js';
import { aTenant } from '../support/databases.js';
import { manualClock } from '../support/manualClock.js';
import { deliveryFixture } from './support/deliveryFixture.js';
import { describeOnPostgres } from './support/postgresSuite.js';
import { startSmtpSink } from './support/smtpSink.js';

const T0 = new Date('2026-03-02T09:00:00Z');

describeOnPostgres('delivery: email through SMTP', (db) => {
  it('sends the message to a real SMTP server, authenticated, with the message id as Message-ID', async () => {
    const sink = await startSmtpSink();
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${sink.port}` });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'mail', 'email', {
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      user: 'crm',
      password: 'hunter2',
      from: 'crm@acme.example',
      fromName: 'Acme CRM',
      to: ['sales-manager@acme.example'],
    });
    await fx.enqueue(tenant, 'mail', {
      id: 'mail_1',
      event: 'sla.breached',
      subject: 'SLA breached: Ada',
      text: 'Ada has waited 4 hours for a first contact.',
    });
    await fx.worker().drain();
    await sink.close();
    expect(await listJobs(db(), tenant)).to.have.length(0);
    expect(sink.mails).to.have.length(1);
    const [mail] = sink.mails;
    expect(mail).to.include({ from: 'crm@acme.example', user: 'crm' });
    expect(mail!.to).to.deep.equal(['sales-manager@acme.example']);
    expect(mail!.raw).to.include('Subject: SLA breached: Ada');
    expect(mail!.raw).to.include('Message-ID: <mail_1@leadforge>');
    expect(mail!.raw).to.include('Ada has waited 4 hours for a first contact.');
    expect(mail!.raw).to.match(/From: Acme CRM <crm@acme\.example>/);
  });

  it('gives up on a message the server refuses for good (5xx) and retries a temporary refusal (4xx)', async () => {
    const sink = await startSmtpSink();
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${sink.port}` });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'mail', 'email', {
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      from: 'crm@acme.example',
    });
    const worker = fx.worker();
    sink.rejectWith = 550;
    await fx.enqueue(tenant, 'mail', { id: 'mail_550', to: ['nobody@acme.example'] });
    await worker.drain();
    sink.rejectWith = 451;
    await fx.enqueue(tenant, 'mail', { id: 'mail_451', to: ['later@acme.example'] });
    await worker.drain();
    await sink.close();
    const [failed] = await listJobs(db(), tenant, { state: 'failed' });
    const [pending] = await listJobs(db(), tenant, { state: 'pending' });
    expect(failed?.lastError).to.match(/^SMTP 550/);
    expect(pending?.lastError).to.match(/^SMTP 451/);
  });

  it('refuses to open an SMTP connection to an internal host that is not allow-listed', async () => {
    const sink = await startSmtpSink();
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock);
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'mail', 'email', {
      host: 'localhost',
      port: sink.port,
      security: 'none',
      from: 'crm@acme.example',
      to: ['x@acme.example'],
    });
    await fx.enqueue(tenant, 'mail', { id: 'mail_ssrf' });
    await fx.worker().drain();
    await sink.close();
    expect(sink.mails).to.have.length(0);
    const [failed] = await listJobs(db(), tenant, { state: 'failed' });
    expect(failed?.lastError).to.match(/^localhost is not allowed as a target: this machine/);
  });
});
