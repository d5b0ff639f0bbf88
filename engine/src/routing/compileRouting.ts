import type { RoutingDefinition } from '../package/schemas/routing.js';
import { compileRule } from '../rules/compileRule.js';
import type { OperatorRegistry, RuleProblem } from '../rules/types.js';
import { type CompiledRouting, type CompiledRoutingRule, FALLBACK_RULE_ID } from './types.js';

export type CompileRoutingResult =
  | { readonly ok: true; readonly routing: CompiledRouting }
  | { readonly ok: false; readonly problems: readonly RuleProblem[] };

/**
 * Compiles a routing definition (already schema-checked) once: each rule's `when` becomes a
 * function. Problems carry pointers into the definition (`/rules/2/when/...`).
 */
export function compileRouting(definition: RoutingDefinition, registry: OperatorRegistry): CompileRoutingResult {
  const problems: RuleProblem[] = [];
  const rules: CompiledRoutingRule[] = definition.rules.map((rule, i) => {
    let when: CompiledRoutingRule['when'];
    if (rule.when !== undefined) {
      const compiled = compileRule(rule.when, registry);
      if (compiled.ok) when = (data, now) => compiled.evaluate(data, { now });
      else
        for (const p of compiled.problems)
          problems.push({ pointer: `/rules/${i}/when${p.pointer}`, message: p.message });
    }
    return { id: rule.id, stages: rule.stages, when, strategy: rule.strategy };
  });
  if (problems.length > 0) return { ok: false, problems };
  const fallback = definition.fallback
    ? { id: FALLBACK_RULE_ID, stages: undefined, when: undefined, strategy: definition.fallback }
    : undefined;
  return {
    ok: true,
    routing: {
      id: definition.id,
      object: definition.object,
      rules,
      fallback,
      pools: new Map((definition.pools ?? []).map((p) => [p.id, p])),
    },
  };
}
