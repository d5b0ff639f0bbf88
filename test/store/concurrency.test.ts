import { expect } from 'chai';
import { getRecord, type RowScope, updateRecord } from '../../engine/src/store/index.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import { aLead } from '../support/recordFixtures.js';

const ALL: RowScope = { kind: 'all' };

describeEachDriver('store: optimistic concurrency', (ctx) => {
  it('answers stale with the current version when the expected version is old', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada' });
    const patch = (expectedVersion: number, name: string) =>
      updateRecord(ctx.db(), {
        tenantId,
        object: 'lead',
        id: record.id,
        scope: ALL,
        expectedVersion,
        set: { name },
        actorId: null,
      });
    expect((await patch(1, 'Ada L.')).status).to.equal('ok');
    expect(await patch(1, 'Ada K.')).to.deep.equal({ status: 'stale', currentVersion: 2 });
    const current = await getRecord(ctx.db(), { tenantId, object: 'lead', id: record.id, scope: ALL });
    expect(current?.data['name']).to.equal('Ada L.');
  });

  it('lets exactly one of many concurrent writers holding the same version win', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada', employees: 0 });
    const writers = Array.from({ length: 8 }, (_, i) =>
      ctx.db().transaction((tx) =>
        updateRecord(tx, {
          tenantId,
          object: 'lead',
          id: record.id,
          scope: ALL,
          expectedVersion: 1,
          set: { employees: i + 1 },
          actorId: null,
        }),
      ),
    );
    const results = await Promise.all(writers);
    const winners = results.filter((r) => r.status === 'ok');
    expect(winners).to.have.length(1);
    expect(results.filter((r) => r.status === 'stale')).to.have.length(7);
    for (const r of results) if (r.status === 'stale') expect(r.currentVersion).to.equal(2);
    const current = await getRecord(ctx.db(), { tenantId, object: 'lead', id: record.id, scope: ALL });
    expect(current?.version).to.equal(2);
    expect(winners[0]!.status === 'ok' && winners[0]!.record.data['employees']).to.equal(current?.data['employees']);
    const history = await ctx
      .db()
      .query<{ n: number }>('SELECT count(*)::int AS n FROM record_history WHERE tenant_id = $1 AND record_id = $2', [
        tenantId,
        record.id,
      ]);
    expect(history.rows[0]!.n).to.equal(2);
  });

  it('rolls the whole transaction back when the caller throws after a write', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada' });
    await ctx
      .db()
      .transaction(async (tx) => {
        await updateRecord(tx, {
          tenantId,
          object: 'lead',
          id: record.id,
          scope: ALL,
          expectedVersion: 1,
          set: { name: 'X' },
          actorId: null,
        });
        throw new Error('guard failed');
      })
      .catch(() => {});
    const current = await getRecord(ctx.db(), { tenantId, object: 'lead', id: record.id, scope: ALL });
    expect(current).to.deep.equal(record);
  });
});
