import { expect } from 'chai';
import { _, type Code, CodegenBuilder, literal } from '../../engine/src/rules/codegen/builder.js';
import { compileRule, compileRuleToFunction, createOperatorRegistry } from '../../engine/src/rules/index.js';

const context = { now: new Date('2026-03-02T09:00:00Z') };
const registry = createOperatorRegistry();

/** Strings that would break out of a hand-spliced string literal, comment, template or line. */
const BREAKOUTS = [
  '"); process.exit(1); ("',
  "'); process.exit(1); ('",
  `\`\${process.exit(1)}\``,
  '*/ process.exit(1) /*',
  '\u2028process.exit(1)\u2029',
  '\\", process.exit(1), "\\',
  '\n}); process.exit(1); ({\n',
  '</script><script>process.exit(1)</script>',
];

describe('rules: code-generating mode', () => {
  it('generates code (new Function is available here)', () => {
    const compiled = compileRuleToFunction({ '==': [{ var: 'a' }, 1] }, registry);
    expect(compiled.ok && compiled.mode).to.equal('codegen');
  });

  for (const text of BREAKOUTS) {
    it(`treats ${JSON.stringify(text)} as data wherever rule text can appear`, () => {
      const data: Record<string, unknown> = { [text]: text, nested: { [text]: 7 } };
      const rules: [unknown, unknown][] = [
        [text, text],
        [{ var: text }, text],
        [{ var: [`nested.${text}`, text] }, text.includes('.') ? text : 7],
        [{ var: ['missing', text] }, text],
        [{ '==': [{ var: text }, text] }, true],
        [{ in: [{ var: text }, [text, 'x']] }, true],
        [{ in: [text, { var: text }] }, true],
        [{ cat: [text, { var: text }] }, text + text],
        [{ if: [{ '===': [text, text] }, text, 'no'] }, text],
        [{ and: [true, text] }, text],
        [{ or: [false, [text]] }, [text]],
        [{ missing: [text] }, []],
        [
          { [text]: 1, other: 2 },
          { [text]: 1, other: 2 },
        ],
      ];
      for (const [rule, expected] of rules) {
        const generated = compileRuleToFunction(rule, registry);
        const closures = compileRule(rule, registry);
        expect(generated.ok && generated.mode, JSON.stringify(rule)).to.equal('codegen');
        if (!generated.ok || !closures.ok) continue;
        const ours = generated.evaluate(data, context);
        expect(ours, JSON.stringify(rule)).to.deep.equal(closures.evaluate(data, context));
        // A dotted text is a path into nested data: there only the closures' answer is the expectation.
        const readsPath = /"(var|missing)"/.test(JSON.stringify(rule)) && text.includes('.');
        if (!readsPath) expect(ours, JSON.stringify(rule)).to.deep.equal({ ok: true, value: expected });
      }
    });
  }

  it('keeps -0, large and tiny numbers exact', () => {
    for (const [rule, expected] of [
      [{ '/': [1, -0] }, Number.NEGATIVE_INFINITY],
      [{ '-': [-0] }, 0],
      [{ '+': [1e308, 1e308] }, Number.POSITIVE_INFINITY],
      [{ '*': [5e-324, 1] }, 5e-324],
      [{ '-': [{ var: 'n' }, -3] }, 5],
    ] as const) {
      const compiled = compileRuleToFunction(rule, registry);
      expect(compiled.ok && compiled.evaluate({ n: 2 }, context), JSON.stringify(rule)).to.deep.equal({
        ok: true,
        value: expected,
      });
    }
  });

  it('falls back to the closures, with the same answers, where new Function throws (a CSP page)', () => {
    const original = globalThis.Function;
    const refused = function refused() {
      throw new EvalError('Refused to evaluate a string as JavaScript (CSP)');
    } as unknown as FunctionConstructor;
    const rule = { and: [{ '>': [{ var: 'n' }, 1] }, { in: [{ var: 's' }, ['a', 'b']] }] };
    globalThis.Function = refused;
    let compiled: ReturnType<typeof compileRuleToFunction>;
    try {
      compiled = compileRuleToFunction(rule, registry);
    } finally {
      globalThis.Function = original;
    }
    expect(compiled.ok && compiled.mode).to.equal('closure');
    expect(compiled.ok && compiled.evaluate({ n: 2, s: 'a' }, context)).to.deep.equal({ ok: true, value: true });
  });

  it('reports the same publish-time problems as compileRule', () => {
    const rule = { method: [{ var: 'a' }, 'toString'] };
    expect(compileRuleToFunction(rule, registry)).to.deep.equal(compileRule(rule, registry));
  });

  it('calls plugin operators by reference, prepared once', () => {
    const local = createOperatorRegistry({ builtins: false });
    let prepared = 0;
    local.register('twice', {
      minArgs: 1,
      maxArgs: 1,
      evaluate: ([a]) => (a as number) * 2,
      prepare: () => {
        prepared++;
        return ([a]) => (a as number) * 2;
      },
    });
    const compiled = compileRuleToFunction({ '+': [{ twice: [{ var: 'n' }] }, 1] }, local);
    expect(compiled.ok && compiled.evaluate({ n: 4 }, context)).to.deep.equal({ ok: true, value: 9 });
    expect(prepared).to.be.greaterThan(0);
  });
});

describe('rules: codegen builder', () => {
  it('refuses anything but Code in a template', () => {
    const raw = '"); process.exit(1); ("' as unknown as Code;
    expect(() => _`return ${raw};`).to.throw(TypeError);
    expect(() => _`return ${{ text: 'x' } as unknown as Code};`).to.throw(TypeError);
  });

  it('makes literals only of JSON scalars', () => {
    expect(() => literal(Number.NaN)).to.throw(TypeError);
    expect(() => literal({} as unknown as string)).to.throw(TypeError);
    const b = new CodegenBuilder();
    const text = '\u2028"`$' + '{x}`';
    b.line(_`return ${literal(text)};`);
    expect(b.source([])).to.not.include('\u2028');
    expect(b.compile<() => unknown>([])()).to.equal(text);
  });
});
