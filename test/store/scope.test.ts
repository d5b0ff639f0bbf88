import { expect } from 'chai';
import { compileFilter } from '../../engine/src/filter/compileFilter.js';
import {
  countRecords,
  getRecord,
  listRecords,
  type RowScope,
  type SqlFragment,
  softDeleteRecord,
  updateRecord,
} from '../../engine/src/store/index.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import { leadObject } from '../support/objects.js';
import { aLead, aUserId } from '../support/recordFixtures.js';

function filter(f: unknown): SqlFragment {
  const result = compileFilter(f, leadObject);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describeEachDriver('store: row scopes', (ctx) => {
  // rep1 and rep2 share team A; rep3 is in team B; one lead has no owner
  async function world() {
    const tenantId = aTenant();
    const [rep1, rep2, rep3, teamA, teamB] = [aUserId(), aUserId(), aUserId(), aUserId(), aUserId()];
    const db = ctx.db();
    const mine = await aLead(db, tenantId, { name: 'mine' }, { ownerId: rep1, teamId: teamA });
    const teammates = await aLead(db, tenantId, { name: 'teammates' }, { ownerId: rep2, teamId: teamA });
    const otherTeam = await aLead(db, tenantId, { name: 'other team' }, { ownerId: rep3, teamId: teamB });
    const mineInOtherTeam = await aLead(
      db,
      tenantId,
      { name: 'mine, filed in team B' },
      { ownerId: rep1, teamId: teamB },
    );
    const unowned = await aLead(db, tenantId, { name: 'unowned' });
    const foreign = await aLead(db, aTenant(), { name: 'another tenant' }, { ownerId: rep1, teamId: teamA });
    return { tenantId, rep1, teamA, mine, teammates, otherTeam, mineInOtherTeam, unowned, foreign };
  }

  const names = async (tenantId: string, scope: RowScope, f?: unknown) => {
    const page = await listRecords(ctx.db(), {
      tenantId,
      object: 'lead',
      scope,
      ...(f ? { filter: filter(f) } : {}),
      sort: undefined,
    });
    return page.records.map((r) => r.data['name']).sort();
  };

  it('shows own scope only the records the user owns', async () => {
    const w = await world();
    expect(await names(w.tenantId, { kind: 'own', userId: w.rep1 })).to.deep.equal(['mine', 'mine, filed in team B']);
  });

  it('shows team scope the team’s records and the user’s own', async () => {
    const w = await world();
    expect(await names(w.tenantId, { kind: 'team', teamId: w.teamA, userId: w.rep1 })).to.deep.equal([
      'mine',
      'mine, filed in team B',
      'teammates',
    ]);
  });

  it('treats team scope without a team as own scope', async () => {
    const w = await world();
    expect(await names(w.tenantId, { kind: 'team', teamId: null, userId: w.rep1 })).to.deep.equal([
      'mine',
      'mine, filed in team B',
    ]);
  });

  it('shows all scope every record of the tenant and nothing of another tenant', async () => {
    const w = await world();
    expect(await names(w.tenantId, { kind: 'all' })).to.deep.equal([
      'mine',
      'mine, filed in team B',
      'other team',
      'teammates',
      'unowned',
    ]);
  });

  it('never lets a filter widen the scope: $or: [{}] and friends stay inside it', async () => {
    const w = await world();
    const own: RowScope = { kind: 'own', userId: w.rep1 };
    const expected = ['mine', 'mine, filed in team B'];
    expect(await names(w.tenantId, own, { $or: [{}] })).to.deep.equal(expected);
    expect(
      await names(w.tenantId, own, { $or: [{ owner: { $exists: false } }, { name: 'other team' }] }),
    ).to.deep.equal([]);
    expect(await names(w.tenantId, own, { $not: { owner: w.rep1 } })).to.deep.equal([]);
    expect(
      await names(w.tenantId, own, { $or: [{ name: { $exists: true } }, { name: { $exists: false } }] }),
    ).to.deep.equal(expected);
    expect(
      await countRecords(ctx.db(), { tenantId: w.tenantId, object: 'lead', scope: own, filter: filter({ $or: [{}] }) }),
    ).to.equal(2);
  });

  it('keeps records outside the scope out of reads and writes', async () => {
    const w = await world();
    const own: RowScope = { kind: 'own', userId: w.rep1 };
    const key = { tenantId: w.tenantId, object: 'lead', id: w.otherTeam.id, scope: own };
    expect(await getRecord(ctx.db(), key)).to.equal(null);
    expect(
      await updateRecord(ctx.db(), { ...key, expectedVersion: 1, set: { name: 'x' }, actorId: w.rep1 }),
    ).to.deep.equal({
      status: 'not_found',
    });
    expect(await softDeleteRecord(ctx.db(), { ...key, actorId: w.rep1 })).to.deep.equal({ status: 'not_found' });
  });

  it('never shows another tenant’s records, whatever the scope or id', async () => {
    const w = await world();
    for (const scope of [
      { kind: 'all' },
      { kind: 'own', userId: w.rep1 },
      { kind: 'team', teamId: w.teamA, userId: w.rep1 },
    ] as RowScope[]) {
      expect(await getRecord(ctx.db(), { tenantId: w.tenantId, object: 'lead', id: w.foreign.id, scope })).to.equal(
        null,
      );
      const ids = (
        await listRecords(ctx.db(), {
          tenantId: w.tenantId,
          object: 'lead',
          scope,
          filter: filter({ id: w.foreign.id }),
        })
      ).records;
      expect(ids).to.deep.equal([]);
    }
  });
});
