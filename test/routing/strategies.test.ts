import { expect } from 'chai';
import type { Client } from '../support/http.js';
import { aLeadRouting, aRoutingWorld, ownerCounts, type RoutingWorld, type WorldUser } from './support/routingWorld.js';

describe('routing: strategies, availability and why this owner', function () {
  this.timeout(120_000);
  let world: RoutingWorld;
  let north: string;
  let south: string;
  let ann: WorldUser;
  let bob: WorldUser;
  let sam: WorldUser;
  let sue: WorldUser;
  let boss: WorldUser;
  let annClient: Client;

  before(async () => {
    world = await aRoutingWorld();
    north = await world.team('North');
    south = await world.team('South');
    boss = await world.user('boss@acme.example', 'manager', north);
    ann = await world.user('ann@acme.example', 'rep', north, boss.id);
    bob = await world.user('bob@acme.example', 'rep', north, boss.id);
    sam = await world.user('sam@acme.example', 'rep', south);
    sue = await world.user('sue@acme.example', 'rep', south);
    annClient = await world.signIn('ann@acme.example');
    await world.publishRouting(
      aLeadRouting({
        rules: [
          {
            id: 'vip',
            when: { '==': [{ var: 'industry' }, 'finance'] },
            strategy: { type: 'owner', user: 'boss@acme.example' },
          },
          {
            id: 'regions',
            when: { '!!': [{ var: 'region' }] },
            strategy: {
              type: 'territory',
              field: 'region',
              territories: [
                { values: ['north', 'east'], pool: { team: 'North', role: 'rep' } },
                { values: ['south'], pool: { team: 'South', role: 'rep' } },
                { values: ['central'], queue: 'inbound' },
              ],
            },
          },
          {
            id: 'cap',
            when: { '==': [{ var: 'industry' }, 'retail'] },
            strategy: { type: 'capacity', pool: { role: 'rep' }, maxOpen: 3 },
          },
        ],
        fallback: { type: 'queue', queue: 'inbound' },
        pools: [{ id: 'inbound', members: { team: 'North' }, claimLimit: 5 }],
      }),
    );
  });
  after(async () => world?.close());

  async function setAway(user: WorldUser, away: boolean) {
    const r = await world.rt.admin.patch(`/api/v1/users/${user.id}`, { away });
    expect(r.status, r.text).to.equal(200);
  }

  it('gives a finance lead to the named owner and records the rule and strategy', async () => {
    const [id] = await world.newLeads(1, { industry: 'finance' });
    const outcome = await world.route(id!);
    expect(outcome.decision).to.include({ kind: 'owner', ownerId: boss.id, ruleId: 'vip', strategy: 'owner' });
    expect(await world.ownerOf(id!)).to.equal(boss.id);
  });

  it('maps a territory to its team and takes turns inside it', async () => {
    const ids = await world.newLeads(4, { region: 'south', industry: 'saas' });
    for (const id of ids) await world.route(id);
    const counts = await ownerCounts(world, ids);
    expect(counts).to.deep.equal({ [sam.id]: 2, [sue.id]: 2 });
  });

  it('queues a territory that names a lead pool, with no owner', async () => {
    const [id] = await world.newLeads(1, { region: 'central' });
    const outcome = await world.route(id!);
    expect(outcome.decision).to.include({ kind: 'pool', poolId: 'inbound', ruleId: 'regions', strategy: 'territory' });
    expect(await world.ownerOf(id!)).to.equal(null);
    const { rows } = await world.rt.ctx.db.query('SELECT status FROM pool_entries WHERE record_id = $1', [id]);
    expect(rows).to.deep.equal([{ status: 'unassigned' }]);
  });

  it('skips a rep marked away and gives the lead to the next one', async () => {
    await setAway(ann, true);
    try {
      const ids = await world.newLeads(3, { region: 'north' });
      for (const id of ids) await world.route(id);
      expect(await ownerCounts(world, ids)).to.deep.equal({ [bob.id]: 3 });
      const why = await world.rt.admin.get(`/api/v1/records/lead/${ids[0]}/assignments`);
      expect(why.body.assignments[0].skipped).to.deep.include({
        ruleId: 'regions',
        userId: ann.id,
        why: 'ann@acme.example is away',
      });
    } finally {
      await setAway(ann, false);
    }
  });

  it('passes over a named owner who is away to the next rule that applies', async () => {
    await setAway(boss, true);
    try {
      const [id] = await world.newLeads(1, { industry: 'finance', region: 'south' });
      const outcome = await world.route(id!);
      expect(outcome.decision).to.include({ kind: 'owner', ruleId: 'regions' });
      expect(outcome.decision.skipped).to.deep.include({ ruleId: 'vip', why: 'boss@acme.example is away' });
    } finally {
      await setAway(boss, false);
    }
  });

  it('gives capacity leads to whoever has fewest open leads and never past the cap, even concurrently', async () => {
    const { rows } = await world.rt.ctx.db.query<{ owner_id: string; n: number }>(
      `SELECT owner_id, count(*)::int AS n FROM records WHERE owner_id IS NOT NULL AND deleted_at IS NULL GROUP BY owner_id`,
    );
    const before = Object.fromEntries(rows.map((r) => [r.owner_id, Number(r.n)]));
    const ids = await world.newLeads(30, { industry: 'retail' });
    await Promise.all(ids.map((id) => world.route(id)));
    const { rows: after } = await world.rt.ctx.db.query<{ owner_id: string; n: number }>(
      `SELECT owner_id, count(*)::int AS n FROM records WHERE owner_id IS NOT NULL AND deleted_at IS NULL GROUP BY owner_id`,
    );
    for (const rep of [ann, bob, sam, sue]) {
      const n = Number(after.find((r) => r.owner_id === rep.id)?.n ?? 0);
      expect(n, rep.email).to.be.at.most(Math.max(3, before[rep.id] ?? 0));
    }
    const counts = await ownerCounts(world, ids);
    const queued = await world.rt.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pool_entries WHERE record_id = ANY($1::uuid[]) AND status = 'unassigned'`,
      [ids],
    );
    expect(Number(queued.rows[0]!.n), 'leads past every cap fall back to the pool').to.equal(counts['(none)'] ?? 0);
    expect(counts['(none)'] ?? 0).to.be.greaterThan(0);
  });

  it('explains why this owner through the API and notifies the owner, unread first', async () => {
    const [id] = await world.newLeads(1, { region: 'north', name: 'Zed Industries' });
    const outcome = await world.route(id!);
    expect(outcome.decision.kind).to.equal('owner');
    const owner = outcome.decision.kind === 'owner' ? outcome.decision.ownerId : '';
    const why = await world.rt.admin.get(`/api/v1/records/lead/${id}/assignments`);
    expect(why.status).to.equal(200);
    expect(why.body.assignments[0]).to.include({
      routing: 'leads',
      ruleId: 'regions',
      strategy: 'territory',
      ownerId: owner,
      cause: 'route-now',
    });
    expect(why.body.assignments[0].reason).to.match(
      /^rule "regions": territory region = north: round-robin in team North, role rep/,
    );
    const ownerClient = owner === ann.id ? annClient : await world.signIn('bob@acme.example');
    const inbox = await ownerClient.get('/api/v1/notifications');
    expect(inbox.status).to.equal(200);
    const mine = inbox.body.notifications.find((n: { recordId: string }) => n.recordId === id);
    expect(mine).to.include({ kind: 'lead.assigned', readAt: null });
    expect(mine.title).to.include('Zed Industries');
    const read = await ownerClient.post(`/api/v1/notifications/${mine.id}/read`);
    expect(read.status).to.equal(200);
    expect(read.body.readAt).to.be.a('string');
    const again = await ownerClient.get('/api/v1/notifications');
    const firstRead = again.body.notifications.findIndex((n: { readAt: string | null }) => n.readAt !== null);
    expect(
      again.body.notifications.slice(firstRead).every((n: { readAt: string | null }) => n.readAt !== null),
    ).to.equal(true);
    const someoneElse = await world.signIn('sam@acme.example');
    expect((await someoneElse.post(`/api/v1/notifications/${mine.id}/read`)).status).to.equal(404);
  });

  it("never gives leads to an inactive user, and re-routes a deactivated user's open leads", async () => {
    const ids = await world.newLeads(4, { region: 'south' });
    for (const id of ids) await world.route(id);
    const sams = (await ownerCounts(world, ids))[sam.id] ?? 0;
    expect(sams).to.equal(2);
    const off = await world.rt.admin.patch(`/api/v1/users/${sam.id}`, { active: false });
    expect(off.status, off.text).to.equal(200);
    expect((await ownerCounts(world, ids))[sam.id] ?? 0).to.equal(0);
    const { rows } = await world.rt.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM records WHERE owner_id = $1 AND deleted_at IS NULL`,
      [sam.id],
    );
    expect(Number(rows[0]!.n)).to.equal(0);
    const moved = await world.rt.ctx.db.query(
      `SELECT DISTINCT cause, previous_owner_id, owner_id FROM routing_assignments WHERE cause = 'deactivation'`,
    );
    expect(moved.rows.length).to.be.greaterThan(0);
    for (const r of moved.rows as { previous_owner_id: string; owner_id: string | null }[]) {
      expect(r.previous_owner_id).to.equal(sam.id);
      expect(r.owner_id).not.to.equal(sam.id);
    }
    const more = await world.newLeads(2, { region: 'south' });
    for (const id of more) await world.route(id);
    expect(await ownerCounts(world, more)).to.deep.equal({ [sue.id]: 2 });
  });

  it('lets admins route now over HTTP and refuses reps', async () => {
    const [id] = await world.newLeads(1, { region: 'east' });
    const refused = await annClient.post(`/api/v1/records/lead/${id}/route`);
    expect(refused.status).to.be.oneOf([403, 404]);
    const r = await world.rt.admin.post(`/api/v1/records/lead/${id}/route`, {});
    expect(r.status, r.text).to.equal(200);
    expect(r.body.decision).to.include({ kind: 'owner', ruleId: 'regions', strategy: 'territory' });
    expect(r.body.assignmentId).to.be.a('string');
  });
});
