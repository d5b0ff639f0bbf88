import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { enqueueDelivery } from '../../engine/src/delivery/index.js';
import { listJobs } from '../../engine/src/jobs/index.js';
import { aTenant, describeEachDriver, openTestDriver } from '../support/databases.js';
import { manualClock } from '../support/manualClock.js';
import { aWebhookSecret, deliveryFixture } from './support/deliveryFixture.js';
import { startReceiver } from './support/receiver.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const here = path.dirname(fileURLToPath(import.meta.url));

describeEachDriver('delivery: the outbox commits with the change', ({ db }) => {
  it('never sends a message whose transaction rolled back, and sends the committed one', async () => {
    const receiver = await startReceiver();
    const clock = manualClock(T0);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${receiver.port}` });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'erp', 'webhook', { url: receiver.url, secrets: [aWebhookSecret()] });
    const message = (id: string) => ({ id, event: 'lead.created', occurredAt: T0.toISOString(), data: {} });
    await db()
      .transaction(async (tx) => {
        await enqueueDelivery(tx, { tenantId: tenant, endpointId: 'erp', message: message('msg_rolled_back') }, T0);
        throw new Error('dedupe found a conflict; the capture is rejected');
      })
      .catch(() => {});
    await db().transaction((tx) =>
      enqueueDelivery(tx, { tenantId: tenant, endpointId: 'erp', message: message('msg_committed') }, T0),
    );
    await fx.worker().drain();
    await receiver.close();
    expect(receiver.received.map((r) => r.headers['webhook-id'])).to.deep.equal(['msg_committed']);
  });
});

describe('delivery: a crash between commit and send', function () {
  this.timeout(60_000);

  it('still sends a message whose process was killed with SIGKILL right after the commit', async () => {
    const opened = await openTestDriver('postgres');
    // several processes share one database here, which only PostgreSQL allows: fail loudly, never skip
    if (opened.kind !== 'postgres') throw new Error('this test needs PostgreSQL on 127.0.0.1:5432 (see README)');
    const receiver = await startReceiver();
    try {
      const db = opened.driver;
      await db.exec('CREATE TABLE test_changes (id serial PRIMARY KEY, note text NOT NULL)');
      const clock = manualClock(T0);
      const fx = deliveryFixture(db, clock, { allow: `127.0.0.1:${receiver.port}` });
      const tenant = aTenant();
      await fx.saveRaw(tenant, 'erp', 'webhook', { url: receiver.url, secrets: [aWebhookSecret()] });
      const child = fork(path.join(here, 'support/enqueueProcess.ts'), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, LF_TEST_DB_URL: opened.url, LF_CLOCK_AT: String(T0.getTime()), LF_TENANT: tenant },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', () => reject(new Error('the child exited before committing')));
      });
      child.kill('SIGKILL');
      await exited;
      expect(receiver.received).to.have.length(0);
      await fx.worker().drain();
      expect(receiver.received.map((r) => r.headers['webhook-id'])).to.deep.equal(['msg_committed']);
      expect((await db.query('SELECT note FROM test_changes')).rows).to.deep.equal([{ note: 'lead captured' }]);
      expect(await listJobs(db, tenant)).to.have.length(0);
    } finally {
      await receiver.close();
      await opened.dispose();
    }
  });
});
