import { expect } from 'chai';
import { createJobWorker } from '../../runtime/src/jobs/jobWorker.js';
import { poolJobHandlers } from '../../runtime/src/pools/poolTimeouts.js';
import {
  aLeadRouting,
  aRoutingWorld,
  type RoutingWorld,
  TENANT,
  type WorldUser,
} from '../routing/support/routingWorld.js';
import type { Client } from '../support/http.js';
import { HOUR, MINUTE } from '../support/manualClock.js';

const POOL = '/api/v1/pools/inbound/leads';

describe('lead pools: claim, accept, return, reclaim, status and timeouts', function () {
  this.timeout(120_000);
  let world: RoutingWorld;
  let ann: WorldUser;
  let bob: WorldUser;
  let boss: WorldUser;
  let annC: Client;
  let bobC: Client;
  let outsider: Client;

  before(async () => {
    world = await aRoutingWorld();
    const north = await world.team('North');
    const south = await world.team('South');
    boss = await world.user('boss@pool.example', 'manager', north);
    ann = await world.user('ann@pool.example', 'rep', north, boss.id);
    bob = await world.user('bob@pool.example', 'rep', north, boss.id);
    await world.user('sam@pool.example', 'rep', south);
    await world.publishRouting(
      aLeadRouting({
        rules: [{ id: 'everything', strategy: { type: 'queue', queue: 'inbound' } }],
        pools: [
          {
            id: 'inbound',
            members: { team: 'North' },
            claimLimit: 3,
            acceptWithinHours: 4,
            followUpWithinHours: 24,
            returnOnTimeout: true,
            returnReasons: [{ id: 'unreachable' }, { id: 'duplicate' }],
          },
        ],
      }),
    );
  });
  after(async () => world?.close());

  // the manual clock moves hours ahead between tests: sessions would idle out, so sign in afresh
  beforeEach(async () => {
    annC = await world.signIn('ann@pool.example');
    bobC = await world.signIn('bob@pool.example');
    outsider = await world.signIn('sam@pool.example');
  });

  /** Leads routed into the pool (unassigned there). */
  async function pooled(n: number): Promise<string[]> {
    const ids = await world.newLeads(n, { region: 'north' });
    for (const id of ids) await world.route(id);
    return ids;
  }

  const worker = () =>
    createJobWorker({ db: world.rt.ctx.db, clock: world.clock, handlers: poolJobHandlers(world.rt.ctx) });

  async function entry(id: string) {
    const { rows } = await world.rt.ctx.db.query<{
      status: string;
      holder_id: string | null;
      return_reason: string | null;
    }>('SELECT status, holder_id, return_reason FROM pool_entries WHERE tenant_id = $1 AND record_id = $2', [
      TENANT,
      id,
    ]);
    return rows[0];
  }

  /** A user's notifications about a record, read after the clock moved (the HTTP inbox is tested in routing). */
  async function notificationsOf(user: WorldUser, recordId: string) {
    const { rows } = await world.rt.ctx.db.query<{ kind: string }>(
      'SELECT kind FROM notifications WHERE tenant_id = $1 AND user_id = $2 AND record_id = $3 ORDER BY created_at',
      [TENANT, user.id, recordId],
    );
    return rows;
  }

  it('lists the pool to its members and hides it from everyone else', async () => {
    const [id] = await pooled(1);
    const r = await annC.get(`${POOL}?status=unassigned`);
    expect(r.status, r.text).to.equal(200);
    expect(r.body.entries.map((e: { recordId: string }) => e.recordId)).to.include(id);
    expect(r.body.pool).to.include({ id: 'inbound', claimLimit: 3 });
    expect((await outsider.get(POOL)).status).to.equal(404);
  });

  it('lets a member claim leads up to the claim limit and refuses the next one', async () => {
    const ids = await pooled(4);
    for (const id of ids.slice(0, 3)) {
      const r = await bobC.post(`${POOL}/${id}/claim`);
      expect(r.status, r.text).to.equal(200);
      expect(r.body.status).to.equal('pending');
    }
    const refused = await bobC.post(`${POOL}/${ids[3]}/claim`);
    expect(refused.status).to.equal(409);
    expect(refused.body.error.details[0].path).to.equal('/claimLimit');
    expect(await entry(ids[3]!)).to.include({ status: 'unassigned', holder_id: null });
    for (const id of ids.slice(0, 3))
      expect((await bobC.post(`${POOL}/${id}/return`, { reason: 'duplicate' })).status).to.equal(200);
  });

  it('never lets concurrent claims pass the claim limit', async () => {
    const ids = await pooled(8);
    const replies = await Promise.all(ids.map((id) => annC.post(`${POOL}/${id}/claim`)));
    expect(replies.filter((r) => r.status === 200)).to.have.length(3);
    expect(replies.filter((r) => r.status === 409)).to.have.length(5);
    const held = await world.rt.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pool_entries WHERE holder_id = $1 AND status IN ('pending', 'in_progress')`,
      [ann.id],
    );
    expect(Number(held.rows[0]!.n)).to.equal(3);
    for (const r of replies.filter((x) => x.status === 200))
      await annC.post(`${POOL}/${r.body.recordId}/return`, { reason: 'unreachable' });
  });

  it('gives a claimed lead to its holder and takes it back, ownerless, when returned with a reason', async () => {
    const [id] = await pooled(1);
    expect((await annC.post(`${POOL}/${id}/claim`)).status).to.equal(200);
    expect(await world.ownerOf(id!)).to.equal(ann.id);
    const badReason = await annC.post(`${POOL}/${id}/return`, { reason: 'bored' });
    expect(badReason.status).to.equal(422);
    expect(badReason.body.error.details[0].path).to.equal('/reason');
    expect((await bobC.post(`${POOL}/${id}/return`, { reason: 'duplicate' })).status, 'not the holder').to.equal(403);
    const r = await annC.post(`${POOL}/${id}/return`, { reason: 'unreachable' });
    expect(r.status, r.text).to.equal(200);
    expect(await entry(id!)).to.deep.equal({ status: 'unassigned', holder_id: null, return_reason: 'unreachable' });
    expect(await world.ownerOf(id!)).to.equal(null);
  });

  it('lets an admin reclaim a held lead, telling the holder, and refuses reps', async () => {
    const [id] = await pooled(1);
    await annC.post(`${POOL}/${id}/claim`);
    await annC.post(`${POOL}/${id}/accept`);
    expect((await bobC.post(`${POOL}/${id}/reclaim`, {})).status).to.equal(403);
    const r = await world.rt.admin.post(`${POOL}/${id}/reclaim`, { reason: 'rebalancing' });
    expect(r.status, r.text).to.equal(200);
    expect(await entry(id!)).to.include({ status: 'unassigned', holder_id: null });
    expect((await notificationsOf(ann, id!)).map((n) => n.kind)).to.include('pool.reclaimed');
  });

  it('validates status transitions: converted only from in progress, closed leads stay closed', async () => {
    const [id] = await pooled(1);
    await annC.post(`${POOL}/${id}/claim`);
    const early = await annC.post(`${POOL}/${id}/status`, { status: 'converted' });
    expect(early.status).to.equal(409);
    expect(early.body.error.message).to.equal('cannot convert a lead that is pending');
    expect((await annC.post(`${POOL}/${id}/status`, { status: 'in_progress' })).body.status).to.equal('in_progress');
    expect((await annC.post(`${POOL}/${id}/status`, { status: 'converted' })).body.status).to.equal('converted');
    expect((await annC.post(`${POOL}/${id}/return`, { reason: 'duplicate' })).status).to.equal(409);
    expect((await bobC.post(`${POOL}/${id}/claim`)).status).to.equal(409);
  });

  it('reminds the holder and returns a lead claimed but not accepted within 4 hours (assignment timeout)', async () => {
    const [id] = await pooled(1);
    await annC.post(`${POOL}/${id}/claim`);
    const w = worker();
    world.clock.advance(4 * HOUR - MINUTE);
    await w.drain();
    expect(await entry(id!)).to.include({ status: 'pending', holder_id: ann.id });
    world.clock.advance(MINUTE);
    await w.drain();
    expect(await entry(id!)).to.deep.equal({
      status: 'unassigned',
      holder_id: null,
      return_reason: 'not accepted in time',
    });
    const reminders = await notificationsOf(ann, id!);
    expect(reminders.map((n) => n.kind)).to.include('pool.accept-timeout');
    expect(
      (await notificationsOf(boss, id!)).map((n) => n.kind),
      "the holder's manager too",
    ).to.include('pool.accept-timeout');
  });

  it('reminds the members when a lead waits unclaimed past the assignment timeout', async () => {
    const [id] = await pooled(1);
    world.clock.advance(4 * HOUR);
    await worker().drain();
    expect((await notificationsOf(bob, id!)).map((n) => n.kind)).to.include('pool.accept-timeout');
    expect(await entry(id!)).to.include({ status: 'unassigned' });
  });

  it('returns an accepted lead with no activity or stage change within 24 hours (follow-up timeout)', async () => {
    const [id] = await pooled(1);
    await annC.post(`${POOL}/${id}/claim`);
    await annC.post(`${POOL}/${id}/accept`);
    world.clock.advance(24 * HOUR);
    await worker().drain();
    expect(await entry(id!)).to.deep.equal({
      status: 'unassigned',
      holder_id: null,
      return_reason: 'no follow-up in time',
    });
    expect((await notificationsOf(ann, id!)).map((n) => n.kind)).to.include('pool.follow-up-timeout');
  });

  it('stops the follow-up timer when an activity is logged in time', async () => {
    const [id] = await pooled(1);
    await annC.post(`${POOL}/${id}/claim`);
    await annC.post(`${POOL}/${id}/accept`);
    world.clock.advance(3 * HOUR);
    // what the activity log writes (pipelines/tasks/activities, issue 6)
    await world.rt.ctx.db.query(
      `INSERT INTO events (tenant_id, id, record_id, object, type, at, data)
       VALUES ($1, gen_random_uuid(), $2, 'lead', 'activity.logged', $3, '{"kind":"call"}'::jsonb)`,
      [TENANT, id, world.clock.now()],
    );
    world.clock.advance(21 * HOUR);
    await worker().drain();
    expect(await entry(id!)).to.include({ status: 'in_progress', holder_id: ann.id });
    expect((await notificationsOf(ann, id!)).map((n) => n.kind)).not.to.include('pool.follow-up-timeout');
  });
});
