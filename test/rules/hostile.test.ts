import { expect } from 'chai';
import { createOperatorRegistry, type RuleOutcome } from '../../engine/src/rules/index.js';
import { prng } from './support/prng.js';
import { sameValue, show } from './support/reference.js';
import {
  type Expected,
  HANDWRITTEN,
  HOSTILE_NAMES,
  HOSTILE_TEMPLATES,
  hostileRecord,
  ODD_DATA,
} from './support/hostileRules.js';
import { MODES } from './support/modes.js';
import { ruleGenerator } from './support/ruleGenerator.js';

const context = { now: new Date('2026-03-02T09:00:00Z') };
const PROTOTYPES: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
];
const FORBIDDEN_VALUES = new Set<unknown>([
  ...PROTOTYPES.map(([, proto]) => proto),
  Object,
  Array,
  Function,
  globalThis,
]);

function snapshot(): Record<string, string[]> {
  return Object.fromEntries(PROTOTYPES.map(([name, proto]) => [name, Reflect.ownKeys(proto).map(String).sort()]));
}

/** Plain JSON data all the way down: no function, no prototype, no host object (walk bounded). */
function plainJsonProblem(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    if (++seen > 2_000_000) return 'too large to be a plain answer';
    if (FORBIDDEN_VALUES.has(item)) return 'a prototype, constructor or the global object';
    if (item === null || ['string', 'number', 'boolean'].includes(typeof item)) continue;
    if (typeof item !== 'object') return `a ${typeof item}`;
    const proto = Object.getPrototypeOf(item);
    if (Array.isArray(item)) {
      if (proto !== Array.prototype) return 'an array with a foreign prototype';
      stack.push(...item);
    } else if (proto === Object.prototype || proto === null) {
      for (const key of Reflect.ownKeys(item)) {
        const descriptor = Object.getOwnPropertyDescriptor(item, key)!;
        if (!('value' in descriptor)) return 'an accessor property';
        stack.push(descriptor.value);
      }
    } else {
      return 'a host object';
    }
  }
  return undefined;
}

function checkOutcome(outcome: RuleOutcome): void {
  expect(outcome).to.be.an('object');
  if (outcome.ok) {
    expect(plainJsonProblem(outcome.value), show(outcome.value)?.slice(0, 200)).to.equal(undefined);
  } else {
    expect(outcome.error.code).to.be.oneOf(['RULE_LIMIT', 'RULE_ERROR']);
    expect(outcome.error.message).to.be.a('string');
  }
}

function check(compile: (typeof MODES)[number][1], rule: unknown, expected: Expected): void {
  const registry = createOperatorRegistry();
  const compiled = compile(rule, registry);
  if (expected === 'refused') {
    expect(compiled.ok, 'refused at publish').to.equal(false);
    if (!compiled.ok) expect(compiled.problems.length).to.be.greaterThan(0);
    return;
  }
  if (!compiled.ok) {
    expect.fail(`refused at publish: ${show(compiled.problems)}`);
    return;
  }
  const outcome = compiled.evaluate(hostileRecord(), context);
  checkOutcome(outcome);
  if (expected === 'limit')
    expect(outcome.ok ? 'ok' : outcome.error.code, show(outcome).slice(0, 200)).to.equal('RULE_LIMIT');
  else if (expected === 'error')
    expect(outcome.ok ? 'ok' : outcome.error.code, show(outcome).slice(0, 200)).to.equal('RULE_ERROR');
  else if (expected === 'json') expect(outcome.ok, show(outcome).slice(0, 200)).to.equal(true);
  else expect(outcome.ok && sameValue(outcome.value, expected.value), show(outcome).slice(0, 200)).to.equal(true);
  for (const data of ODD_DATA) checkOutcome(compiled.evaluate(data, context));
}

for (const [mode, compile] of MODES) {
  describe(`rules: hostile battery (${mode})`, () => {
    let prototypesBefore: Record<string, string[]>;
    let count = 0;
    const countedCheck = (rule: unknown, expected: Expected) => {
      count++;
      check(compile, rule, expected);
    };

    before(() => {
      prototypesBefore = snapshot();
      hostileRecord();
    });

    after(() => {
      expect(snapshot(), 'prototypes keep exactly their own properties').to.deep.equal(prototypesBefore);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
      expect(count, 'hostile rules run').to.be.at.least(200);
    });

    describe('handwritten', () => {
      for (const { description, rule, expected } of HANDWRITTEN) {
        it(description, () => countedCheck(rule, expected));
      }
    });

    describe('every hostile name in every rule shape', () => {
      for (const [shape, template] of HOSTILE_TEMPLATES) {
        it(`never reaches a prototype through ${shape} (${HOSTILE_NAMES.length} names)`, () => {
          for (const name of HOSTILE_NAMES) {
            const rule = template(name);
            const registry = createOperatorRegistry();
            const compiled = compile(rule, registry);
            count++;
            if (shape === 'an operator name') {
              expect(compiled.ok, name).to.equal(false);
              continue;
            }
            expect(compiled.ok, `${name}: ${compiled.ok ? '' : show(compiled.problems)}`).to.equal(true);
            if (!compiled.ok) continue;
            for (const data of [hostileRecord(), ...ODD_DATA]) checkOutcome(compiled.evaluate(data, context));
            // Own-only reads: an inherited name is never found, so a var answers its default (or null).
            if (shape === 'a var path')
              expect(compiled.evaluate(hostileRecord(), context)).to.deep.equal({ ok: true, value: null });
            if (shape === 'a var path with a default')
              expect(compiled.evaluate({ tags: [], name: 'x', count: 1, flag: true }, context)).to.deep.equal({
                ok: true,
                value: 'fallback',
              });
          }
        });
      }
    });

    it('keeps 500 generated rules with hostile names spliced in away from prototypes', () => {
      const r = prng(77);
      const generate = ruleGenerator(r);
      const registry = createOperatorRegistry();
      const splice = (node: unknown): unknown => {
        if (typeof node === 'string') return r.chance(0.5) ? r.pick(HOSTILE_NAMES) : node;
        if (Array.isArray(node)) return node.map(splice);
        if (typeof node === 'object' && node !== null) {
          return Object.fromEntries(
            Object.entries(node).map(([key, value]) => [r.chance(0.05) ? r.pick(HOSTILE_NAMES) : key, splice(value)]),
          );
        }
        return node;
      };
      for (let i = 0; i < 500; i++) {
        const rule = splice(generate(3));
        count++;
        const compiled = compile(rule, registry);
        if (!compiled.ok) continue;
        for (const data of [hostileRecord(), ...ODD_DATA]) checkOutcome(compiled.evaluate(data, context));
      }
    });
  });
}
