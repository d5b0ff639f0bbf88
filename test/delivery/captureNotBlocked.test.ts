import { expect } from 'chai';
import { enqueueDelivery, listEndpointDeliveries } from '../../engine/src/delivery/index.js';
import { DEFAULT_TENANT } from '../../runtime/src/boot.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';
import { aWebhookSecret } from './support/deliveryFixture.js';
import { type Receiver, startReceiver } from './support/receiver.js';

describe('delivery: a failing target never blocks capture', function () {
  this.timeout(60_000);
  let rt: TestRuntime;
  let hanging: Receiver;
  let failing: Receiver;
  let refusing: Receiver;
  let firstHang: Promise<void>;

  before(async () => {
    let arrived: () => void = () => {};
    firstHang = new Promise<void>((resolve) => (arrived = resolve));
    hanging = await startReceiver(() => {
      arrived();
      return 'hang';
    });
    failing = await startReceiver(() => ({ status: 500, body: 'boom' }));
    refusing = await startReceiver();
    await refusing.refuse();
    const allowHosts = [hanging, failing, refusing].map((r) => `127.0.0.1:${r.port}`).join(',');
    rt = await startTestRuntime({ delivery: { allowHosts }, jobs: true });
  });
  after(async () => {
    await rt?.close();
    for (const r of [hanging, failing, refusing]) await r?.close();
  });

  it('captures leads over HTTP while deliveries hang, fail with 500 and are refused, and loses none of them', async () => {
    for (const [id, receiver] of [
      ['hangs', hanging],
      ['fails', failing],
      ['refuses', refusing],
    ] as const) {
      const made = await rt.admin.post('/api/v1/delivery/endpoints', {
        id,
        channel: 'webhook',
        config: { url: `${receiver.url}/in`, secrets: [aWebhookSecret()] },
      });
      expect(made.status, made.text).to.equal(201);
      await rt.ctx.db.transaction(async (tx) => {
        for (let i = 0; i < 20; i += 1) {
          await enqueueDelivery(
            tx,
            {
              tenantId: DEFAULT_TENANT,
              endpointId: id,
              message: { id: `${id}-${i}`, event: 'lead.created', occurredAt: new Date().toISOString(), data: { i } },
            },
            rt.ctx.clock.now(),
          );
        }
      });
    }
    rt.jobs!.wake();
    await firstHang; // the worker now holds connections the hanging target never answers

    const captured = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        rt.admin.post('/api/v1/capture/lead', { data: { name: `Busy ${i}`, email: `busy${i}@example.com` } }),
      ),
    );
    for (const r of captured) expect(r.status, r.text).to.equal(201);
    const count = await rt.admin.get('/api/v1/records/lead/count');
    expect(count.body.count).to.be.at.least(20);

    // every delivery is still in the outbox, waiting or retrying — none dropped
    for (const id of ['hangs', 'fails', 'refuses']) {
      const queued = await listEndpointDeliveries(rt.ctx.db, DEFAULT_TENANT, id, 100);
      expect(queued.map((d) => d.messageId).sort(), id).to.deep.equal(
        Array.from({ length: 20 }, (_, i) => `${id}-${i}`).sort(),
      );
      expect(
        queued.every((d) => d.status !== 'failed'),
        id,
      ).to.equal(true);
    }
    expect(hanging.received.length).to.be.greaterThan(0);
  });
});
