import { compileRule } from '../rules/compileRule.js';
import { createOperatorRegistry } from '../rules/createOperatorRegistry.js';
import { truthy } from '../rules/truthy.js';
import type { CompiledRule, OperatorRegistry } from '../rules/types.js';
import type { CompiledConditions, FormConditions, FormState } from './types.js';

let defaultRegistry: OperatorRegistry | undefined;

/** The operators conditions may use unless the caller brings its own registry: JSON Logic and the built-in plugin. */
export function formOperators(): OperatorRegistry {
  defaultRegistry ??= createOperatorRegistry();
  return defaultRegistry;
}

/**
 * Compiles every `visibleWhen` / `requiredWhen` once. Throws when a rule does not compile: a
 * published form's rules were checked at publish time, so that means the conditions were tampered with.
 */
export function compileConditions(
  conditions: FormConditions,
  registry: OperatorRegistry = formOperators(),
): CompiledConditions {
  const visibleWhen: Record<string, CompiledRule> = {};
  const requiredWhen: Record<string, CompiledRule> = {};
  const compile = (field: string, kind: string, rule: unknown): CompiledRule => {
    const compiled = compileRule(rule, registry);
    if (!compiled.ok) throw new Error(`${kind} of field "${field}" does not compile: ${compiled.problems[0]?.message}`);
    return compiled;
  };
  for (const field of Object.keys(conditions)) {
    const condition = conditions[field]!;
    if (condition.visibleWhen !== undefined) visibleWhen[field] = compile(field, 'visibleWhen', condition.visibleWhen);
    if (condition.requiredWhen !== undefined)
      requiredWhen[field] = compile(field, 'requiredWhen', condition.requiredWhen);
  }
  return { fields: Object.keys(conditions), visibleWhen, requiredWhen };
}

const compiledCache = new WeakMap<object, CompiledConditions>();

function isCompiled(value: FormConditions | CompiledConditions): value is CompiledConditions {
  return (
    Array.isArray((value as CompiledConditions).fields) && typeof (value as CompiledConditions).visibleWhen === 'object'
  );
}

function holds(rule: CompiledRule | undefined, data: Record<string, unknown>, now: Date): boolean {
  if (!rule) return true;
  const outcome = rule.evaluate(data, { now });
  return outcome.ok && truthy(outcome.value);
}

/**
 * Which conditional fields are shown and required for these answers: the one evaluator the
 * browser (hosted page, script embed, iframe) and the server share. A condition sees only the
 * answers of fields that are shown, so hiding a field also hides what depended on it; the state
 * is computed to a fixed point. Raw conditions (as the public form API sends them) are compiled
 * once and cached by identity.
 */
export function formState(
  conditions: FormConditions | CompiledConditions,
  answers: Readonly<Record<string, unknown>>,
  options: { readonly now?: Date } = {},
): FormState {
  let compiled: CompiledConditions;
  if (isCompiled(conditions)) compiled = conditions;
  else {
    compiled = compiledCache.get(conditions) ?? compileConditions(conditions);
    compiledCache.set(conditions, compiled);
  }
  const now = options.now ?? new Date(0);
  const shown = new Set(compiled.fields);
  for (let round = 0; round <= compiled.fields.length; round++) {
    const data: Record<string, unknown> = {};
    for (const key of Object.keys(answers)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
      if (!compiled.fields.includes(key) || shown.has(key)) data[key] = answers[key];
    }
    let changed = false;
    for (const field of compiled.fields) {
      const visible = holds(compiled.visibleWhen[field], data, now);
      if (visible !== shown.has(field)) {
        changed = true;
        if (visible) shown.add(field);
        else shown.delete(field);
      }
    }
    if (!changed) {
      const required = compiled.fields.filter(
        (f) => shown.has(f) && compiled.requiredWhen[f] !== undefined && holds(compiled.requiredWhen[f], data, now),
      );
      return {
        visible: compiled.fields.filter((f) => shown.has(f)),
        hidden: compiled.fields.filter((f) => !shown.has(f)),
        required,
      };
    }
  }
  // conditions that chase each other (a shows when b is empty, b when a is) settle on "hidden"
  const hidden = compiled.fields.filter((f) => compiled.visibleWhen[f] !== undefined);
  return {
    visible: compiled.fields.filter((f) => !hidden.includes(f)),
    hidden,
    required: [],
  };
}
