import { checkResultWeight, evaluatorFor, ruleError } from '../compileRule.js';
import { truthy } from '../truthy.js';
import type { CompiledArg, EvaluationContext, RuleError, RuleLimits } from '../types.js';
import { _, CONTEXT, CodegenBuilder, DATA, ERRORS, literal, STATE } from './builder.js';
import { RuleGenerator } from './generateRule.js';

/** A rule's outcome in a rule set's output: its value was falsy, truthy, or it could not be evaluated. */
export const RULE_FALSE = 0;
export const RULE_TRUE = 1;
export const RULE_FAILED = 2;

/** Why rules of a set could not be evaluated on this data, by rule index (sparse). */
export type RuleSetErrors = (RuleError | undefined)[];

/**
 * Several rules evaluated together on one record. Writes one outcome per rule, in order, into
 * `out[offset + i]` (RULE_TRUE when its value is truthy, RULE_FALSE when not, RULE_FAILED when it could
 * not be evaluated) and answers the failures' errors by rule index, or null when every rule ran: nothing
 * is allocated per rule.
 */
export type RuleSetFunction = (
  data: unknown,
  context: EvaluationContext,
  out: Uint8Array,
  offset: number,
) => RuleSetErrors | null;

const OUT = _`out`;
const OFFSET = _`offset`;

/** The same answers from each rule's closures, one by one (for data the generated reads cannot take). */
function ruleByRule(roots: readonly CompiledArg[], limits: RuleLimits): RuleSetFunction {
  const rules = roots.map((root) => evaluatorFor(root.fn, limits));
  return (data, context, out, offset) => {
    let errors: RuleSetErrors | null = null;
    for (let i = 0; i < rules.length; i++) {
      const outcome = rules[i]!.evaluate(data, context);
      if (outcome.ok) {
        out[offset + i] = truthy(outcome.value) ? RULE_TRUE : RULE_FALSE;
      } else {
        out[offset + i] = RULE_FAILED;
        errors ??= [];
        errors[i] = outcome.error;
      }
    }
    return errors;
  };
}

/**
 * Several rules (compileTree roots, same limits) as ONE generated function: every constant `var` path
 * the rules read is read once, up front; then each rule in its own try block with the per-evaluation
 * step budget reset, its value checked as `evaluate` checks it (composite results weighed, functions
 * count as null), reduced to JSON Logic truthiness; an error answers what `evaluate` would report.
 * Should reading the data throw (exotic data: a getter, a proxy), the record is evaluated rule by rule
 * instead, with the same answers. Undefined where `new Function` is unavailable.
 */
export function compileRuleSet(roots: readonly CompiledArg[], limits: RuleLimits): RuleSetFunction | undefined {
  try {
    const fallback = ruleByRule(roots, limits);
    const b = new CodegenBuilder();
    const generator = new RuleGenerator(b, CONTEXT);
    const weigh = b.ref(checkResultWeight);
    const failed = b.ref(ruleError);
    const errors = ERRORS;
    b.line(_`let ${errors} = null;`);
    b.line(_`const ${STATE} = { context: ${CONTEXT}, limits: ${b.ref(limits)}, steps: 0 };`);
    b.block(_`try`, () => generator.readPaths(roots));
    b.block(_`catch`, () => b.line(_`return ${b.ref(fallback)}(${DATA}, ${CONTEXT}, ${OUT}, ${OFFSET});`));
    roots.forEach((root, i) => {
      const slot = _`${OFFSET} + ${literal(i)}`;
      b.line(_`${STATE}.steps = 0;`);
      b.block(_`try`, () => {
        const value = generator.node(root);
        let test = generator.truthy(value);
        if (value.kind === 'any') {
          const v = value.code;
          b.line(_`if (typeof ${v} === "object" && ${v} !== null) ${weigh}(${STATE}, ${v});`);
          test = _`typeof ${v} !== "function" && ${test}`;
        }
        b.line(_`${OUT}[${slot}] = ${test} ? 1 : 0;`);
      });
      const error = b.local();
      b.block(_`catch (${error})`, () => {
        b.line(_`${OUT}[${slot}] = 2;`);
        b.line(_`(${errors} ??= [])[${literal(i)}] = ${failed}(${error});`);
      });
    });
    b.line(_`return ${errors};`);
    return b.compile<RuleSetFunction>([DATA, CONTEXT, OUT, OFFSET]);
  } catch {
    return undefined;
  }
}
