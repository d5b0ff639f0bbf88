import { expect } from 'chai';
import { aLeadRouting, aRoutingWorld, ownerCounts, type RoutingWorld, type WorldUser } from './support/routingWorld.js';

/** Routes every lead at once, each in its own transaction, over the pool's connections. */
async function routeAllAtOnce(world: RoutingWorld, ids: readonly string[]): Promise<void> {
  await Promise.all(ids.map((id) => world.route(id)));
}

describe('routing: fairness under concurrency (PostgreSQL)', function () {
  this.timeout(180_000);
  let world: RoutingWorld;
  let reps: WorldUser[];

  before(async () => {
    world = await aRoutingWorld();
    const team = await world.team('Fair');
    reps = [];
    for (const name of ['ann', 'bob', 'cai', 'dee']) reps.push(await world.user(`${name}@fair.example`, 'rep', team));
    await world.publishRouting(
      aLeadRouting({
        rules: [
          {
            id: 'weighted-saas',
            when: { '==': [{ var: 'industry' }, 'saas'] },
            strategy: {
              type: 'weighted',
              weights: [
                { user: 'ann@fair.example', weight: 2 },
                { user: 'bob@fair.example', weight: 1 },
                { user: 'cai@fair.example', weight: 1 },
              ],
            },
          },
          { id: 'team-turns', strategy: { type: 'round-robin', pool: { team: 'Fair', role: 'rep' } } },
        ],
      }),
    );
  });
  after(async () => world?.close());

  it('lands 1,000 leads routed concurrently round-robin across 4 reps exactly 250 each', async () => {
    const ids = await world.newLeads(1000, { industry: 'retail' });
    await routeAllAtOnce(world, ids);
    const counts = await ownerCounts(world, ids);
    expect(Object.fromEntries(reps.map((r) => [r.email, counts[r.id] ?? 0]))).to.deep.equal({
      'ann@fair.example': 250,
      'bob@fair.example': 250,
      'cai@fair.example': 250,
      'dee@fair.example': 250,
    });
    const { rows } = await world.rt.ctx.db.query<{ n: number; turns: number }>(
      `SELECT (SELECT count(*)::int FROM routing_assignments WHERE record_id = ANY($1::uuid[]) AND strategy = 'round-robin') AS n,
              (SELECT turns::int FROM routing_counters WHERE routing = 'leads' AND counter_key = 'team-turns') AS turns`,
      [ids],
    );
    expect(rows[0]).to.deep.equal({ n: 1000, turns: 1000 });
  });

  it('splits 1,000 concurrent leads 2:1:1 within 1% of 500/250/250', async () => {
    const ids = await world.newLeads(1000, { industry: 'saas' });
    await routeAllAtOnce(world, ids);
    const counts = await ownerCounts(world, ids);
    const [ann, bob, cai] = reps.map((r) => counts[r.id] ?? 0);
    expect(ann).to.be.within(495, 505);
    expect(bob).to.be.within(247, 253);
    expect(cai).to.be.within(247, 253);
    expect(ann! + bob! + cai!).to.equal(1000);
    expect(counts[reps[3]!.id] ?? 0, 'dee has no weight').to.equal(0);
  });
});
