import { expect } from 'chai';
import { aLeadRouting, aRoutingWorld, type RoutingWorld, type WorldUser } from './support/routingWorld.js';

const TABLES = [
  'records',
  'record_history',
  'events',
  'jobs',
  'routing_assignments',
  'routing_counters',
  'notifications',
  'pool_entries',
] as const;

describe('routing: dry run', function () {
  this.timeout(120_000);
  let world: RoutingWorld;
  let ann: WorldUser;
  let bob: WorldUser;

  before(async () => {
    world = await aRoutingWorld();
    const team = await world.team('North');
    ann = await world.user('ann@dry.example', 'rep', team);
    bob = await world.user('bob@dry.example', 'rep', team);
    await world.publishRouting(
      aLeadRouting({
        rules: [
          {
            id: 'central',
            when: { '==': [{ var: 'region' }, 'central'] },
            strategy: { type: 'queue', queue: 'inbound' },
          },
          { id: 'turns', strategy: { type: 'round-robin', pool: { team: 'North' } } },
        ],
        pools: [{ id: 'inbound', members: { team: 'North' } }],
      }),
    );
    await world.newLeads(6, { region: 'east' });
    await world.newLeads(2, { region: 'central' });
  });
  after(async () => world?.close());

  async function counts() {
    const out: Record<string, number> = {};
    for (const t of TABLES) {
      const { rows } = await world.rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
      out[t] = Number(rows[0]!.n);
    }
    return out;
  }

  it('shows who would get each sampled lead and why, alternating turns as routing would, and writes nothing', async () => {
    const before = await counts();
    const r = await world.rt.admin.post('/api/v1/routing/leads/dry-run', { sample: 8 });
    expect(r.status, r.text).to.equal(200);
    expect(r.body.sampled).to.equal(8);
    expect(r.body.summary).to.deep.equal({ 'ann@dry.example': 3, 'bob@dry.example': 3, 'pool:inbound': 2 });
    const central = r.body.results.find((x: { poolId: string | null }) => x.poolId === 'inbound');
    expect(central).to.include({ kind: 'pool', ruleId: 'central', strategy: 'queue' });
    const owned = r.body.results.find((x: { kind: string }) => x.kind === 'owner');
    expect(owned.reason).to.match(/^rule "turns": round-robin in team North/);
    expect(await counts()).to.deep.equal(before);
  });

  it('tries a draft rule set and a filter without publishing it', async () => {
    const draft = {
      id: 'leads',
      object: 'lead',
      rules: [{ id: 'all-to-bob', strategy: { type: 'owner', user: 'bob@dry.example' } }],
    };
    const before = await counts();
    const r = await world.rt.admin.post('/api/v1/routing/leads/dry-run', {
      routing: draft,
      filter: { '==': [{ var: 'region' }, 'central'] },
    });
    expect(r.status, r.text).to.equal(200);
    expect(r.body).to.include({ draft: true, sampled: 2 });
    expect(r.body.summary).to.deep.equal({ 'bob@dry.example': 2 });
    expect(r.body.results[0]).to.include({ ownerId: bob.id, ruleId: 'all-to-bob', strategy: 'owner' });
    expect(await counts()).to.deep.equal(before);
    expect(ann.id).to.not.equal(bob.id);
  });

  it('refuses a draft that names an unknown field or pool, with pointers into the draft', async () => {
    const draft = {
      id: 'leads',
      object: 'lead',
      rules: [{ id: 'x', when: { '==': [{ var: 'regoin' }, 'east'] }, strategy: { type: 'queue', queue: 'nowhere' } }],
    };
    const r = await world.rt.admin.post('/api/v1/routing/leads/dry-run', { routing: draft });
    expect(r.status).to.equal(422);
    const paths = r.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).to.include('/routing/rules/0/when/==/0/var');
    expect(paths).to.include('/routing/rules/0/strategy/queue');
  });

  it('is for admins only and answers 404 for an unknown routing', async () => {
    const rep = await world.signIn('ann@dry.example');
    expect((await rep.post('/api/v1/routing/leads/dry-run', {})).status).to.equal(403);
    expect((await world.rt.admin.post('/api/v1/routing/nope/dry-run', {})).status).to.equal(404);
  });
});
