import { compileTree, evaluatorFor } from '../compileRule.js';
import type {
  CompiledArg,
  CompiledNode,
  CompiledRule,
  CompileRuleResult,
  OperatorRegistry,
  RuleLimits,
} from '../types.js';
import { _, CodegenBuilder, DATA, STATE } from './builder.js';
import { RuleGenerator } from './generateRule.js';

/** How a compiled rule runs: generated source, or closures (where `new Function` is unavailable). */
export type EvaluationMode = 'codegen' | 'closure';

export interface GeneratedRule extends CompiledRule {
  readonly mode: EvaluationMode;
}

/** The generated function for a checked tree, or undefined where code cannot be generated (CSP). */
export function generateNode(root: CompiledArg): CompiledNode | undefined {
  try {
    const builder = new CodegenBuilder();
    const generator = new RuleGenerator(builder);
    const value = generator.node(root);
    builder.line(_`return ${value.code};`);
    return builder.compile<CompiledNode>([DATA, STATE]);
  } catch {
    // EvalError under a Content-Security-Policy without 'unsafe-eval': the closures answer the same.
    return undefined;
  }
}

/**
 * compileRule's fast mode: the same checks and problems, then the rule compiled to one JavaScript
 * function (rule text enters the source only as JSON literals; everything else by reference). Falls
 * back to the closures when `new Function` is unavailable; the answers are the same either way.
 */
export function compileRuleToFunction(
  rule: unknown,
  registry: OperatorRegistry,
  limits: Partial<RuleLimits> = {},
): CompileRuleResult & ({ ok: false } | GeneratedRule) {
  const tree = compileTree(rule, registry, limits);
  if (!tree.ok) return tree;
  const generated = generateNode(tree.root);
  const evaluator = evaluatorFor(generated ?? tree.root.fn, tree.limits);
  return { ok: true, evaluate: evaluator.evaluate, mode: generated ? 'codegen' : 'closure' };
}
