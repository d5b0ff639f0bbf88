import { expect } from 'chai';
import { createJobWorker } from '../../runtime/src/jobs/jobWorker.js';
import { poolJobHandlers } from '../../runtime/src/pools/poolTimeouts.js';
import { HOUR } from '../support/manualClock.js';
import { aLeadRouting, aRoutingWorld, ownerCounts, type RoutingWorld } from './support/routingWorld.js';

describe('routing and lead pools on embedded PGlite', function () {
  this.timeout(120_000);
  let world: RoutingWorld;

  before(async () => {
    world = await aRoutingWorld('pglite');
    await world.team('North');
    await world.user('ann@lite.example', 'rep', null);
    await world.user('bob@lite.example', 'rep', null);
    await world.publishRouting(
      aLeadRouting({
        rules: [
          {
            id: 'central',
            when: { '==': [{ var: 'region' }, 'central'] },
            strategy: { type: 'queue', queue: 'inbound' },
          },
          { id: 'cap', strategy: { type: 'capacity', pool: { role: 'rep' }, maxOpen: 2 } },
        ],
        pools: [{ id: 'inbound', members: { role: 'rep' }, acceptWithinHours: 1, returnOnTimeout: true }],
      }),
    );
  });
  after(async () => world?.close());

  it('routes by capacity under the same locks and queues, claims and times out pool leads', async () => {
    const ids = await world.newLeads(5, { region: 'east' });
    await Promise.all(ids.map((id) => world.route(id)));
    expect(Object.values(await ownerCounts(world, ids)).sort()).to.deep.equal([1, 2, 2]);
    const [pooled] = await world.newLeads(1, { region: 'central' });
    await world.route(pooled!);
    const ann = await world.signIn('ann@lite.example');
    expect((await ann.post(`/api/v1/pools/inbound/leads/${pooled}/claim`)).status).to.equal(200);
    world.clock.advance(HOUR);
    await createJobWorker({ db: world.rt.ctx.db, clock: world.clock, handlers: poolJobHandlers(world.rt.ctx) }).drain();
    const { rows } = await world.rt.ctx.db.query('SELECT status, holder_id FROM pool_entries WHERE record_id = $1', [
      pooled,
    ]);
    expect(rows).to.deep.equal([{ status: 'unassigned', holder_id: null }]);
  });
});
