import { expect } from 'chai';
import { listJobs } from '../../engine/src/jobs/index.js';
import { configureEndpoint, type Resolver, sendTestMessage, systemResolver } from '../../runtime/src/jobs/index.js';
import { aTenant } from '../support/databases.js';
import { manualClock } from '../support/manualClock.js';
import { type Canaries, startCanaries } from './support/canaries.js';
import { aWebhookSecret, deliveryFixture } from './support/deliveryFixture.js';
import { describeOnPostgres } from './support/postgresSuite.js';

const T0 = new Date('2026-03-02T09:00:00Z');

/** Test names that resolve to this machine, as a hostile or rebinding DNS answer would. */
const HOSTILE_DNS: Readonly<Record<string, readonly { address: string; family: number }[]>> = {
  'rebind.test': [{ address: '127.0.0.1', family: 4 }],
  'v6.rebind.test': [{ address: '::1', family: 6 }],
  'mapped.rebind.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
  'two.rebind.test': [
    { address: '127.0.0.2', family: 4 },
    { address: '::1', family: 6 },
  ],
};

const hostileResolver: Resolver = async (hostname) => HOSTILE_DNS[hostname] ?? systemResolver(hostname);

/** Every spelling of "this machine" we know, aimed at the canaries' ports. */
function webhookTargets(c: Canaries): string[] {
  const p = c.list[0]!.port;
  const p2 = c.list.find((x) => x.host === '127.0.0.2')!.port;
  const p3 = c.list.find((x) => x.host === '127.5.6.7')!.port;
  return [
    `http://127.0.0.1:${p}/`,
    `http://127.1:${p}/`,
    `http://127.0.1:${p}/`,
    `http://0x7f.0.0.1:${p}/`,
    `http://0x7f.1:${p}/`,
    `http://0x7f000001:${p}/`,
    `http://017700000001:${p}/`,
    `http://0177.0.0.1:${p}/`,
    `http://2130706433:${p}/`,
    `http://127.000.000.001:${p}/`,
    `http://127.0.0.1.:${p}/`,
    `http://①②⑦.0.0.1:${p}/`,
    `http://0:${p}/`,
    `http://0.0.0.0:${p}/`,
    `http://[::]:${p}/`,
    `http://[::1]:${p}/`,
    `http://[0:0:0:0:0:0:0:1]:${p}/`,
    `http://[::ffff:127.0.0.1]:${p}/`,
    `http://[::ffff:7f00:1]:${p}/`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]:${p}/`,
    `http://[::127.0.0.1]:${p}/`,
    `http://[::1%25lo]:${p}/`,
    `http://localhost:${p}/`,
    `http://LOCALHOST:${p}/`,
    `http://localhost.:${p}/`,
    `http://app.localhost:${p}/`,
    `https://127.0.0.1:${p}/`,
    `https://localhost:${p}/`,
    `http://127.0.0.2:${p2}/`,
    `http://127.5.6.7:${p3}/`,
    `http://rebind.test:${p}/`,
    `http://v6.rebind.test:${p}/`,
    `http://mapped.rebind.test:${p}/`,
    `http://two.rebind.test:${p2}/`,
    `http://user:pass@127.0.0.1:${p}/`,
    `http://example.com@127.0.0.1:${p}/`,
    `ftp://127.0.0.1:${p}/`,
    `gopher://127.0.0.1:${p}/_`,
    `ws://127.0.0.1:${p}/`,
    'file:///etc/passwd',
  ];
}

function smtpHosts(c: Canaries): { host: string; port: number }[] {
  const p = c.list[0]!.port;
  const p2 = c.list.find((x) => x.host === '127.0.0.2')!.port;
  return [
    '127.0.0.1',
    '127.1',
    '0x7f.0.0.1',
    '2130706433',
    '017700000001',
    'localhost',
    '::1',
    '[::1]',
    '0.0.0.0',
    '0',
    '::ffff:127.0.0.1',
    'rebind.test',
    'v6.rebind.test',
  ]
    .map((host) => ({ host, port: p }))
    .concat([{ host: '127.0.0.2', port: p2 }]);
}

describeOnPostgres('delivery: SSRF guard against canaries on loopback', (db) => {
  let canaries: Canaries;
  beforeEach(async () => {
    canaries = await startCanaries();
  });
  afterEach(async () => {
    await canaries.close();
  });

  it('reaches none of 60+ internal targets through webhooks, robots, SMTP or the send-test button', async () => {
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { resolve: hostileResolver, timeoutMs: 2000 });
    const tenant = aTenant();
    const endpoints: { id: string; channel: string; config: Record<string, unknown> }[] = [];
    webhookTargets(canaries).forEach((url, i) => {
      endpoints.push({ id: `hook-${i}`, channel: 'webhook', config: { url, secrets: [aWebhookSecret()] } });
    });
    webhookTargets(canaries)
      .slice(0, 12)
      .forEach((url, i) => {
        endpoints.push({ id: `wecom-${i}`, channel: 'wecom', config: { url: `${url}cgi-bin/webhook/send?key=k` } });
        endpoints.push({
          id: `ding-${i}`,
          channel: 'dingtalk',
          config: { url: `${url}robot/send?access_token=t`, secret: 'SEC0123456789abcdef0123' },
        });
      });
    smtpHosts(canaries).forEach(({ host, port }, i) => {
      endpoints.push({
        id: `smtp-${i}`,
        channel: 'email',
        config: { host, port, security: 'none', from: 'crm@example.com', to: ['boss@example.com'] },
      });
    });
    for (const e of endpoints) {
      await fx.saveRaw(tenant, e.id, e.channel, e.config);
      await fx.enqueue(tenant, e.id, { id: `msg-${e.id}`, text: 'hello' });
    }
    const tests = await Promise.all(
      endpoints.filter((_, i) => i % 10 === 0).map((e) => sendTestMessage(fx.services, tenant, e.id)),
    );
    await fx.worker({ concurrency: 32 }).drain();

    expect(endpoints.length + tests.length).to.be.at.least(60);
    expect(canaries.list.map((c) => `${c.host}:${c.port}=${c.connections}`)).to.deep.equal(
      canaries.list.map((c) => `${c.host}:${c.port}=0`),
    );
    expect(tests.map((t) => t.status)).to.deep.equal(tests.map(() => 'rejected'));
    const failed = await listJobs(db(), tenant, { state: 'failed', limit: 500 });
    const pending = await listJobs(db(), tenant, { state: 'pending', limit: 500 });
    expect(pending.map((j) => `${(j.payload as { endpointId: string }).endpointId}: ${j.lastError}`)).to.deep.equal([]);
    expect(failed).to.have.length(endpoints.length);
    for (const job of failed) {
      expect(job.lastError).to.match(
        /not allowed as a target|only http and https|user name or password|not a valid URL/,
      );
    }
  });

  it('accepts a name that resolved to a public address when saved and refuses it when it rebinds to loopback', async () => {
    const port = canaries.list[0]!.port;
    let answers = 0;
    // first answer (when the admin saves) is public; every later one (when connecting) is loopback
    const rebinding: Resolver = async () => [{ address: answers++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { resolve: rebinding });
    const tenant = aTenant();
    const saved = await configureEndpoint(fx.services, {
      tenantId: tenant,
      id: 'erp',
      channel: 'webhook',
      config: { url: `http://erp.example.test:${port}/hooks`, secrets: [aWebhookSecret()] },
    });
    expect(saved.secretsSet).to.deep.equal(['secrets']);
    await fx.enqueue(tenant, 'erp', { id: 'msg_rebind' });
    await fx.worker().drain();
    expect(canaries.total()).to.equal(0);
    const [job] = await listJobs(db(), tenant, { state: 'failed' });
    expect(job?.lastError).to.equal(
      'erp.example.test resolves to 127.0.0.1, which is not allowed as a target: loopback (127.0.0.0/8)',
    );
  });

  it('does reach a loopback listener the operator allow-listed (so the canaries can tell)', async () => {
    const canary = canaries.list[0]!;
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${canary.port}`, timeoutMs: 2000 });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'lan', 'webhook', {
      url: `http://127.0.0.1:${canary.port}/`,
      secrets: [aWebhookSecret()],
    });
    await fx.enqueue(tenant, 'lan', { id: 'msg_allowed' });
    await fx.worker().drain();
    expect(canary.connections).to.equal(1);
  });
});
