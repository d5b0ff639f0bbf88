import { expect } from 'chai';
import {
  listHistory,
  type RowScope,
  restoreRecord,
  softDeleteRecord,
  updateRecord,
} from '../../engine/src/store/index.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import { aLead, aUserId } from '../support/recordFixtures.js';

const ALL: RowScope = { kind: 'all' };

describeEachDriver('store: record history', (ctx) => {
  it('records who created, changed, reassigned, deleted and restored a record, when, and what changed', async () => {
    const tenantId = aTenant();
    const [alice, bob, carol, team] = [aUserId(), aUserId(), aUserId(), aUserId()];
    const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 9, minute));
    const record = await aLead(
      ctx.db(),
      tenantId,
      { name: 'Ada', employees: 12 },
      { ownerId: alice, actorId: alice, now: at(0) },
    );
    const key = { tenantId, object: 'lead', id: record.id, scope: ALL };
    await updateRecord(ctx.db(), {
      ...key,
      expectedVersion: 1,
      set: { employees: 40, phone: '+4930', name: null },
      actorId: bob,
      now: at(1),
    });
    await updateRecord(ctx.db(), {
      ...key,
      expectedVersion: 2,
      set: {},
      owner: { ownerId: carol, teamId: team },
      actorId: bob,
      now: at(2),
    });
    await softDeleteRecord(ctx.db(), { ...key, actorId: carol, now: at(3) });
    await restoreRecord(ctx.db(), { ...key, actorId: alice, now: at(4) });

    expect(await listHistory(ctx.db(), key)).to.deep.equal([
      {
        version: 1,
        action: 'create',
        actorId: alice,
        at: '2024-05-01T09:00:00.000Z',
        changes: {
          name: { from: null, to: 'Ada' },
          employees: { from: null, to: 12 },
          owner: { from: null, to: alice },
        },
      },
      {
        version: 2,
        action: 'update',
        actorId: bob,
        at: '2024-05-01T09:01:00.000Z',
        changes: {
          employees: { from: 12, to: 40 },
          phone: { from: null, to: '+4930' },
          name: { from: 'Ada', to: null },
        },
      },
      {
        version: 3,
        action: 'assign',
        actorId: bob,
        at: '2024-05-01T09:02:00.000Z',
        changes: { owner: { from: alice, to: carol }, team: { from: null, to: team } },
      },
      { version: 4, action: 'delete', actorId: carol, at: '2024-05-01T09:03:00.000Z', changes: {} },
      { version: 5, action: 'restore', actorId: alice, at: '2024-05-01T09:04:00.000Z', changes: {} },
    ]);
  });

  it('writes no history row for a patch that changes nothing', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada' });
    const key = { tenantId, object: 'lead', id: record.id, scope: ALL };
    await updateRecord(ctx.db(), { ...key, expectedVersion: 1, set: { name: 'Ada' }, actorId: null });
    expect((await listHistory(ctx.db(), key))?.map((h) => h.action)).to.deep.equal(['create']);
  });

  it('answers null for a record outside the caller’s scope or tenant', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada' }, { ownerId: aUserId() });
    const own: RowScope = { kind: 'own', userId: aUserId() };
    expect(await listHistory(ctx.db(), { tenantId, object: 'lead', id: record.id, scope: own })).to.equal(null);
    expect(await listHistory(ctx.db(), { tenantId: aTenant(), object: 'lead', id: record.id, scope: ALL })).to.equal(
      null,
    );
  });

  it('still shows the history of a deleted record', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada' });
    await softDeleteRecord(ctx.db(), { tenantId, object: 'lead', id: record.id, scope: ALL, actorId: null });
    const history = await listHistory(ctx.db(), { tenantId, object: 'lead', id: record.id, scope: ALL });
    expect(history?.map((h) => h.action)).to.deep.equal(['create', 'delete']);
  });
});
