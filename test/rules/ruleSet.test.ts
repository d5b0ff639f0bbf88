// Several rules as ONE generated function (compileRuleSet, what a scoring model's profile runs): the
// same answers as each rule's own closures, hostile rules and odd data included; var paths read once up
// front and own properties only; the built-in operators written inline, a third party's called.
import { expect } from 'chai';
import { between, contains, daysSince, domain, freemail, startsWith } from '../../engine/src/plugins/builtin/index.js';
import {
  compileRuleSet,
  RULE_FAILED,
  RULE_FALSE,
  RULE_TRUE,
  type RuleSetFunction,
} from '../../engine/src/rules/codegen/compileRuleSet.js';
import { compileTree } from '../../engine/src/rules/compileRule.js';
import {
  compileRule,
  createOperatorRegistry,
  DEFAULT_RULE_LIMITS,
  jsonLogicTruthy,
  type OperatorRegistry,
  type RuleLimits,
  type RuleOperator,
} from '../../engine/src/rules/index.js';
import { HANDWRITTEN, HOSTILE_NAMES, HOSTILE_TEMPLATES, hostileRecord, ODD_DATA } from './support/hostileRules.js';
import { show } from './support/reference.js';

const context = { now: new Date('2026-03-02T09:00:00Z') };

function ruleSet(rules: readonly unknown[], registry: OperatorRegistry, limits: Partial<RuleLimits> = {}) {
  const roots = rules.map((rule) => {
    const tree = compileTree(rule, registry, limits);
    if (!tree.ok) throw new Error(`${show(rule)}: ${show(tree.problems)}`);
    return tree.root;
  });
  const set = compileRuleSet(roots, { ...DEFAULT_RULE_LIMITS, ...limits });
  if (!set) throw new Error('compileRuleSet generated no function');
  return set;
}

/** What each rule's own closures answer, in the rule set's terms: outcome codes and errors by index. */
function ruleByRule(rules: readonly unknown[], registry: OperatorRegistry, data: unknown, limits = {}) {
  const codes: number[] = [];
  const errors: (string | undefined)[] = [];
  for (const rule of rules) {
    const compiled = compileRule(rule, registry, limits);
    if (!compiled.ok) throw new Error(show(compiled.problems));
    const outcome = compiled.evaluate(data, context);
    codes.push(outcome.ok ? (jsonLogicTruthy(outcome.value) ? RULE_TRUE : RULE_FALSE) : RULE_FAILED);
    errors.push(outcome.ok ? undefined : `${outcome.error.code}: ${outcome.error.message}`);
  }
  return { codes, errors };
}

function run(set: RuleSetFunction, count: number, data: unknown) {
  const out = new Uint8Array(count);
  const failures = set(data, context, out, 0);
  const errors = Array.from({ length: count }, (_, i) => {
    const error = failures?.[i];
    return error ? `${error.code}: ${error.message}` : undefined;
  });
  return { codes: [...out], errors, failures };
}

describe('rules: a rule set compiled to one generated function', () => {
  it('answers every hostile rule as its own closures do, on hostile and odd data, and leaves prototypes alone', () => {
    const registry = createOperatorRegistry();
    const before = Reflect.ownKeys(Object.prototype).map(String).sort();
    const rules = [
      ...HANDWRITTEN.filter((c) => c.expected !== 'refused').map((c) => c.rule),
      ...HOSTILE_TEMPLATES.filter(([shape]) => shape !== 'an operator name').flatMap(([, template]) =>
        HOSTILE_NAMES.map(template),
      ),
    ].filter((rule) => compileRule(rule, registry).ok);
    expect(rules.length).to.be.at.least(200);
    const set = ruleSet(rules, registry);
    for (const [i, data] of [hostileRecord(), ...ODD_DATA].entries()) {
      const { codes, errors } = run(set, rules.length, data);
      expect({ codes, errors }, i === 0 ? 'the hostile record' : `ODD_DATA[${i - 1}]`).to.deep.equal(
        ruleByRule(rules, registry, data),
      );
    }
    expect(Reflect.ownKeys(Object.prototype).map(String).sort()).to.deep.equal(before);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });

  it('writes the outcomes at the offset given and answers null when every rule ran', () => {
    const registry = createOperatorRegistry();
    const rules = [{ '==': [{ var: 'a' }, 1] }, { '!': [{ var: 'b.c' }] }, { in: [{ var: 'b.c' }, ['x', 'y']] }];
    const set = ruleSet(rules, registry);
    const out = new Uint8Array(8).fill(9);
    expect(set({ a: 1, b: { c: 'y' } }, context, out, 3)).to.equal(null);
    expect([...out]).to.deep.equal([9, 9, 9, RULE_TRUE, RULE_FALSE, RULE_TRUE, 9, 9]);
  });

  it('reports a rule that fails by its index and still evaluates the others', () => {
    const registry = createOperatorRegistry();
    const rules = [{ '!!': [{ var: 'a' }] }, { map: [{ var: 'list' }, { var: '' }] }, { '==': [{ var: 'a' }, 1] }];
    const set = ruleSet(rules, registry, { maxArrayItems: 3 });
    const data = { a: 1, list: [1, 2, 3, 4] };
    const { codes, errors, failures } = run(set, 3, data);
    expect(codes).to.deep.equal([RULE_TRUE, RULE_FAILED, RULE_TRUE]);
    expect(failures?.[1]?.code).to.equal('RULE_LIMIT');
    expect({ codes, errors }).to.deep.equal(ruleByRule(rules, registry, data, { maxArrayItems: 3 }));
  });

  it('reads own properties only, even when Object.prototype is polluted between two records', () => {
    const registry = createOperatorRegistry();
    const rules = [
      { '==': [{ var: 'industry' }, 'saas'] },
      { '==': [{ var: 'utm.source' }, 'saas'] },
      { '!!': [{ var: 'constructor' }] },
      { '!!': [{ var: '__proto__' }] },
      { '!!': [{ var: 'utm.toString' }] },
      { contains: [{ var: 'industry' }, 'aa'] },
    ];
    const set = ruleSet(rules, registry);
    const lead = JSON.parse('{"utm": {}}');
    expect(run(set, rules.length, lead).codes).to.deep.equal([0, 0, 0, 0, 0, 0]);
    const proto = Object.prototype as Record<string, unknown>;
    proto['industry'] = 'saas';
    proto['source'] = 'saas';
    try {
      expect(run(set, rules.length, lead).codes).to.deep.equal([0, 0, 0, 0, 0, 0]);
    } finally {
      delete proto['industry'];
      delete proto['source'];
    }
    expect(run(set, rules.length, { industry: 'saas', utm: { source: 'saas' } }).codes).to.deep.equal([
      1, 1, 0, 0, 0, 1,
    ]);
  });

  it('evaluates rule by rule, with the same answers, when reading the data throws (a getter)', () => {
    const registry = createOperatorRegistry();
    const rules = [{ '==': [{ var: 'a' }, 1] }, { '==': [{ var: 'b' }, 2] }, { '!!': [{ var: 'b' }] }];
    const set = ruleSet(rules, registry);
    const data = Object.defineProperty({ b: 2 }, 'a', {
      enumerable: true,
      get() {
        throw new Error('no a here');
      },
    });
    const { codes, errors } = run(set, rules.length, data);
    expect(codes).to.deep.equal([RULE_FAILED, RULE_TRUE, RULE_TRUE]);
    expect({ codes, errors }).to.deep.equal(ruleByRule(rules, registry, data));
  });

  it("writes the built-in operators inline with exactly their evaluate's answers", () => {
    const registry = createOperatorRegistry();
    const values: unknown[] = [
      null,
      true,
      0,
      -1,
      50,
      500,
      1e21,
      '',
      'Ann@QQ.com',
      ' ann@qq.com ',
      'ann@qq.com.',
      'ann@mail.qq.com',
      'qq.com',
      'https://www.Acme.com/pricing',
      'ann@acme.com',
      'a@b@gmail.com',
      'Sales Director',
      '+86 13800000000',
      '2026-02-15',
      '2026-02-15T08:00:00+08:00',
      '2026-02-30',
      ['event', 'partner'],
      [],
      { a: 1 },
    ];
    const constants: unknown[] = ['Director', 'qq', '+86', 'event', 1, null, 'ann'];
    const bounds: [unknown, unknown][] = [
      [50, 500],
      [0, 0],
      ['2026-02-01', '2026-03-02T09:00:00Z'],
      ['2026-02-01', 500],
      [null, 'x'],
    ];
    const rules: unknown[] = [];
    for (const value of [
      ...values.map((_v, i) => ({ var: `v${i}` })),
      ...values.filter((v) => typeof v !== 'object'),
    ]) {
      rules.push({ freemail: [value] }, { domain: [value] }, { daysSince: [value] });
      for (const c of constants) rules.push({ contains: [value, c] }, { startsWith: [value, c] });
      for (const [low, high] of bounds) rules.push({ between: [value, low, high] });
      rules.push({ contains: [value, { var: 'v16' }] }, { startsWith: [value, { var: 'v17' }] });
      rules.push({ between: [value, { var: 'v4' }, { var: 'v5' }] });
      rules.push({ '==': [{ domain: [value] }, 'qq.com'] }, { '>': [{ daysSince: [value] }, 10] });
    }
    const data = Object.fromEntries(values.map((value, i) => [`v${i}`, value]));
    const set = ruleSet(rules, registry);
    const { codes, errors } = run(set, rules.length, data);
    expect({ codes, errors }).to.deep.equal(ruleByRule(rules, registry, data));
    expect(codes.filter((code) => code === RULE_TRUE).length).to.be.greaterThan(50);
    // daysSince without a `now` fails with its own message, inline or not.
    const noNow = ruleSet([{ daysSince: [{ var: 'v18' }] }, { '!!': [{ var: 'v0' }] }], registry);
    const out = new Uint8Array(2);
    const failures = noNow(data, { now: new Date(Number.NaN) }, out, 0);
    expect([...out]).to.deep.equal([RULE_FAILED, RULE_FALSE]);
    expect(failures?.[0]?.message).to.match(/daysSince needs the evaluation context/);
  });

  it('calls a third-party operator named like a built-in through the plugin interface', () => {
    const registry = createOperatorRegistry({ builtins: false });
    let calls = 0;
    const own: RuleOperator = {
      minArgs: 2,
      maxArgs: 2,
      evaluate: ([a, b]) => {
        calls++;
        return a === b;
      },
    };
    registry.register('contains', own);
    // The engine's own operator objects registered under other names are still the built-ins.
    const builtins: [string, RuleOperator][] = [
      ['isFree', freemail],
      ['host', domain],
      ['age', daysSince],
      ['has', contains],
      ['begins', startsWith],
      ['within', between],
    ];
    for (const [name, operator] of builtins) registry.register(name, operator);
    const rules = [
      { contains: [{ var: 'a' }, 'x'] },
      { has: [{ var: 'a' }, 'x'] },
      { isFree: [{ var: 'e' }] },
      { begins: [{ var: 'a' }, 'x'] },
      { within: [{ var: 'n' }, 1, 3] },
      { '==': [{ host: [{ var: 'e' }] }, 'qq.com'] },
      { '<': [{ age: ['2026-03-01'] }, 2] },
    ];
    const set = ruleSet(rules, registry);
    const { codes } = run(set, rules.length, { a: 'x', e: 'ann@qq.com', n: 2 });
    expect(codes).to.deep.equal([1, 1, 1, 1, 1, 1, 1]);
    expect(calls).to.equal(1);
  });
});
