// The model's one generated function (profileConditions) against each rule's own evaluate and against
// json-logic-js: the same fired rules, points and errors, in the same order.
import { expect } from 'chai';
import { createOperatorRegistry } from '../../engine/src/rules/index.js';
import { compileScoringModel, scoreLead } from '../../engine/src/scoring/index.js';
import { aGeneratedLead } from '../rules/support/leadRecords.js';
import { prng } from '../rules/support/prng.js';
import { referenceOutcome, show, useReferenceOperators } from '../rules/support/reference.js';
import { ruleGenerator } from '../rules/support/ruleGenerator.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const MODELS = 200;
const RECORDS_PER_MODEL = 25;

describe('scoring: the model compiled to one generated function', () => {
  before(() => useReferenceOperators({ now: NOW }));

  it(`scores ${(MODELS * RECORDS_PER_MODEL).toLocaleString('en')} leads exactly as rule-by-rule evaluation and json-logic-js do`, () => {
    const registry = createOperatorRegistry();
    const r = prng(4242);
    const generate = ruleGenerator(r);
    let errors = 0;
    let fired = 0;
    for (let m = 0; m < MODELS; m++) {
      const rules = Array.from({ length: r.int(1, 30) }, (_, i) => ({
        id: `r${i}`,
        points: r.int(-10, 10),
        when: generate(r.int(1, 4)),
      }));
      const compiled = compileScoringModel({ id: `m${m}`, rules, grades: [{ min: 0, grade: 'a' }] }, registry);
      if (!compiled.ok) expect.fail(show(compiled.problems));
      const model = compiled.model;
      expect(model.profileConditions, 'generated').to.be.a('function');
      const ruleByRule = { ...model, profileConditions: undefined };
      for (let k = 0; k < RECORDS_PER_MODEL; k++) {
        const record = aGeneratedLead(r);
        const fast = scoreLead(model, record, [], NOW);
        expect(fast, `model ${m} on ${show(record)}`).to.deep.equal(scoreLead(ruleByRule, record, [], NOW));
        // json-logic-js fires the same rules (an error there scores 0 here, reported).
        const referenceFired = rules.filter((rule) => {
          const outcome = referenceOutcome(rule.when, record);
          return (
            !outcome.threw &&
            outcome.value !== null &&
            (Array.isArray(outcome.value) ? outcome.value.length > 0 : Boolean(outcome.value))
          );
        });
        expect(
          fast.fired.map((line) => line.ruleId),
          `model ${m}`,
        ).to.deep.equal(
          referenceFired.filter((rule) => !fast.errors.some((e) => e.ruleId === rule.id)).map((rule) => rule.id),
        );
        errors += fast.errors.length;
        fired += fast.fired.length;
      }
    }
    expect(fired).to.be.greaterThan(1000);
    expect(errors).to.be.greaterThan(0);
  });

  it('reports a rule that fails on one record and still scores the others', () => {
    const registry = createOperatorRegistry();
    const compiled = compileScoringModel(
      {
        id: 'm',
        rules: [
          { id: 'ok', points: 5, when: { '==': [{ var: 'a' }, 1] } },
          { id: 'huge', points: 3, when: { map: [{ var: 'list' }, { var: '' }] } },
          { id: 'also', points: 2, when: { '!!': [{ var: 'a' }] } },
        ],
        grades: [{ min: 0, grade: 'a' }],
      },
      registry,
      { maxArrayItems: 3 },
    );
    if (!compiled.ok) expect.fail(show(compiled.problems));
    const score = scoreLead(compiled.model, { a: 1, list: [1, 2, 3, 4] }, [], NOW);
    expect(score.score).to.equal(7);
    expect(score.fired.map((line) => line.ruleId)).to.deep.equal(['ok', 'also']);
    expect(score.errors.map((e) => e.ruleId)).to.deep.equal(['huge']);
    expect(score).to.deep.equal(
      scoreLead({ ...compiled.model, profileConditions: undefined }, { a: 1, list: [1, 2, 3, 4] }, [], NOW),
    );
  });
});
