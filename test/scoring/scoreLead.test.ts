import { expect } from 'chai';
import { compileScoringModel, scoreCrossings, scoreLead } from '../../engine/src/scoring/index.js';
import type { LeadScore } from '../../engine/src/scoring/types.js';
import { aLead, aModel, aModelDefinition, anEvent, NOW, registry } from './builders.js';

const sum = (score: LeadScore) => score.fired.reduce((total, line) => total + line.points, 0);
const lines = (score: LeadScore) => score.fired.map((line) => [line.ruleId, line.points]);

describe('scoring: fit (profile) points', () => {
  it('adds the points of every rule the record matches', () => {
    const score = scoreLead(aModel(), aLead({ industry: 'saas', role: 'cto', employees: 800 }), [], NOW);
    expect(lines(score)).to.deep.equal([
      ['target-industry', 5],
      ['decision-maker', 10],
      ['large-company', 8],
    ]);
    expect(score.score).to.equal(23);
  });

  it('takes points away for a negative rule (personal email)', () => {
    const score = scoreLead(aModel(), aLead({ industry: 'saas', email: 'li@qq.com' }), [], NOW);
    expect(lines(score)).to.deep.equal([
      ['target-industry', 5],
      ['personal-email', -5],
    ]);
    expect(score.score).to.equal(0);
  });

  it('scores 0 for a rule that fails on this record, lists it, and scores the other rules', () => {
    const model = aModel({
      rules: [
        { id: 'odd', points: 7, when: { '==': [{ var: 'weird' }, 1] } },
        { id: 'saas', points: 5, when: { '==': [{ var: 'industry' }, 'saas'] } },
      ],
    });
    const score = scoreLead(model, aLead({ industry: 'saas', weird: { valueOf: 'x', toString: 'y' } }), [], NOW);
    expect(score.score).to.equal(5);
    expect(score.errors.map((e) => e.ruleId)).to.deep.equal(['odd']);
  });

  it('scores 0 for a rule that hits a run-time limit on this record', () => {
    const model = aModel({ rules: [{ id: 'loop', points: 3, when: { some: [{ var: 'items' }, true] } }] });
    const score = scoreLead(model, aLead({ items: Array.from({ length: 20_000 }, () => 1) }), [], NOW);
    expect([score.score, score.errors.map((e) => e.ruleId)]).to.deep.equal([0, ['loop']]);
  });
});

describe('scoring: behaviour points', () => {
  it('adds points for each matching event', () => {
    const events = [anEvent('whitepaper.downloaded', 3), anEvent('whitepaper.downloaded', 2)];
    const score = scoreLead(aModel(), aLead(), events, NOW);
    expect(score.fired.map((line) => [line.ruleId, line.points, line.eventId])).to.deep.equal([
      ['whitepaper', 5, events[0]!.id],
      ['whitepaper', 5, events[1]!.id],
    ]);
  });

  it('stops at the cap, giving the last event only the points left', () => {
    const events = [1, 2, 3, 4].map((d) => anEvent('pricing.viewed', d));
    const score = scoreLead(aModel(), aLead(), events, NOW);
    expect(lines(score)).to.deep.equal([
      ['pricing', 10],
      ['pricing', 10],
      ['pricing', 5],
    ]);
  });

  it('counts a once rule for the first matching event only', () => {
    const events = [anEvent('webinar.attended', 5), anEvent('webinar.attended', 1)];
    const score = scoreLead(aModel(), aLead(), events, NOW);
    expect(score.fired.map((line) => line.eventId)).to.deep.equal([events[0]!.id]);
    expect(score.score).to.equal(15);
  });

  it('counts only events whose properties match the rule', () => {
    const model = aModel({
      behaviour: [{ id: 'long-visit', event: 'page.viewed', points: 3, when: { '>': [{ var: 'seconds' }, 30] } }],
    });
    const events = [
      anEvent('page.viewed', 2, { seconds: 10 }),
      anEvent('page.viewed', 1, { seconds: 45 }),
      anEvent('page.viewed', 1),
    ];
    expect(scoreLead(model, aLead(), events, NOW).score).to.equal(3);
  });

  it('takes points away for a negative behaviour rule, capped in absolute value', () => {
    const model = aModel({ behaviour: [{ id: 'bounced', event: 'email.bounced', points: -4, cap: 10 }] });
    const events = [3, 2, 1].map((d) => anEvent('email.bounced', d));
    expect(lines(scoreLead(model, aLead(), events, NOW))).to.deep.equal([
      ['bounced', -4],
      ['bounced', -4],
      ['bounced', -2],
    ]);
  });

  it('ignores events after `now`', () => {
    expect(scoreLead(aModel(), aLead(), [anEvent('whitepaper.downloaded', -1)], NOW).score).to.equal(0);
  });

  it('gives the same score whatever order the events arrive in, counting a repeated event id once', () => {
    const events = [anEvent('pricing.viewed', 3), anEvent('webinar.attended', 2), anEvent('pricing.viewed', 1)];
    const shuffled = [events[2]!, events[0]!, events[1]!, events[0]!];
    expect(scoreLead(aModel(), aLead(), shuffled, NOW)).to.deep.equal(scoreLead(aModel(), aLead(), events, NOW));
  });

  it('reports an event it cannot read and scores the rest', () => {
    const score = scoreLead(
      aModel(),
      aLead(),
      [{ id: 'x', type: 'pricing.viewed', at: 'yesterday' }, anEvent('pricing.viewed')],
      NOW,
    );
    expect([score.score, score.errors.map((e) => [e.ruleId, e.eventId])]).to.deep.equal([10, [['events', 'x']]]);
  });

  it('accepts DESIGN.md\'s { "event.type": points } shorthand', () => {
    const model = aModel({ behaviour: { 'whitepaper.downloaded': 5, 'pricing.viewed': 10 } });
    const score = scoreLead(model, aLead(), [anEvent('pricing.viewed'), anEvent('whitepaper.downloaded')], NOW);
    expect(lines(score)).to.deep.equal([
      ['whitepaper.downloaded', 5],
      ['pricing.viewed', 10],
    ]);
  });
});

describe('scoring: decay', () => {
  const decaying = () => aModel({ decay: { inactiveDays: 30, points: -10 } });

  it('takes points away for every full period without activity', () => {
    const events = [anEvent('webinar.attended', 65), anEvent('pricing.viewed', 65)];
    const score = scoreLead(decaying(), aLead(), events, NOW);
    expect(score.fired.at(-1)).to.deep.equal({ ruleId: 'decay', kind: 'decay', points: -20 });
    expect(score.score).to.equal(5);
  });

  it('does not decay a lead active within the period', () => {
    const events = [anEvent('webinar.attended', 65), anEvent('page.viewed', 29)];
    expect(scoreLead(decaying(), aLead(), events, NOW).score).to.equal(15);
  });

  it('never takes more than the behaviour points: fit points stay', () => {
    const score = scoreLead(decaying(), aLead({ role: 'ceo' }), [anEvent('whitepaper.downloaded', 400)], NOW);
    expect(lines(score)).to.deep.equal([
      ['decision-maker', 10],
      ['whitepaper', 5],
      ['decay', -5],
    ]);
  });

  it('depends on `now`: the same history scores lower later', () => {
    const events = [anEvent('webinar.attended', 10)];
    const later = new Date(NOW.getTime() + 30 * 86_400_000);
    expect([
      scoreLead(decaying(), aLead(), events, NOW).score,
      scoreLead(decaying(), aLead(), events, later).score,
    ]).to.deep.equal([15, 5]);
  });

  it("halves each event's points every half-life", () => {
    const model = aModel({ decay: { halfLifeDays: 14 } });
    const score = scoreLead(model, aLead(), [anEvent('pricing.viewed', 14), anEvent('pricing.viewed', 28)], NOW);
    expect(lines(score)).to.deep.equal([
      ['pricing', 10],
      ['pricing', 10],
      ['decay', -12.5 + 0.5],
    ]);
    expect(score.score).to.equal(8);
  });
});

describe('scoring: floor, ceiling and grades', () => {
  it('raises a score below the floor to the floor, with an explaining line', () => {
    const score = scoreLead(aModel({ floor: 0 }), aLead({ email: 'x@gmail.com' }), [], NOW);
    expect([score.score, lines(score)]).to.deep.equal([
      0,
      [
        ['personal-email', -5],
        ['floor', 5],
      ],
    ]);
  });

  it('lowers a score above the ceiling to the ceiling', () => {
    const events = [1, 2, 3].map((d) => anEvent('pricing.viewed', d));
    const score = scoreLead(aModel({ ceiling: 20 }), aLead(), events, NOW);
    expect([score.score, score.fired.at(-1)]).to.deep.equal([20, { ruleId: 'ceiling', kind: 'ceiling', points: -5 }]);
  });

  it('gives the band whose min the score reaches, bands taken high to low', () => {
    const model = aModel({
      rules: [{ id: 'all', points: 1, when: true }],
      behaviour: [{ id: 'p', event: 'x.y', points: 1 }],
    });
    const at = (n: number) =>
      scoreLead(
        model,
        aLead(),
        Array.from({ length: n - 1 }, (_, i) => anEvent('x.y', i + 1)),
        NOW,
      );
    expect([at(29).grade, at(30).grade, at(59).grade, at(60).grade]).to.deep.equal(['cold', 'warm', 'warm', 'hot']);
  });

  it('gives no grade below the lowest band', () => {
    const model = aModel({ grades: [{ min: 10, grade: 'warm' }] });
    expect(scoreLead(model, aLead(), [], NOW).grade).to.equal(null);
  });

  it('makes an MQL from the mql grades, or from an explicit threshold', () => {
    const events = [anEvent('webinar.attended'), ...[1, 2, 3].map((d) => anEvent('pricing.viewed', d))];
    const hot = scoreLead(aModel(), aLead({ industry: 'saas', role: 'vp', employees: 900 }), events, NOW);
    expect([hot.score, hot.grade, hot.mql]).to.deep.equal([63, 'hot', true]);
    const threshold = aModel({ grades: [{ min: 0, grade: 'any' }], mqlThreshold: 20 });
    expect(
      scoreLead(threshold, aLead({ role: 'vp', employees: 900 }), [anEvent('whitepaper.downloaded')], NOW).mql,
    ).to.equal(true);
  });
});

describe('scoring: determinism and explanation', () => {
  it('recomputes instead of piling points on old points', () => {
    const events = [anEvent('pricing.viewed')];
    const first = scoreLead(aModel(), aLead({ role: 'cto' }), events, NOW);
    const again = scoreLead(
      aModel(),
      { ...aLead({ role: 'cto' }), score: first.score, grade: first.grade },
      events,
      NOW,
    );
    expect(again).to.deep.equal(first);
  });

  it('explains every score exactly: the fired lines add up to it', () => {
    const model = aModel({ decay: { halfLifeDays: 9 }, floor: -3, ceiling: 70 });
    const types = ['pricing.viewed', 'whitepaper.downloaded', 'webinar.attended', 'page.viewed'];
    for (let i = 0; i < 300; i++) {
      const lead = aLead({
        industry: ['saas', 'retail'][i % 2],
        role: ['ceo', 'intern', 'vp'][i % 3],
        employees: (i * 37) % 1200,
        email: i % 5 === 0 ? 'a@163.com' : 'a@acme.com',
      });
      const events = Array.from({ length: i % 9 }, (_, k) => anEvent(types[(i + k) % 4]!, (i * k) % 40));
      const score = scoreLead(model, lead, events, NOW);
      expect(sum(score), `lead ${i}`).to.equal(score.score);
    }
  });
});

describe('scoring: crossings', () => {
  it('announces becoming an MQL once, not on every re-score', () => {
    const model = aModel();
    const lead = aLead({ industry: 'saas', role: 'vp', employees: 900 });
    const events = [anEvent('webinar.attended', 2), ...[1, 2, 3].map((d) => anEvent('pricing.viewed', d))];
    const warm = scoreLead(model, lead, events.slice(0, 1), NOW);
    const hot = scoreLead(model, lead, events, NOW);
    const stillHot = scoreLead(model, lead, [...events, anEvent('whitepaper.downloaded')], NOW);
    expect(scoreCrossings(warm, hot)).to.deep.equal([
      { type: 'score.crossed', model: 'b2b-default', fromGrade: 'warm', toGrade: 'hot', becameMql: true, score: 63 },
    ]);
    expect(scoreCrossings(hot, stillHot)).to.deep.equal([]);
  });

  it('announces a first grade for a lead never scored', () => {
    const first = scoreLead(aModel(), aLead(), [], NOW);
    expect(scoreCrossings(null, first)).to.deep.equal([
      { type: 'score.crossed', model: 'b2b-default', fromGrade: null, toGrade: 'cold', becameMql: false, score: 0 },
    ]);
  });

  it('announces falling out of MQL without calling it a new MQL', () => {
    const crossing = scoreCrossings({ grade: 'hot', mql: true }, scoreLead(aModel(), aLead(), [], NOW));
    expect(crossing.map((c) => [c.fromGrade, c.toGrade, c.becameMql])).to.deep.equal([['hot', 'cold', false]]);
  });
});

describe('scoring: compileScoringModel checks', () => {
  const problems = (overrides: Record<string, unknown>) => {
    const compiled = compileScoringModel(aModelDefinition(overrides), registry);
    return compiled.ok ? [] : compiled.problems;
  };

  it('locates a bad condition inside its rule', () => {
    expect(problems({ rules: [{ id: 'a', points: 1, when: { fremail: [{ var: 'email' }] } }] })).to.deep.equal([
      { pointer: '/rules/0/when/fremail', message: 'unknown operator "fremail"' },
    ]);
  });

  it('refuses duplicate rule ids across fit and behaviour rules', () => {
    expect(problems({ behaviour: [{ id: 'decision-maker', event: 'a.b', points: 1 }] })).to.deep.equal([
      { pointer: '/behaviour/0/id', message: 'rule id "decision-maker" is used twice' },
    ]);
  });

  it('refuses grades out of order and MQL grades below a non-MQL one', () => {
    const found = problems({
      grades: [
        { min: 30, grade: 'warm' },
        { min: 60, grade: 'hot', mql: true },
      ],
    });
    expect(found.map((p) => p.pointer)).to.deep.equal(['/grades/1/min', '/grades/1/mql']);
  });

  it('refuses a threshold that disagrees with the MQL grades', () => {
    expect(problems({ mqlThreshold: 50 }).map((p) => p.pointer)).to.deep.equal(['/mqlThreshold']);
  });

  it('refuses a malformed decay, cap, once, floor above ceiling and unknown keys (with a hint for caps)', () => {
    const found = problems({
      decay: { inactiveDays: 30, points: 5 },
      behaviour: [{ id: 'x', event: 'a.b', points: 1, cap: 0, once: 'yes' }],
      floor: 10,
      ceiling: 5,
      caps: { min: 0 },
    });
    expect(found.map((p) => p.pointer)).to.deep.equal([
      '/caps',
      '/behaviour/0/cap',
      '/behaviour/0/once',
      '/decay',
      '/floor',
    ]);
    expect(found[0]!.message).to.contain('use "floor" and "ceiling"');
  });

  it("compiles DESIGN.md's example as written", () => {
    const design = {
      id: 'b2b-default',
      object: 'lead',
      rules: aModelDefinition()['rules'],
      behaviour: { 'whitepaper.downloaded': 5, 'pricing.viewed': 10, 'webinar.attended': 15 },
      decay: { inactiveDays: 30, points: -10 },
      grades: [
        { min: 60, grade: 'hot', mql: true },
        { min: 30, grade: 'warm' },
        { min: -1000, grade: 'cold' },
      ],
    };
    const compiled = compileScoringModel(design, registry);
    expect(compiled.ok && compiled.model.mqlThreshold).to.equal(60);
  });
});
