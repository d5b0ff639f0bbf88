import { expect } from 'chai';
import { compileRule, createOperatorRegistry, DEFAULT_RULE_LIMITS } from '../../engine/src/rules/index.js';

const registry = createOperatorRegistry();
const context = { now: new Date('2026-03-02T09:00:00Z') };

function problems(rule: unknown, limits = {}) {
  const compiled = compileRule(rule, registry, limits);
  return compiled.ok ? [] : compiled.problems;
}

describe('rules: compileRule publish-time checks', () => {
  it('locates an unknown operator with a JSON pointer', () => {
    expect(problems({ and: [{ '==': [1, 1] }, { fremail: [{ var: 'email' }] }] })).to.deep.equal([
      { pointer: '/and/1/fremail', message: 'unknown operator "fremail"' },
    ]);
  });

  it('lists every problem of a rule, not only the first', () => {
    const found = problems({ or: [{ method: ['a', 'b'] }, { '!': [1, 2] }, { cat: ['x'.repeat(10_001)] }] });
    expect(found.map((p) => p.pointer)).to.deep.equal(['/or/0/method', '/or/1/!', '/or/2/cat/0']);
  });

  it('escapes "/" and "~" in pointers', () => {
    expect(problems({ 'a/b~c': [1] })[0]?.pointer).to.equal('/a~1b~0c');
  });

  it('refuses nesting deeper than the limit and accepts it at the limit', () => {
    const nest = (depth: number) => {
      let rule: unknown = 1;
      for (let i = 0; i < depth; i++) rule = [rule];
      return rule;
    };
    expect(problems(nest(DEFAULT_RULE_LIMITS.maxDepth))).to.deep.equal([]);
    expect(problems(nest(DEFAULT_RULE_LIMITS.maxDepth + 1))[0]?.message).to.contain('nests more than 32 levels');
  });

  it('refuses more values than the limit, once', () => {
    const rule = { '+': Array.from({ length: 1000 }, (_, i) => ({ '-': [i] })) };
    expect(problems(rule)).to.deep.equal([{ pointer: '/+/666', message: 'the rule has more than 2000 values' }]);
  });

  it('applies tighter limits passed by the caller', () => {
    expect(problems({ in: ['a', ['a', 'b', 'c']] }, { maxLiteralItems: 2 })[0]?.message).to.equal(
      'an array of more than 2 items',
    );
  });
});

describe('rules: compileRule evaluation', () => {
  it('answers the same value for the same data every time', () => {
    const rule = compileRule({ if: [{ '>': [{ var: 'employees' }, 500] }, 'large', 'small'] }, registry);
    if (!rule.ok) throw new Error('compile');
    const answers = Array.from({ length: 3 }, () => rule.evaluate({ employees: 800 }, context));
    expect(answers).to.deep.equal([
      { ok: true, value: 'large' },
      { ok: true, value: 'large' },
      { ok: true, value: 'large' },
    ]);
  });

  it('keeps going across a batch when one record fails', () => {
    const rule = compileRule({ '==': [{ var: 'x' }, 1] }, registry);
    if (!rule.ok) throw new Error('compile');
    const batch = [{ x: 1 }, { x: { valueOf: 'no', toString: 'no' } }, { x: 2 }];
    expect(batch.map((record) => (rule.evaluate(record, context).ok ? 'ok' : 'failed'))).to.deep.equal([
      'ok',
      'failed',
      'ok',
    ]);
    expect(
      batch.map((record) => {
        const o = rule.evaluate(record, context);
        return o.ok ? o.value : null;
      }),
    ).to.deep.equal([true, null, false]);
  });

  it('hands back constants written in the rule frozen, so a caller cannot change the rule', () => {
    const rule = compileRule({ if: [true, ['saas'], []] }, registry);
    if (!rule.ok) throw new Error('compile');
    const first = rule.evaluate({}, context);
    expect(first.ok && Object.isFrozen(first.value)).to.equal(true);
  });

  it('is not affected by later changes to the rule object it was compiled from', () => {
    const source = { in: [{ var: 'role' }, ['ceo', 'cto']] };
    const rule = compileRule(source, registry);
    if (!rule.ok) throw new Error('compile');
    (source.in[1] as string[]).push('intern');
    expect(rule.evaluate({ role: 'intern' }, context)).to.deep.equal({ ok: true, value: false });
  });

  it('stops an evaluation that takes more steps than allowed', () => {
    const rule = compileRule({ map: [{ var: 'xs' }, { var: '' }] }, registry, { maxSteps: 100 });
    if (!rule.ok) throw new Error('compile');
    const outcome = rule.evaluate({ xs: Array.from({ length: 500 }, (_, i) => i) }, context);
    expect(outcome.ok ? 'ok' : outcome.error.code).to.equal('RULE_LIMIT');
  });

  it('answers null instead of undefined for undefined data', () => {
    const rule = compileRule({ var: '' }, registry);
    expect(rule.ok && rule.evaluate(undefined, context)).to.deep.equal({ ok: true, value: null });
  });
});
