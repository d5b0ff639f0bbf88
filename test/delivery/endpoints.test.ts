import { LeadforgeError } from '@leadforge/engine';
import { expect } from 'chai';
import { verifyWebhook } from '../../engine/src/delivery/index.js';
import { configureEndpoint, describeEndpoint, sendTestMessage } from '../../runtime/src/jobs/index.js';
import { aTenant } from '../support/databases.js';
import { manualClock } from '../support/manualClock.js';
import { aWebhookSecret, deliveryFixture } from './support/deliveryFixture.js';
import { describeOnPostgres } from './support/postgresSuite.js';
import { startReceiver } from './support/receiver.js';

const T0 = new Date('2026-03-02T09:00:00Z');

async function problemsOf(work: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  try {
    await work;
  } catch (error) {
    if (error instanceof LeadforgeError && error.code === 'INVALID') return [...error.details];
    throw error;
  }
  throw new Error('expected the endpoint to be refused');
}

describeOnPostgres('delivery: endpoint configuration', (db) => {
  const noDns = async () => [];

  it('refuses a misconfigured endpoint with a pointer to each mistake', async () => {
    const fx = deliveryFixture(db(), manualClock(T0), { resolve: noDns });
    const tenant = aTenant();
    const configure = (channel: string, config: Record<string, unknown>) =>
      problemsOf(configureEndpoint(fx.services, { tenantId: tenant, id: 'e', channel, config }));
    expect(await configure('webhook', { url: 'not a url' })).to.deep.include.members([
      { path: '/config/secrets', message: 'is required' },
    ]);
    expect(
      (await configure('webhook', { url: 'not a url', secrets: [aWebhookSecret()] })).map((p) => p.path),
    ).to.include('/config/url');
    expect(
      await configure('webhook', { url: 'http://169.254.169.254/latest/meta-data/', secrets: [aWebhookSecret()] }),
    ).to.deep.equal([
      {
        path: '/config/url',
        message: '169.254.169.254 is not allowed as a target: cloud metadata service (169.254.169.254)',
      },
    ]);
    expect(
      await configure('webhook', { url: 'https://u:p@hooks.example.com/', secrets: [aWebhookSecret()] }),
    ).to.deep.equal([{ path: '/config/url', message: 'a URL must not carry a user name or password' }]);
    expect(
      await configure('webhook', { url: 'https://hooks.example.com/', secrets: ['hunter2'] }),
    ).to.have.deep.nested.property('[0].path', '/config/secrets/0');
    expect(
      await configure('email', { host: '10.0.0.5', from: 'crm@acme.example', password: 'x', colour: 'red' }),
    ).to.deep.equal([{ path: '/config/colour', message: 'is not a known setting' }]);
    expect(await configure('email', { host: '10.0.0.5', from: 'crm@acme.example' })).to.deep.equal([
      { path: '/config/host', message: '10.0.0.5 is not allowed as a target: private (10.0.0.0/8)' },
    ]);
    expect(await configure('dingtalk', { url: 'https://oapi.dingtalk.com/robot/send?access_token=t' })).to.deep.equal([
      { path: '/config/secret', message: 'is required' },
    ]);
    expect(await configure('pager', {})).to.deep.equal([
      { path: '/channel', message: 'must be one of: webhook, email, wecom, dingtalk' },
    ]);
  });

  it('refuses a name that resolves to an internal address when the endpoint is saved', async () => {
    const fx = deliveryFixture(db(), manualClock(T0), {
      resolve: async () => [{ address: '192.168.0.10', family: 4 }],
    });
    const problems = await problemsOf(
      configureEndpoint(fx.services, {
        tenantId: aTenant(),
        id: 'erp',
        channel: 'webhook',
        config: { url: 'https://erp.corp.example/hook', secrets: [aWebhookSecret()] },
      }),
    );
    expect(problems).to.deep.equal([
      { path: '/config/url', message: 'erp.corp.example resolves to 192.168.0.10: private (192.168.0.0/16)' },
    ]);
  });

  it('stores secrets sealed, never returns them, and keeps them when an update leaves them out', async () => {
    const receiver = await startReceiver();
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${receiver.port}` });
    const tenant = aTenant();
    const secret = aWebhookSecret();
    const created = await configureEndpoint(fx.services, {
      tenantId: tenant,
      id: 'erp',
      channel: 'webhook',
      config: { url: `${receiver.url}/v1`, secrets: [secret] },
    });
    expect(created).to.deep.equal({
      id: 'erp',
      channel: 'webhook',
      config: { url: `${receiver.url}/v1` },
      secretsSet: ['secrets'],
      disabled: null,
    });
    const { rows } = await db().query<{ config: unknown }>(
      'SELECT config FROM delivery_endpoints WHERE tenant_id = $1',
      [tenant],
    );
    expect(JSON.stringify(rows)).to.not.include(secret.slice(6));
    expect(JSON.stringify(rows)).to.match(/lfsec:v1:/);
    const updated = await configureEndpoint(fx.services, {
      tenantId: tenant,
      id: 'erp',
      channel: 'webhook',
      config: { url: `${receiver.url}/v2` },
    });
    expect(updated.config).to.deep.equal({ url: `${receiver.url}/v2` });
    expect(JSON.stringify(await describeEndpoint(fx.services, tenant, 'erp'))).to.not.include(secret.slice(6));
    const outcome = await sendTestMessage(fx.services, tenant, 'erp');
    await receiver.close();
    expect(outcome).to.deep.include({ status: 'delivered' });
    const [request] = receiver.received;
    expect(request?.url).to.equal('/v2');
    const headers = {
      'webhook-id': request!.headers['webhook-id'] as string,
      'webhook-timestamp': request!.headers['webhook-timestamp'] as string,
      'webhook-signature': request!.headers['webhook-signature'] as string,
    };
    expect(verifyWebhook(headers, request!.body, secret, clock.now())).to.deep.equal({ ok: true });
  });

  it('refuses to store secrets when no LEADFORGE_SECRET_KEY is configured', async () => {
    const fx = deliveryFixture(db(), manualClock(T0), { resolve: noDns });
    const services = { ...fx.services, keyring: [] };
    let error: unknown;
    await configureEndpoint(services, {
      tenantId: aTenant(),
      id: 'erp',
      channel: 'webhook',
      config: { url: 'https://hooks.example.com/', secrets: [aWebhookSecret()] },
    }).catch((e: unknown) => {
      error = e;
    });
    expect(error).to.be.instanceOf(LeadforgeError);
    expect((error as LeadforgeError).message).to.match(/LEADFORGE_SECRET_KEY/);
  });
});
