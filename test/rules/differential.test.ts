import { expect } from 'chai';
import { createOperatorRegistry } from '../../engine/src/rules/index.js';
import { aGeneratedLead } from './support/leadRecords.js';
import { MODES } from './support/modes.js';
import { prng } from './support/prng.js';
import { type Outcome, referenceOutcome, sameValue, show, useReferenceOperators } from './support/reference.js';
import { GENERATED_OPERATORS, ruleGenerator, STRINGS } from './support/ruleGenerator.js';

const PAIRS = 12_000;
const SEED = 20260302;
const context = { now: new Date('2026-03-02T09:00:00Z') };

function operatorsIn(rule: unknown, found: Set<string>): void {
  if (Array.isArray(rule)) for (const item of rule) operatorsIn(item, found);
  else if (typeof rule === 'object' && rule !== null) {
    const keys = Object.keys(rule);
    if (keys.length === 1) found.add(keys[0]!);
    for (const value of Object.values(rule)) operatorsIn(value, found);
  }
}

describe('rules: compiled evaluator agrees with json-logic-js', () => {
  before(() => useReferenceOperators(context));

  for (const [mode, compileRule] of MODES)
    it(`gives the same result as json-logic-js apply on ${PAIRS.toLocaleString('en')} generated rule/record pairs (${mode})`, () => {
      const registry = createOperatorRegistry();
      const r = prng(SEED);
      const generate = ruleGenerator(r);
      const mismatches: string[] = [];
      const used = new Set<string>();
      let bothThrew = 0;
      for (let i = 0; i < PAIRS; i++) {
        const rule = generate(r.int(1, 4));
        const record = aGeneratedLead(r);
        operatorsIn(rule, used);
        const compiled = compileRule(rule, registry);
        if (!compiled.ok) {
          mismatches.push(`#${i} refused at compile: ${show(rule)} ${show(compiled.problems)}`);
          continue;
        }
        const reference = referenceOutcome(rule, record);
        const result = compiled.evaluate(record, context);
        const ours: Outcome = result.ok
          ? { threw: false, value: result.value }
          : { threw: true, message: result.error.message };
        if (reference.threw && ours.threw) bothThrew++;
        else if (
          reference.threw !== ours.threw ||
          !sameValue(reference.threw ? null : reference.value, ours.threw ? null : ours.value)
        ) {
          mismatches.push(
            `#${i} ${show(rule)} on ${show(record)}: json-logic-js ${show(reference)} vs compiled ${show(ours)}`,
          );
        }
      }
      expect(mismatches.slice(0, 8), `${mismatches.length} mismatches`).to.deep.equal([]);
      expect(
        [...GENERATED_OPERATORS].filter((op) => !used.has(op)),
        'operators never generated',
      ).to.deep.equal([]);
      // A differential where most rules throw would compare little: keep errors a small share.
      expect(bothThrew / PAIRS).to.be.below(0.05);
    });

  it('generates no literal that names an inherited property (the documented own-property difference)', () => {
    const inherited = new Set<string>();
    for (const proto of [Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype]) {
      for (const name of Object.getOwnPropertyNames(proto)) inherited.add(name);
    }
    inherited.delete('length');
    expect(STRINGS.filter((s) => inherited.has(s))).to.deep.equal([]);
  });
});
