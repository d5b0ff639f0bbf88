import { checkResultWeight, ruleError } from '../compileRule.js';
import type { CompiledArg, EvaluationContext, RuleError, RuleLimits } from '../types.js';
import { _, CONTEXT, CodegenBuilder, DATA, literal, STATE } from './builder.js';
import { RuleGenerator } from './generateRule.js';

/** Per rule of a set: whether its value is truthy, or why it could not be evaluated on this data. */
export type RuleSetOutcome = boolean | RuleError;

/** Several checked rules evaluated together on one record: one outcome per rule, in order. */
export type RuleSetFunction = (data: unknown, context: EvaluationContext) => RuleSetOutcome[];

/**
 * Several rules (compileTree roots, same limits) as ONE generated function: each rule in its own
 * try block with the per-evaluation step budget reset, its value checked as `evaluate` checks it
 * (composite results weighed, functions count as null), then reduced to JSON Logic truthiness; an
 * error answers what `evaluate` would report. Undefined where `new Function` is unavailable.
 */
export function compileRuleSet(roots: readonly CompiledArg[], limits: RuleLimits): RuleSetFunction | undefined {
  try {
    const b = new CodegenBuilder();
    const generator = new RuleGenerator(b);
    const weigh = b.ref(checkResultWeight);
    const failed = b.ref(ruleError);
    const out = b.local();
    b.line(_`const ${STATE} = { context: ${CONTEXT}, limits: ${b.ref(limits)}, steps: 0 };`);
    b.line(_`const ${out} = new Array(${literal(roots.length)});`);
    roots.forEach((root, i) => {
      const slot = literal(i);
      b.line(_`${STATE}.steps = 0;`);
      b.block(_`try`, () => {
        const value = generator.node(root);
        if (value.kind === 'bool') {
          b.line(_`${out}[${slot}] = ${value.code};`);
        } else if (value.kind === 'prim') {
          b.line(_`${out}[${slot}] = ${generator.truthy(value)};`);
        } else {
          const v = value.code;
          b.line(_`if (typeof ${v} === "object" && ${v} !== null) ${weigh}(${STATE}, ${v});`);
          b.line(_`${out}[${slot}] = typeof ${v} === "function" ? false : ${generator.truthy(value)};`);
        }
      });
      const error = b.local();
      b.block(_`catch (${error})`, () => b.line(_`${out}[${slot}] = ${failed}(${error});`));
    });
    b.line(_`return ${out};`);
    return b.compile<RuleSetFunction>([DATA, CONTEXT]);
  } catch {
    return undefined;
  }
}
