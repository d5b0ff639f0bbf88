import { expect } from 'chai';
import {
  getRecord,
  insertRecord,
  listRecords,
  type RowScope,
  restoreRecord,
  softDeleteRecord,
  updateRecord,
} from '../../engine/src/store/index.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import { aLead, aUserId } from '../support/recordFixtures.js';

const ALL: RowScope = { kind: 'all' };

describeEachDriver('store: records', (ctx) => {
  it('stores a record at version 1 with owner, team, creator and ISO timestamps', async () => {
    const tenantId = aTenant();
    const [owner, team, actor] = [aUserId(), aUserId(), aUserId()];
    const now = new Date('2024-05-01T09:30:00.123Z');
    const record = await insertRecord(ctx.db(), {
      tenantId,
      object: 'lead',
      data: { name: 'Ada', employees: 12, tags: ['vip'] },
      ownerId: owner,
      teamId: team,
      actorId: actor,
      now,
    });
    expect(record).to.deep.include({
      object: 'lead',
      version: 1,
      ownerId: owner,
      teamId: team,
      createdBy: actor,
      createdAt: '2024-05-01T09:30:00.123Z',
      updatedAt: '2024-05-01T09:30:00.123Z',
      deletedAt: null,
      data: { name: 'Ada', employees: 12, tags: ['vip'] },
    });
    expect(await getRecord(ctx.db(), { tenantId, object: 'lead', id: record.id, scope: ALL })).to.deep.equal(record);
  });

  it('keeps a given id, and refuses one already taken in the tenant as CONFLICT', async () => {
    const tenantId = aTenant();
    const id = aUserId();
    const input = { tenantId, object: 'lead', data: { name: 'Ada' }, ownerId: null, teamId: null, actorId: null, id };
    expect((await insertRecord(ctx.db(), input)).id).to.equal(id);
    let error: { code?: string } | undefined;
    await insertRecord(ctx.db(), { ...input, data: { name: 'Eve' } }).catch((e) => {
      error = e;
    });
    expect(error?.code).to.equal('CONFLICT');
    expect((await insertRecord(ctx.db(), { ...input, tenantId: aTenant() })).id, 'another tenant may use it').to.equal(
      id,
    );
    const history = await ctx
      .db()
      .query<{ n: number }>('SELECT count(*)::int AS n FROM record_history WHERE record_id = $1', [id]);
    expect(history.rows[0]!.n).to.equal(2);
  });

  it('drops null values on insert: an empty field is an absent key', async () => {
    const record = await aLead(ctx.db(), aTenant(), { name: 'Ada', phone: null });
    expect(record.data).to.deep.equal({ name: 'Ada' });
  });

  it('uses the database clock when no time is given', async () => {
    const record = await aLead(ctx.db(), aTenant(), { name: 'Ada' });
    expect(Math.abs(Date.parse(record.createdAt) - Date.now())).to.be.below(60_000);
  });

  it('refuses data PostgreSQL cannot hold (NUL) as MALFORMED with a path, not a SQL error', async () => {
    let error: { code?: string; details?: unknown } | undefined;
    await aLead(ctx.db(), aTenant(), { name: 'a\u0000b' }).catch((e) => {
      error = e;
    });
    expect(error?.code).to.equal('MALFORMED');
    expect(error?.details).to.deep.equal([
      { path: '/data/name', message: 'text cannot contain the NUL character (\\u0000)' },
    ]);
  });

  it('finds nothing for an unknown id, a malformed id, another object or another tenant', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada' });
    const get = (over: Partial<Parameters<typeof getRecord>[1]>) =>
      getRecord(ctx.db(), { tenantId, object: 'lead', id: record.id, scope: ALL, ...over });
    expect(await get({ id: aUserId() })).to.equal(null);
    expect(await get({ id: 'not-a-uuid' })).to.equal(null);
    expect(await get({ object: 'company' })).to.equal(null);
    expect(await get({ tenantId: aTenant() })).to.equal(null);
  });

  it('patches named fields, removes fields set to null, keeps the rest and bumps the version', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada', employees: 12, phone: '+4930123' });
    const result = await updateRecord(ctx.db(), {
      tenantId,
      object: 'lead',
      id: record.id,
      scope: ALL,
      expectedVersion: 1,
      set: { employees: 40, phone: null, industry: 'saas' },
      actorId: null,
      now: new Date('2024-06-01T00:00:00.000Z'),
    });
    expect(result.status).to.equal('ok');
    if (result.status !== 'ok') return;
    expect(result.record.version).to.equal(2);
    expect(result.record.data).to.deep.equal({ name: 'Ada', employees: 40, industry: 'saas' });
    expect(result.record.updatedAt).to.equal('2024-06-01T00:00:00.000Z');
    expect(result.record.createdAt).to.equal(record.createdAt);
  });

  it('answers ok without a new version when a patch changes nothing', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada', employees: 12 });
    const result = await updateRecord(ctx.db(), {
      tenantId,
      object: 'lead',
      id: record.id,
      scope: ALL,
      expectedVersion: 1,
      set: { name: 'Ada', phone: null },
      actorId: null,
    });
    expect(result).to.deep.equal({ status: 'ok', record });
  });

  it('reassigns owner and team', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada' }, { ownerId: aUserId() });
    const [owner, team] = [aUserId(), aUserId()];
    const result = await updateRecord(ctx.db(), {
      tenantId,
      object: 'lead',
      id: record.id,
      scope: ALL,
      expectedVersion: 1,
      set: {},
      owner: { ownerId: owner, teamId: team },
      actorId: null,
    });
    expect(
      result.status === 'ok' && [result.record.ownerId, result.record.teamId, result.record.version],
    ).to.deep.equal([owner, team, 2]);
  });

  it('keeps the data of fields a later app version removed', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada', legacyBudget: 5000, legacy: { nested: [1, 'two'] } });
    const result = await updateRecord(ctx.db(), {
      tenantId,
      object: 'lead',
      id: record.id,
      scope: ALL,
      expectedVersion: 1,
      set: { name: 'Ada L.' },
      actorId: null,
    });
    expect(result.status === 'ok' && result.record.data).to.deep.equal({
      name: 'Ada L.',
      legacyBudget: 5000,
      legacy: { nested: [1, 'two'] },
    });
  });

  it('answers not_found when updating a record that does not exist, is deleted or is in another tenant', async () => {
    const tenantId = aTenant();
    const record = await aLead(ctx.db(), tenantId, { name: 'Ada' });
    const update = (over: { id?: string; tenantId?: string }) =>
      updateRecord(ctx.db(), {
        tenantId,
        object: 'lead',
        id: record.id,
        scope: ALL,
        expectedVersion: 1,
        set: { name: 'x' },
        actorId: null,
        ...over,
      });
    expect(await update({ id: aUserId() })).to.deep.equal({ status: 'not_found' });
    expect(await update({ id: 'nope' })).to.deep.equal({ status: 'not_found' });
    expect(await update({ tenantId: aTenant() })).to.deep.equal({ status: 'not_found' });
    await softDeleteRecord(ctx.db(), { tenantId, object: 'lead', id: record.id, scope: ALL, actorId: null });
    expect(await update({})).to.deep.equal({ status: 'not_found' });
  });

  describe('soft delete and restore', () => {
    it('hides a deleted record from reads and lists but keeps it for the recycle bin', async () => {
      const tenantId = aTenant();
      const record = await aLead(ctx.db(), tenantId, { name: 'Ada' });
      const deleted = await softDeleteRecord(ctx.db(), {
        tenantId,
        object: 'lead',
        id: record.id,
        scope: ALL,
        actorId: null,
      });
      expect(deleted.status === 'ok' && deleted.record.version).to.equal(2);
      expect(deleted.status === 'ok' && deleted.record.deletedAt).to.be.a('string');
      const key = { tenantId, object: 'lead', id: record.id, scope: ALL };
      expect(await getRecord(ctx.db(), key)).to.equal(null);
      expect((await getRecord(ctx.db(), { ...key, includeDeleted: true }))?.deletedAt).to.be.a('string');
      const list = (q: { includeDeleted?: boolean; onlyDeleted?: boolean }) =>
        listRecords(ctx.db(), { tenantId, object: 'lead', scope: ALL, ...q }).then((p) => p.records.map((r) => r.id));
      expect(await list({})).to.deep.equal([]);
      expect(await list({ onlyDeleted: true })).to.deep.equal([record.id]);
      expect(await list({ includeDeleted: true })).to.deep.equal([record.id]);
    });

    it('answers not_found when deleting a deleted record and when restoring a live one', async () => {
      const tenantId = aTenant();
      const record = await aLead(ctx.db(), tenantId, { name: 'Ada' });
      const key = { tenantId, object: 'lead', id: record.id, scope: ALL, actorId: null };
      expect(await restoreRecord(ctx.db(), key)).to.deep.equal({ status: 'not_found' });
      await softDeleteRecord(ctx.db(), key);
      expect(await softDeleteRecord(ctx.db(), key)).to.deep.equal({ status: 'not_found' });
    });

    it('restores a deleted record with its data, at a new version', async () => {
      const tenantId = aTenant();
      const record = await aLead(ctx.db(), tenantId, { name: 'Ada', employees: 3 });
      const key = { tenantId, object: 'lead', id: record.id, scope: ALL, actorId: null };
      await softDeleteRecord(ctx.db(), key);
      const restored = await restoreRecord(ctx.db(), key);
      expect(restored.status === 'ok' && restored.record).to.deep.include({
        version: 3,
        deletedAt: null,
        data: record.data,
      });
    });

    it('deletes only at the expected version when one is given', async () => {
      const tenantId = aTenant();
      const record = await aLead(ctx.db(), tenantId, { name: 'Ada' });
      const key = { tenantId, object: 'lead', id: record.id, scope: ALL, actorId: null };
      expect(await softDeleteRecord(ctx.db(), { ...key, expectedVersion: 7 })).to.deep.equal({
        status: 'stale',
        currentVersion: 1,
      });
      expect((await softDeleteRecord(ctx.db(), { ...key, expectedVersion: 1 })).status).to.equal('ok');
    });
  });
});
