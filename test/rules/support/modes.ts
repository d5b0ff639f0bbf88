import { compileRule, compileRuleToFunction } from '../../../engine/src/rules/index.js';

type Compile = typeof compileRule;

/** compileRuleToFunction, failing loudly if it fell back to closures (so the generated code is what runs). */
const codegen: Compile = (rule, registry, limits) => {
  const compiled = compileRuleToFunction(rule, registry, limits);
  if (compiled.ok && compiled.mode !== 'codegen') throw new Error('compileRuleToFunction fell back to closures');
  return compiled;
};

/** Both evaluation modes: every test that runs rules runs them through each. */
export const MODES: readonly (readonly ['closure' | 'codegen', Compile])[] = [
  ['closure', compileRule],
  ['codegen', codegen],
];
