import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { enqueueDelivery, verifyWebhook, webhookSecretFromBytes } from '../../engine/src/delivery/index.js';
import { startReceiver } from '../delivery/support/receiver.js';
import { cliEnv, runCli, startCli } from '../support/cliProcess.js';
import { withPostgresDatabase } from '../support/databases.js';
import { client } from '../support/http.js';

describe('cli: leadforge start', function () {
  this.timeout(90_000);
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lf-start-'));
  });
  after(async () => rm(dataDir, { recursive: true, force: true }));

  it('on first start installs the template, creates an admin and prints how to sign in', async () => {
    const server = await startCli(['--data', dataDir]);
    try {
      const m = /as (\S+@\S+) with password (\S+)/.exec(server.output());
      expect(m, server.output()).to.not.equal(null);
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).to.equal(200);
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: m![1], password: m![2] }),
      });
      expect(login.status).to.equal(200);
      expect(server.output()).to.include('b2b-saas');
    } finally {
      expect(await server.stop()).to.equal(0);
    }
    expect(existsSync(path.join(dataDir, 'leadforge.lock'))).to.equal(false);
  });

  it('prints no password on a later start: there is no fixed default password', async () => {
    const server = await startCli(['--data', dataDir]);
    try {
      expect(server.output()).not.to.match(/with password/);
    } finally {
      await server.stop();
    }
  });

  it('refuses a second process on the same data folder with a clear message', async () => {
    const server = await startCli(['--data', dataDir]);
    try {
      const second = await runCli(['start', '--port', '0', '--data', dataDir]);
      expect(second.code).to.not.equal(0);
      expect(second.stderr).to.match(/in use by another Leadforge process/);
    } finally {
      await server.stop();
    }
  });

  it('answers a bad flag with a usage error, not a crash', async () => {
    const r = await runCli(['start', '--prot', '3000']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('--prot');
  });

  it('runs the job worker: an endpoint configured through the API gets a signed test message and outbox deliveries', async () => {
    const receiver = await startReceiver();
    const database = await withPostgresDatabase();
    expect(database.url, 'this test needs PostgreSQL').to.be.a('string');
    const arrived: Array<() => void> = [];
    const next = () => new Promise<void>((resolve) => arrived.push(resolve));
    receiver.answer = () => {
      queueMicrotask(() => arrived.shift()?.());
      return { status: 200 };
    };
    const server = await startCli(
      ['--data', path.join(dataDir, 'postgres-run')],
      cliEnv({
        DATABASE_URL: database.url!,
        LEADFORGE_DELIVERY_ALLOW_HOSTS: `127.0.0.1:${receiver.port}`,
        LEADFORGE_SECRET_KEY: randomBytes(32).toString('base64'),
        LEADFORGE_ADMIN_PASSWORD: 'a long enough password',
      }),
    );
    const db = new pg.Client({ connectionString: database.url });
    try {
      const m = /as (\S+@\S+) with password/.exec(server.output());
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: m![1], password: 'a long enough password' }),
      });
      expect(login.status, server.output()).to.equal(200);
      const admin = client(server.url, ((await login.json()) as { token: string }).token);
      const secret = webhookSecretFromBytes(randomBytes(32));
      const created = await admin.post('/api/v1/delivery/endpoints', {
        id: 'erp',
        channel: 'webhook',
        config: { url: `${receiver.url}/erp`, secrets: [secret] },
      });
      expect(created.status, created.text).to.equal(201);

      const tested = await admin.post('/api/v1/delivery/endpoints/erp/test');
      expect(tested.status, tested.text).to.equal(200);
      expect(tested.body.delivered).to.equal(true);
      const test = receiver.received[0]!;
      expect(verifyWebhook(test.headers as Record<string, string>, test.body, secret, new Date())).to.deep.equal({
        ok: true,
      });

      // an outbox row written by another connection, as a capture's transaction would: the worker sends it
      const delivered = next();
      await db.connect();
      await enqueueDelivery(
        {
          query: async (text, params) => {
            const result = await db.query(text, params as unknown[]);
            return { rows: result.rows, rowCount: result.rowCount ?? 0 };
          },
        },
        {
          tenantId: 'default',
          endpointId: 'erp',
          message: { id: 'msg_cli_1', event: 'lead.created', occurredAt: new Date().toISOString(), data: { id: 1 } },
        },
        new Date(),
      );
      await delivered;
      const sent = receiver.received.find((r) => r.headers['webhook-id'] === 'msg_cli_1')!;
      expect(sent.url).to.equal('/erp');
      expect(verifyWebhook(sent.headers as Record<string, string>, sent.body, secret, new Date()).ok).to.equal(true);
      expect(JSON.parse(sent.body)).to.deep.include({ type: 'lead.created', data: { id: 1 } });
    } finally {
      expect(await server.stop()).to.equal(0);
      await db.end().catch(() => {});
      await receiver.close();
      await database.drop();
    }
  });
});
