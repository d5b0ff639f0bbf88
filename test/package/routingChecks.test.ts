import { formatProblem, validatePackage } from '@leadforge/engine';
import { expect } from 'chai';
import { aFullPackage, aRouting } from './packageBuilders.js';

function problemsWith(files: Record<string, unknown>): string[] {
  return validatePackage(aFullPackage(files)).map(formatProblem);
}

const FILE = 'routing/inbound.json';

describe('package validator: routing rules, territories and lead pools', () => {
  it('accepts pools with members, claim limit, timeouts and return reasons', () => {
    const pools = [
      {
        id: 'unassigned',
        members: { role: 'rep', team: 'North' },
        claimLimit: 10,
        acceptWithinHours: 4,
        followUpWithinHours: 24,
        returnOnTimeout: true,
        returnReasons: [{ id: 'unreachable', label: { en: 'Unreachable' } }],
      },
    ];
    expect(problemsWith({ [FILE]: aRouting({ pools }) })).to.deep.equal([]);
  });

  it('refuses a queue that names no pool of the file, suggesting the near one', () => {
    const rules = [{ id: 'q', strategy: { type: 'queue', queue: 'unasigned' } }];
    expect(problemsWith({ [FILE]: aRouting({ rules }) })).to.deep.equal([
      `${FILE}: /rules/0/strategy/queue: unknown lead pool "unasigned" (did you mean "unassigned"?)`,
    ]);
  });

  it('refuses a territory that names both a pool of users and a lead pool, or neither', () => {
    const fallback = {
      type: 'territory',
      field: 'industry',
      territories: [{ values: ['saas'], pool: { role: 'rep' }, queue: 'unassigned' }, { values: ['retail'] }],
    };
    expect(problemsWith({ [FILE]: aRouting({ fallback }) })).to.deep.equal([
      `${FILE}: /fallback/territories/0: a territory names either a pool of users or a lead pool (queue), exactly one`,
      `${FILE}: /fallback/territories/1: a territory names either a pool of users or a lead pool (queue), exactly one`,
    ]);
  });

  it('refuses a territory value claimed by two territories', () => {
    const fallback = {
      type: 'territory',
      field: 'industry',
      territories: [
        { values: ['saas'], pool: { role: 'rep' } },
        { values: ['saas'], queue: 'unassigned' },
      ],
    };
    expect(problemsWith({ [FILE]: aRouting({ fallback }) })).to.deep.equal([
      `${FILE}: /fallback/territories/1/values/0: territory value "saas" is defined twice (first at /fallback/territories/0/values/0)`,
    ]);
  });

  it('refuses an unknown role in pool members, a pool defined twice and a repeated return reason', () => {
    const pools = [
      { id: 'unassigned', members: { role: 'reps' }, returnReasons: [{ id: 'dup' }, { id: 'dup' }] },
      { id: 'unassigned', members: { role: 'rep' } },
    ];
    expect(problemsWith({ [FILE]: aRouting({ pools }) })).to.deep.equal([
      `${FILE}: /pools/0/members/role: unknown role "reps" (did you mean "rep"?)`,
      `${FILE}: /pools/0/returnReasons/1/id: return reason "dup" is defined twice (first at /pools/0/returnReasons/0/id)`,
      `${FILE}: /pools/1/id: lead pool "unassigned" is defined twice (first at /pools/0/id)`,
    ]);
  });

  it('refuses a pool id another routing file already defines', () => {
    const other = aRouting({ id: 'outbound', rules: [{ id: 'x', strategy: { type: 'queue', queue: 'unassigned' } }] });
    delete (other as { fallback?: unknown }).fallback;
    expect(problemsWith({ 'routing/outbound.json': other })).to.deep.equal([
      'routing/outbound.json: /pools/0/id: lead pool "unassigned" is also defined in routing/inbound.json',
    ]);
  });

  it('refuses a user weighted twice and an unknown pool property', () => {
    const rules = [
      {
        id: 'w',
        strategy: {
          type: 'weighted',
          weights: [
            { user: 'ann@example.com', weight: 2 },
            { user: 'ANN@example.com', weight: 1 },
          ],
        },
      },
    ];
    expect(problemsWith({ [FILE]: aRouting({ rules }) })).to.deep.equal([
      `${FILE}: /rules/0/strategy/weights/1/user: user "ann@example.com" is defined twice (first at /rules/0/strategy/weights/0/user)`,
    ]);
    const pools = [{ id: 'unassigned', members: { role: 'rep' }, claimLimit: 0, owner: 'x' }];
    const problems = problemsWith({ [FILE]: aRouting({ pools }) });
    expect(problems.some((p) => p.startsWith(`${FILE}: /pools/0/claimLimit:`))).to.equal(true);
    expect(problems.some((p) => p.startsWith(`${FILE}: /pools/0`) && p.includes('owner'))).to.equal(true);
  });
});
