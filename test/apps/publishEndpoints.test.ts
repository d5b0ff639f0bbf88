import { expect } from 'chai';
import { disableEndpoint, parseAllowList } from '../../engine/src/delivery/index.js';
import { DEFAULT_TENANT } from '../../runtime/src/boot.js';
import { deliveryPolicy } from '../../runtime/src/jobs/deliveryPolicy.js';
import { setRuntimeDelivery } from '../../runtime/src/jobs/runtimeDelivery.js';
import { aWebhookSecret } from '../delivery/support/deliveryFixture.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

type Files = Record<string, unknown>;

const FILE = 'automations/to-erp.json';
const POINTER = `${FILE}:/actions/0/endpoint`;

function toErp(endpoint: string) {
  return {
    id: 'to-erp',
    object: 'lead',
    trigger: { type: 'record.created' },
    actions: [{ type: 'webhook', endpoint }],
  };
}

describe('publish: the delivery endpoints a package names must exist and be sound', function () {
  this.timeout(60_000);
  let rt: TestRuntime;
  let base: Files;
  const publicDns = async () => [{ address: '93.184.216.34', family: 4 }];

  before(async () => {
    rt = await startTestRuntime({ delivery: { allowHosts: '127.0.0.1:9', resolve: publicDns } });
    base = (await rt.admin.get('/api/v1/app/draft')).body.package.files;
  });
  after(async () => rt?.close());

  async function publishWith(endpoint: string) {
    const saved = await rt.admin.put('/api/v1/app/draft', { files: { ...base, [FILE]: toErp(endpoint) } });
    expect(saved.status, saved.text).to.equal(200);
    const validated = await rt.admin.post('/api/v1/app/draft/validate', {});
    const published = await rt.admin.post('/api/v1/app/publish', {});
    return { validated: validated.body, published };
  }

  function refusal(published: { status: number; body: any }): { path: string; message: string } {
    expect(published.status, JSON.stringify(published.body)).to.equal(422);
    expect(published.body.error.details).to.have.length(1);
    return published.body.error.details[0];
  }

  it('refuses an endpoint that does not exist, at the file and pointer (validate says the same)', async () => {
    const { validated, published } = await publishWith('erp');
    const problem = refusal(published);
    expect(problem.path).to.equal(POINTER);
    expect(problem.message).to.include('endpoint "erp" does not exist');
    expect(validated.valid).to.equal(false);
    expect(validated.problems).to.deep.equal([
      `${FILE}: /actions/0/endpoint: endpoint "erp" does not exist: create it with POST /api/v1/delivery/endpoints before publishing`,
    ]);
  });

  it('refuses a URL in place of the endpoint id, with what the SSRF rules say', async () => {
    const { published } = await publishWith('http://169.254.169.254/latest/meta-data/');
    const problem = refusal(published);
    expect(problem.path).to.equal(POINTER);
    expect(problem.message).to.include('not a URL');
    expect(problem.message).to.include('169.254.169.254');
  });

  it('refuses an endpoint of another channel', async () => {
    const made = await rt.admin.post('/api/v1/delivery/endpoints', {
      id: 'mailer',
      channel: 'email',
      config: { host: 'smtp.example.com', from: 'crm@example.com' },
    });
    expect(made.status, made.text).to.equal(201);
    const problem = refusal((await publishWith('mailer')).published);
    expect(problem.message).to.equal(
      `${FILE}: /actions/0/endpoint: endpoint "mailer" uses the email channel; this step needs one of the webhook channel`,
    );
  });

  it('publishes once the endpoint exists, and refuses again when its target became forbidden or it was disabled', async () => {
    const made = await rt.admin.post('/api/v1/delivery/endpoints', {
      id: 'erp',
      channel: 'webhook',
      config: { url: 'http://127.0.0.1:9/hooks', secrets: [aWebhookSecret()] },
    });
    expect(made.status, made.text).to.equal(201);
    const ok = await publishWith('erp');
    expect(ok.validated).to.deep.equal({ valid: true, problems: [] });
    expect(ok.published.status, ok.published.text).to.equal(201);

    const saved = rt.delivery;
    setRuntimeDelivery(rt.ctx, { policy: deliveryPolicy({ allowList: parseAllowList(''), resolve: publicDns }) });
    try {
      const problem = refusal((await publishWith('erp')).published);
      expect(problem.path).to.equal(POINTER);
      expect(problem.message).to.match(
        /endpoint: endpoint "erp" is misconfigured: \/url 127\.0\.0\.1 is not allowed as a target: loopback/,
      );
    } finally {
      setRuntimeDelivery(rt.ctx, saved);
    }

    await disableEndpoint(rt.ctx.db, DEFAULT_TENANT, 'erp', 'HTTP 410 Gone', new Date());
    const disabled = refusal((await publishWith('erp')).published);
    expect(disabled.message).to.include('is disabled (HTTP 410 Gone)');
    expect((await rt.admin.post('/api/v1/delivery/endpoints/erp/enable')).status).to.equal(200);
    expect((await publishWith('erp')).published.status).to.equal(201);
  });
});
