export { compileRuleToFunction, type EvaluationMode, type GeneratedRule } from './codegen/compileRuleToFunction.js';
export { compileRule } from './compileRule.js';
export { createOperatorRegistry, type OperatorRegistryOptions } from './createOperatorRegistry.js';
export { DEFAULT_RULE_LIMITS } from './limits.js';
export { standardOperators } from './operators.js';
export { truthy as jsonLogicTruthy } from './truthy.js';
export type {
  CompiledRule,
  CompileRuleResult,
  EvaluationContext,
  OperatorRegistry,
  RuleError,
  RuleLimits,
  RuleOperator,
  RuleOutcome,
  RuleProblem,
} from './types.js';
