import jsonLogic from 'json-logic-js';
import { builtinOperatorsPlugin } from '../../../engine/src/plugins/builtin/index.js';
import type { EvaluationContext, RuleOperator } from '../../../engine/src/rules/types.js';

/** One evaluation's outcome, comparable across the reference interpreter and the compiled evaluator. */
export type Outcome =
  | { readonly threw: true; readonly message: string }
  | { readonly threw: false; readonly value: unknown };

let installedFor: Date | undefined;

/**
 * Registers the built-in plugin's operators with json-logic-js (the reference), answering for `now`:
 * json-logic-js has no evaluation context, so `daysSince` is bound to it.
 */
export function useReferenceOperators(context: EvaluationContext): void {
  if (installedFor === context.now) return;
  installedFor = context.now;
  builtinOperatorsPlugin.setup({
    registerOperator(name: string, operator: RuleOperator) {
      jsonLogic.add_operation(name, (...args: unknown[]) => operator.evaluate(args, context));
    },
  });
}

/** json-logic-js's answer for a rule and data: its value, or that it threw. */
export function referenceOutcome(rule: unknown, data: unknown): Outcome {
  try {
    return { threw: false, value: jsonLogic.apply(rule as jsonLogic.RulesLogic, data) };
  } catch (error) {
    return { threw: true, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Deep equality with Object.is on numbers: NaN equals NaN, 0 differs from -0. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key) =>
        Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/** A readable form of a value for failure messages (NaN, Infinity, -0 and undefined kept visible). */
export function show(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
      ? `<${Object.is(v, -0) ? '-0' : v}>`
      : v === undefined
        ? '<undefined>'
        : v,
  );
}
