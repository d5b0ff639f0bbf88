import {
  assign,
  compileRouting,
  createOperatorRegistry,
  type RoutingDefinition,
  type RoutingState,
  type RoutingUser,
  smoothWeightedSequence,
} from '@leadforge/engine';
import { expect } from 'chai';

const registry = createOperatorRegistry();
const NOW = new Date('2026-03-02T09:00:00Z');

const user = (n: number, extra: Partial<RoutingUser> = {}): RoutingUser => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  email: `u${n}@x.example`,
  role: 'rep',
  teamId: 'team-n',
  active: true,
  away: false,
  ...extra,
});

function routingOf(extra: Partial<RoutingDefinition>) {
  const result = compileRouting({ id: 'r', object: 'lead', rules: [], ...extra } as RoutingDefinition, registry);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.routing;
}

const state = (over: Partial<RoutingState> = {}): RoutingState => ({
  users: [user(1), user(2), user(3)],
  teams: [{ id: 'team-n', name: 'North' }],
  ticks: {},
  loads: {},
  now: NOW,
  ...over,
});

const lead = (data: Record<string, unknown>) => ({ id: 'lead-1', data, ownerId: null, teamId: null });

describe('routing: assign (pure)', () => {
  it('spreads smooth weighted turns 2:1:1 without bunching', () => {
    expect(smoothWeightedSequence([2, 1, 1])).to.deep.equal([0, 1, 2, 0]);
    expect(smoothWeightedSequence([5, 1])).to.have.length(6);
  });

  it('takes the round-robin turn from the counter and says which turn it was', () => {
    const routing = routingOf({ rules: [{ id: 'rr', strategy: { type: 'round-robin', pool: { team: 'North' } } }] });
    const d = assign(lead({}), routing, state({ ticks: { rr: 4 } }));
    expect(d).to.include({ kind: 'owner', ownerId: user(2).id, counterKey: 'rr', ruleId: 'rr' });
    expect(d.reason).to.equal('rule "rr": round-robin in team North: turn 5, u2@x.example (2nd of 3 available)');
  });

  it('skips away and inactive users and names them', () => {
    const routing = routingOf({ rules: [{ id: 'rr', strategy: { type: 'round-robin', pool: { role: 'rep' } } }] });
    const d = assign(
      lead({}),
      routing,
      state({ users: [user(1, { away: true }), user(2, { active: false }), user(3)] }),
    );
    expect(d).to.include({ kind: 'owner', ownerId: user(3).id });
    expect(d.skipped.map((s) => s.why)).to.deep.equal(['u1@x.example is away', 'u2@x.example is inactive']);
  });

  it('passes over a rule whose condition does not hold or cannot be evaluated, then uses the fallback', () => {
    const routing = routingOf({
      rules: [
        { id: 'big', when: { '>': [{ var: 'employees' }, 1000] }, strategy: { type: 'owner', user: 'u1@x.example' } },
        { id: 'stage', stages: ['proposal'], strategy: { type: 'owner', user: 'u1@x.example' } },
      ],
      fallback: { type: 'queue', queue: 'pool' },
    });
    const d = assign(lead({ employees: 10, stage: 'new' }), routing, state());
    expect(d).to.include({ kind: 'pool', poolId: 'pool', ruleId: 'fallback' });
    expect(d.skipped.map((s) => s.ruleId)).to.deep.equal(['big', 'stage']);
  });

  it('picks the fewest open leads under the cap and gives up when all are at it', () => {
    const routing = routingOf({
      rules: [{ id: 'cap', strategy: { type: 'capacity', pool: { role: 'rep' }, maxOpen: 5 } }],
    });
    const some = assign(lead({}), routing, state({ loads: { [user(1).id]: 5, [user(2).id]: 3, [user(3).id]: 4 } }));
    expect(some).to.include({ kind: 'owner', ownerId: user(2).id });
    const full = assign(lead({}), routing, state({ loads: { [user(1).id]: 5, [user(2).id]: 5, [user(3).id]: 9 } }));
    expect(full.kind).to.equal('none');
  });

  it('maps territory values case-insensitively and keeps one counter per territory', () => {
    const routing = routingOf({
      rules: [
        {
          id: 't',
          strategy: {
            type: 'territory',
            field: 'province',
            territories: [
              { values: ['Zhejiang', 'Jiangsu'], pool: { users: ['u1@x.example', 'u2@x.example'] } },
              { values: ['Guangdong'], queue: 'south' },
            ],
          },
        },
      ],
    });
    const d = assign(lead({ province: 'jiangsu' }), routing, state({ ticks: { 't/0': 1 } }));
    expect(d).to.include({ kind: 'owner', ownerId: user(2).id, counterKey: 't/0', strategy: 'territory' });
    expect(assign(lead({ province: 'Guangdong' }), routing, state())).to.include({ kind: 'pool', poolId: 'south' });
    expect(assign(lead({ province: 'Tibet' }), routing, state()).kind).to.equal('none');
  });
});
