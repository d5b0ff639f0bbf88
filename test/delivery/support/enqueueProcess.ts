// Commits an outbox message in a transaction, reports it, then waits to be killed with SIGKILL
// before any worker in this process could send it.
import { enqueueDelivery } from '../../../engine/src/delivery/index.js';
import { openPostgres } from '../../../runtime/src/store/index.js';

const db = await openPostgres(process.env['LF_TEST_DB_URL']!, { max: 1 });
const now = new Date(Number(process.env['LF_CLOCK_AT']));
await db.transaction(async (tx) => {
  await tx.query('INSERT INTO test_changes (note) VALUES ($1)', ['lead captured']);
  await enqueueDelivery(
    tx,
    {
      tenantId: process.env['LF_TENANT']!,
      endpointId: 'erp',
      message: { id: 'msg_committed', event: 'lead.created', occurredAt: now.toISOString(), data: { n: 1 } },
    },
    now,
  );
});
process.send?.({ type: 'committed' });
setInterval(() => {}, 1 << 30);
