import { expect } from 'chai';
import { DELIVERY_MAX_ATTEMPTS, getEndpoint, verifyWebhook } from '../../engine/src/delivery/index.js';
import { listJobs } from '../../engine/src/jobs/index.js';
import { aCounter } from '../jobs/support/gate.js';
import { aTenant } from '../support/databases.js';
import { HOUR, MINUTE, manualClock } from '../support/manualClock.js';
import { startCanaries } from './support/canaries.js';
import { aWebhookSecret, deliveryFixture } from './support/deliveryFixture.js';
import { describeOnPostgres } from './support/postgresSuite.js';
import { type Received, startReceiver } from './support/receiver.js';

const T0 = new Date('2026-03-02T09:00:00Z');

function headersOf(r: Received) {
  return {
    'webhook-id': r.headers['webhook-id'] as string,
    'webhook-timestamp': r.headers['webhook-timestamp'] as string,
    'webhook-signature': r.headers['webhook-signature'] as string,
  };
}

async function onlyJob(db: Parameters<typeof listJobs>[0], tenant: string) {
  const [job] = await listJobs(db, tenant);
  return job;
}

describeOnPostgres('delivery: signed webhooks', (db) => {
  it('posts the event as a Standard Webhook a receiver can verify with the endpoint secret', async () => {
    const receiver = await startReceiver();
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${receiver.port}` });
    const tenant = aTenant();
    const secret = aWebhookSecret();
    await fx.saveRaw(tenant, 'erp', 'webhook', { url: `${receiver.url}/hooks`, secrets: [secret] });
    await fx.enqueue(tenant, 'erp', { id: 'msg_1', event: 'lead.created', data: { email: 'ada@example.com' } });
    await fx.worker().drain();
    await receiver.close();
    expect(receiver.received).to.have.length(1);
    const [request] = receiver.received;
    expect(request).to.include({ method: 'POST', url: '/hooks' });
    expect(request!.headers['content-type']).to.equal('application/json');
    expect(headersOf(request!)).to.include({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(T0.getTime() / 1000) });
    expect(verifyWebhook(headersOf(request!), request!.body, secret, clock.now())).to.deep.equal({ ok: true });
    expect(JSON.parse(request!.body)).to.deep.equal({
      type: 'lead.created',
      timestamp: T0.toISOString(),
      data: { email: 'ada@example.com' },
    });
  });

  it('keeps webhook-id across retries and signs each attempt with its own timestamp', async () => {
    const receiver = await startReceiver((r) => ({ status: receiverAttempts(r) < 3 ? 500 : 204 }));
    const seen: Received[] = [];
    const receiverAttempts = (r: Received) => seen.push(r);
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${receiver.port}` });
    const tenant = aTenant();
    const secret = aWebhookSecret();
    await fx.saveRaw(tenant, 'erp', 'webhook', { url: receiver.url, secrets: [secret] });
    await fx.enqueue(tenant, 'erp', { id: 'msg_retry' });
    const worker = fx.worker();
    await worker.drain();
    for (let i = 0; i < 2; i += 1) {
      clock.set((await onlyJob(db(), tenant))!.runAt);
      await worker.drain();
    }
    await receiver.close();
    expect(await listJobs(db(), tenant)).to.have.length(0);
    expect(seen.map((r) => r.headers['webhook-id'])).to.deep.equal(['msg_retry', 'msg_retry', 'msg_retry']);
    const stamps = seen.map((r) => Number(r.headers['webhook-timestamp']));
    expect(new Set(stamps).size).to.equal(3);
    for (const r of seen) {
      const at = new Date(Number(r.headers['webhook-timestamp']) * 1000);
      expect(verifyWebhook(headersOf(r), r.body, secret, at)).to.deep.equal({ ok: true });
    }
  });

  it('signs with every active secret during a rotation, so the old and the new secret both verify', async () => {
    const receiver = await startReceiver();
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${receiver.port}` });
    const tenant = aTenant();
    const [old, next] = [aWebhookSecret(), aWebhookSecret()];
    await fx.saveRaw(tenant, 'erp', 'webhook', { url: receiver.url, secrets: [old, next] });
    await fx.enqueue(tenant, 'erp', { id: 'msg_rot' });
    await fx.worker().drain();
    await receiver.close();
    const [request] = receiver.received;
    expect(headersOf(request!)['webhook-signature'].split(' ')).to.have.length(2);
    for (const secret of [old, next]) {
      expect(verifyWebhook(headersOf(request!), request!.body, secret, clock.now())).to.deep.equal({ ok: true });
    }
    expect(verifyWebhook(headersOf(request!), request!.body, aWebhookSecret(), clock.now())).to.include({ ok: false });
  });

  it('retries a failing target for at least 24 hours, even with the shortest jitter, then gives up', async () => {
    const receiver = await startReceiver(() => ({ status: 500, body: 'down' }));
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${receiver.port}` }, () => 0);
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'erp', 'webhook', { url: receiver.url, secrets: [aWebhookSecret()] });
    await fx.enqueue(tenant, 'erp', { id: 'msg_down' });
    const worker = fx.worker();
    const attemptTimes: number[] = [];
    await worker.drain();
    attemptTimes.push(clock.now().getTime());
    for (let job = await onlyJob(db(), tenant); job?.state === 'pending'; job = await onlyJob(db(), tenant)) {
      clock.set(job.runAt);
      await worker.drain();
      attemptTimes.push(clock.now().getTime());
    }
    await receiver.close();
    expect(receiver.received).to.have.length(DELIVERY_MAX_ATTEMPTS);
    expect(attemptTimes.at(-1)! - attemptTimes[0]!).to.be.at.least(24 * HOUR);
    const failed = await onlyJob(db(), tenant);
    expect(failed?.state).to.equal('failed');
    expect(failed?.lastError).to.match(/^gave up after 9 attempts: HTTP 500 down/);
  });

  it('waits as long as Retry-After asks before trying again', async () => {
    let answered = 0;
    const receiver = await startReceiver(() =>
      answered++ === 0 ? { status: 503, headers: { 'retry-after': '7200' } } : { status: 200 },
    );
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${receiver.port}` });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'erp', 'webhook', { url: receiver.url, secrets: [aWebhookSecret()] });
    await fx.enqueue(tenant, 'erp', { id: 'msg_later' });
    const worker = fx.worker();
    await worker.drain();
    expect((await onlyJob(db(), tenant))?.runAt.getTime()).to.equal(T0.getTime() + 2 * HOUR);
    clock.advance(2 * HOUR - 1);
    await worker.drain();
    expect(receiver.received).to.have.length(1);
    clock.advance(1);
    await worker.drain();
    await receiver.close();
    expect(receiver.received).to.have.length(2);
    expect(await listJobs(db(), tenant)).to.have.length(0);
  });

  it('does not follow a redirect, even to an allowed-looking place, and retries instead', async () => {
    const canaries = await startCanaries();
    const canary = canaries.list[0]!;
    const receiver = await startReceiver(() => ({
      status: 302,
      headers: { location: `http://127.0.0.1:${canary.port}/metadata` },
    }));
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${receiver.port}` });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'erp', 'webhook', { url: receiver.url, secrets: [aWebhookSecret()] });
    await fx.enqueue(tenant, 'erp', { id: 'msg_redirect' });
    await fx.worker().drain();
    await receiver.close();
    await canaries.close();
    expect(canaries.total()).to.equal(0);
    const job = await onlyJob(db(), tenant);
    expect(job?.state).to.equal('pending');
    expect(job?.lastError).to.match(/HTTP 302 \(redirects are not followed\)/);
  });

  it('disables the endpoint when the target answers 410 Gone, and sends nothing more to it', async () => {
    const receiver = await startReceiver(() => ({ status: 410 }));
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${receiver.port}` });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'erp', 'webhook', { url: receiver.url, secrets: [aWebhookSecret()] });
    await fx.enqueue(tenant, 'erp', { id: 'msg_a' });
    const worker = fx.worker();
    await worker.drain();
    await fx.enqueue(tenant, 'erp', { id: 'msg_b' });
    await worker.drain();
    await receiver.close();
    expect(receiver.received).to.have.length(1);
    expect((await getEndpoint(db(), tenant, 'erp'))?.disabledReason).to.match(/HTTP 410/);
    const failed = await listJobs(db(), tenant, { state: 'failed' });
    expect(failed.map((j) => j.lastError)).to.have.members([
      'the endpoint was disabled: HTTP 410 Gone',
      'endpoint "erp" is disabled: HTTP 410 Gone',
    ]);
  });

  it('lets a slow target hold only its own slots: the other target gets all its events first', async () => {
    const slow = await startReceiver(() => 'hang');
    const fastGot = aCounter(20);
    const fast = await startReceiver(() => {
      fastGot.bump();
      return { status: 200 };
    });
    const clock = manualClock(T0);
    const timeoutMs = 20_000; // far longer than the fast target needs, so the order below is not a race
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${slow.port},127.0.0.1:${fast.port}`, timeoutMs });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'slow', 'webhook', { url: slow.url, secrets: [aWebhookSecret()] });
    await fx.saveRaw(tenant, 'fast', 'webhook', { url: fast.url, secrets: [aWebhookSecret()] });
    for (let i = 0; i < 20; i += 1) {
      await fx.enqueue(tenant, 'slow', { id: `slow_${i}` });
      await fx.enqueue(tenant, 'fast', { id: `fast_${i}` });
    }
    const worker = fx.worker({ concurrency: 8, perTargetConcurrency: 2 });
    const draining = worker.drain();
    await fastGot.reached;
    // every slow attempt is still hanging (none has timed out and been retried) when the fast target is done
    const slowSettledBeforeFastDone = worker.stats.retried + worker.stats.failed;
    await worker.stop();
    await draining;
    await Promise.all([slow.close(), fast.close()]);
    expect(slowSettledBeforeFastDone).to.equal(0);
    expect(slow.peakInFlight).to.equal(2);
    expect(new Set(fast.received.map((r) => r.headers['webhook-id'])).size).to.equal(20);
  });

  it('gets all 1,000 events to a target that was down for 10 minutes, each id exactly once', async function () {
    this.timeout(60_000);
    const secret = aWebhookSecret();
    const receiver = await startReceiver();
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${receiver.port}` }, Math.random);
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'erp', 'webhook', { url: receiver.url, secrets: [secret] });
    const worker = fx.worker({ concurrency: 32, perTargetConcurrency: 8 });
    await receiver.refuse();
    for (let i = 0; i < 1000; i += 1) {
      clock.set(new Date(T0.getTime() + i * 600)); // 1,000 events over the 10 minutes
      await fx.enqueue(tenant, 'erp', { id: `msg_${i}` });
      if (i % 10 === 9) await worker.drain();
    }
    expect(receiver.received).to.have.length(0);
    clock.set(new Date(T0.getTime() + 10 * MINUTE));
    await receiver.recover();
    for (let step = 0; step < 180 && (await listJobs(db(), tenant, { limit: 1 })).length > 0; step += 1) {
      clock.advance(MINUTE);
      await worker.drain();
    }
    await receiver.close();
    const ids = receiver.received.map((r) => r.headers['webhook-id'] as string);
    expect(ids).to.have.length(1000);
    expect(new Set(ids).size).to.equal(1000);
    for (const r of receiver.received) {
      const at = new Date(Number(r.headers['webhook-timestamp']) * 1000);
      expect(verifyWebhook(headersOf(r), r.body, secret, at).ok).to.equal(true);
    }
    expect(await listJobs(db(), tenant)).to.have.length(0);
  });
});
