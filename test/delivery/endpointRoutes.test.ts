import { expect } from 'chai';
import { enqueueDelivery, parseAllowList, verifyWebhook } from '../../engine/src/delivery/index.js';
import { DEFAULT_TENANT } from '../../runtime/src/boot.js';
import { deliveryPolicy, type Resolver } from '../../runtime/src/jobs/deliveryPolicy.js';
import { setRuntimeDelivery } from '../../runtime/src/jobs/runtimeDelivery.js';
import { createJobRunner } from '../../runtime/src/jobs/startJobs.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';
import { type Canaries, startCanaries } from './support/canaries.js';
import { aWebhookSecret } from './support/deliveryFixture.js';
import { type Receiver, startReceiver } from './support/receiver.js';

const BASE = '/api/v1/delivery/endpoints';

describe('delivery endpoints over HTTP (admin)', function () {
  this.timeout(60_000);
  let rt: TestRuntime;
  let receiver: Receiver;
  let canaries: Canaries;
  /** The test's DNS: `public.test` answers a public address until `rebind` flips it to loopback. */
  let rebound = false;
  const resolve: Resolver = async (host) =>
    host === 'rebind.test'
      ? [{ address: rebound ? '127.0.0.1' : '93.184.216.34', family: 4 }]
      : [{ address: '93.184.216.34', family: 4 }];

  before(async () => {
    receiver = await startReceiver();
    canaries = await startCanaries();
    rt = await startTestRuntime({ delivery: { allowHosts: `127.0.0.1:${receiver.port}`, resolve } });
  });
  after(async () => {
    await rt?.close();
    await receiver?.close();
    await canaries?.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answer = () => ({ status: 200 });
  });

  async function createHook(id: string, secret = aWebhookSecret(), url = `${receiver.url}/hooks/${id}`) {
    const r = await rt.admin.post(BASE, { id, channel: 'webhook', config: { url, secrets: [secret] } });
    expect(r.status, r.text).to.equal(201);
    return { secret, body: r.body };
  }

  it('creates a webhook endpoint, seals its secret at rest and never answers it', async () => {
    const { secret, body } = await createHook('crm-sync');
    expect(body).to.deep.equal({
      id: 'crm-sync',
      channel: 'webhook',
      config: { url: `${receiver.url}/hooks/crm-sync` },
      secretsSet: ['secrets'],
      disabled: null,
    });
    const list = await rt.admin.get(BASE);
    const one = await rt.admin.get(`${BASE}/crm-sync`);
    for (const r of [list, one]) {
      expect(r.status).to.equal(200);
      expect(r.text).not.to.include(secret);
      expect(r.text).not.to.include('whsec_');
    }
    expect(list.body.endpoints.map((e: { id: string }) => e.id)).to.include('crm-sync');
    const { rows } = await rt.ctx.db.query<{ config: { secrets: unknown } }>(
      'SELECT config FROM delivery_endpoints WHERE tenant_id = $1 AND id = $2',
      [DEFAULT_TENANT, 'crm-sync'],
    );
    expect(JSON.stringify(rows[0]!.config)).not.to.include(secret.slice(6));
    expect(
      (
        await rt.admin.post(BASE, {
          id: 'crm-sync',
          channel: 'webhook',
          config: { url: receiver.url, secrets: [secret] },
        })
      ).status,
    ).to.equal(409);
  });

  it('lists the channels the four plugins provide, with their config schemas', async () => {
    const r = await rt.admin.get('/api/v1/delivery/channels');
    expect(r.status).to.equal(200);
    expect(r.body.channels.map((c: { name: string }) => c.name)).to.have.members([
      'webhook',
      'email',
      'wecom',
      'dingtalk',
    ]);
  });

  it('sends a test message the receiver can verify with the endpoint secret', async () => {
    const { secret } = await createHook('test-me');
    const r = await rt.admin.post(`${BASE}/test-me/test`);
    expect(r.status, r.text).to.equal(200);
    expect(r.body.delivered).to.equal(true);
    expect(receiver.received).to.have.length(1);
    const got = receiver.received[0]!;
    expect(got.url).to.equal('/hooks/test-me');
    expect(verifyWebhook(got.headers as Record<string, string>, got.body, secret, new Date())).to.deep.equal({
      ok: true,
    });
    expect(JSON.parse(got.body).type).to.equal('leadforge.test');
  });

  it('answers a failing target as the outcome of the test, not as an error of ours', async () => {
    await createHook('flaky');
    receiver.answer = () => ({ status: 500, body: 'boom' });
    const r = await rt.admin.post(`${BASE}/flaky/test`);
    expect(r.status).to.equal(200);
    expect(r.body.delivered).to.equal(false);
    expect(r.body.outcome.status).to.equal('retry');
  });

  it('rotates a webhook secret: old and new both verify until the old ones are retired', async () => {
    const { secret: old } = await createHook('rotating');
    const rotated = await rt.admin.post(`${BASE}/rotating/rotate-secret`, {});
    expect(rotated.status, rotated.text).to.equal(200);
    const fresh: string = rotated.body.secret;
    expect(fresh).to.match(/^whsec_/);
    expect(rotated.body.endpoint.secretsSet).to.deep.equal(['secrets']);
    expect((await rt.admin.get(`${BASE}/rotating`)).text).not.to.include(fresh);

    await rt.admin.post(`${BASE}/rotating/test`);
    const during = receiver.received.at(-1)!;
    for (const secret of [old, fresh])
      expect(verifyWebhook(during.headers as Record<string, string>, during.body, secret, new Date()).ok).to.equal(
        true,
      );

    const retired = await rt.admin.post(`${BASE}/rotating/retire-secrets`);
    expect(retired.status, retired.text).to.equal(200);
    await rt.admin.post(`${BASE}/rotating/test`);
    const after = receiver.received.at(-1)!;
    const headers = after.headers as Record<string, string>;
    expect(verifyWebhook(headers, after.body, fresh, new Date()).ok).to.equal(true);
    expect(verifyWebhook(headers, after.body, old, new Date()).ok).to.equal(false);

    const chosen = aWebhookSecret();
    const mine = await rt.admin.post(`${BASE}/rotating/rotate-secret`, { secret: chosen });
    expect(mine.status).to.equal(200);
    expect(mine.body).not.to.have.property('secret');
    const bad = await rt.admin.post(`${BASE}/rotating/rotate-secret`, { secret: 'hunter2' });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details[0].path).to.equal('/secret');
  });

  it('refuses forbidden targets at save with 422 naming /config/url, and stores nothing', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://0x7f.0.0.1/',
      'http://127.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://100.100.100.200/',
      'http://localhost/',
      `http://127.0.0.1:${canaries.list[0]!.port}/`,
      'ftp://example.com/',
      'https://user:pw@example.com/',
    ]) {
      const r = await rt.admin.post(BASE, {
        id: 'nope',
        channel: 'webhook',
        config: { url, secrets: [aWebhookSecret()] },
      });
      expect(r.status, url).to.equal(422);
      expect(
        r.body.error.details.map((d: { path: string }) => d.path),
        url,
      ).to.include('/config/url');
    }
    expect((await rt.admin.get(`${BASE}/nope`)).status).to.equal(404);
    const missing = await rt.admin.post(BASE, {
      id: 'nope',
      channel: 'webhook',
      config: { url: 'https://example.com/' },
    });
    expect(missing.status).to.equal(422);
    expect(missing.body.error.details).to.deep.include({ path: '/config/secrets', message: 'is required' });
    expect(canaries.total()).to.equal(0);
  });

  it('send test refuses a target that became forbidden (DNS rebinding, allow list withdrawn) with 422; no canary is reached', async () => {
    const canary = canaries.list[0]!;
    const r = await rt.admin.post(BASE, {
      id: 'rebinder',
      channel: 'webhook',
      config: { url: `http://rebind.test:${canary.port}/`, secrets: [aWebhookSecret()] },
    });
    expect(r.status, r.text).to.equal(201);
    rebound = true;
    try {
      const test = await rt.admin.post(`${BASE}/rebinder/test`);
      expect(test.status, test.text).to.equal(422);
      expect(test.body.error.details[0].path).to.equal('/config/url');
      expect(test.body.error.details[0].message).to.include('127.0.0.1');
    } finally {
      rebound = false;
    }
    await createHook('was-allowed');
    const saved = rt.delivery;
    setRuntimeDelivery(rt.ctx, { policy: deliveryPolicy({ allowList: parseAllowList(''), resolve }) });
    try {
      const test = await rt.admin.post(`${BASE}/was-allowed/test`);
      expect(test.status, test.text).to.equal(422);
      expect(test.body.error.details[0].path).to.equal('/config/url');
    } finally {
      setRuntimeDelivery(rt.ctx, saved);
    }
    expect(receiver.received).to.have.length(0);
    expect(canaries.total()).to.equal(0);
  });

  it('updates keep omitted secrets, refuse a forbidden URL and leave the endpoint as it was', async () => {
    const { secret } = await createHook('movable');
    const moved = await rt.admin.put(`${BASE}/movable`, { config: { url: `${receiver.url}/moved` } });
    expect(moved.status, moved.text).to.equal(200);
    expect(moved.body.config.url).to.equal(`${receiver.url}/moved`);
    expect(moved.body.secretsSet).to.deep.equal(['secrets']);
    const refused = await rt.admin.put(`${BASE}/movable`, { config: { url: 'http://169.254.169.254/' } });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.details[0].path).to.equal('/config/url');
    await rt.admin.post(`${BASE}/movable/test`);
    const got = receiver.received.at(-1)!;
    expect(got.url).to.equal('/moved');
    expect(verifyWebhook(got.headers as Record<string, string>, got.body, secret, new Date()).ok).to.equal(true);
  });

  it('shows queued deliveries with attempts, last error and next attempt; a 410 disables, enable re-enables', async () => {
    await createHook('outboxed');
    await enqueueDelivery(
      rt.ctx.db,
      {
        tenantId: DEFAULT_TENANT,
        endpointId: 'outboxed',
        message: { id: 'msg_1', event: 'lead.created', occurredAt: new Date().toISOString(), data: { n: 1 } },
      },
      rt.ctx.clock.now(),
    );
    const waiting = await rt.admin.get(`${BASE}/outboxed/deliveries`);
    expect(waiting.status).to.equal(200);
    expect(waiting.body.deliveries).to.have.length(1);
    expect(waiting.body.deliveries[0]).to.include({ messageId: 'msg_1', status: 'pending', attempts: 0 });

    const worker = createJobRunner({ ...rt.delivery, handlers: {} });
    receiver.answer = () => ({ status: 503, body: 'down' });
    await worker.drain();
    const retrying = (await rt.admin.get(`${BASE}/outboxed/deliveries?limit=10`)).body.deliveries[0];
    expect(retrying).to.include({ messageId: 'msg_1', status: 'retrying', attempts: 1 });
    expect(retrying.lastError).to.include('503');
    expect(new Date(retrying.nextAttemptAt).getTime()).to.be.greaterThan(Date.now());

    // the worker claims by the process clock in whole milliseconds, which can lag the database's now() by a fraction of one
    await rt.ctx.db.query(
      `UPDATE jobs SET run_at = now() - interval '1 minute' WHERE tenant_id = $1 AND target LIKE '%outboxed'`,
      [DEFAULT_TENANT],
    );
    receiver.answer = () => ({ status: 410 });
    await worker.drain();
    const gone = await rt.admin.get(`${BASE}/outboxed`);
    expect(gone.body.disabled).to.not.equal(null);
    const failed = (await rt.admin.get(`${BASE}/outboxed/deliveries`)).body.deliveries[0];
    expect(failed).to.include({ status: 'failed', nextAttemptAt: null });

    const enabled = await rt.admin.post(`${BASE}/outboxed/enable`);
    expect(enabled.status).to.equal(200);
    expect(enabled.body.disabled).to.equal(null);

    expect((await rt.admin.delete(`${BASE}/outboxed`)).status).to.equal(204);
    expect((await rt.admin.get(`${BASE}/outboxed`)).status).to.equal(404);
    expect((await rt.admin.get(`${BASE}/outboxed/deliveries`)).status).to.equal(404);
    expect((await rt.admin.delete(`${BASE}/outboxed`)).status).to.equal(404);
  });
});
