// The operators that decide when and on what data their arguments run. Each mirrors the branch of
// json-logic-js's `apply` with the same name (node_modules/json-logic-js/logic.js, v2.0.5).
import { chargeSteps, checkArrayItems } from './limits.js';
import { truthy } from './truthy.js';
import type { CompiledNode } from './types.js';

/** `if` / `?:`: pairs of condition → value, an optional else; no else and nothing true → null. */
export function compileIfForm(args: readonly CompiledNode[]): CompiledNode {
  const n = args.length;
  return (data, state) => {
    let i = 0;
    for (; i < n - 1; i += 2) {
      if (truthy(args[i]!(data, state))) return args[i + 1]!(data, state);
    }
    if (n === i + 1) return args[i]!(data, state);
    return null;
  };
}

/** `and`: the first falsy value, or the last one. */
export function compileAndForm(args: readonly CompiledNode[]): CompiledNode {
  if (args.length === 2) {
    const [first, second] = args as [CompiledNode, CompiledNode];
    return (data, state) => {
      const current = first(data, state);
      return truthy(current) ? second(data, state) : current;
    };
  }
  return (data, state) => {
    let current: unknown;
    for (const arg of args) {
      current = arg(data, state);
      if (!truthy(current)) return current;
    }
    return current;
  };
}

/** `or`: the first truthy value, or the last one. */
export function compileOrForm(args: readonly CompiledNode[]): CompiledNode {
  if (args.length === 2) {
    const [first, second] = args as [CompiledNode, CompiledNode];
    return (data, state) => {
      const current = first(data, state);
      return truthy(current) ? current : second(data, state);
    };
  }
  return (data, state) => {
    let current: unknown;
    for (const arg of args) {
      current = arg(data, state);
      if (truthy(current)) return current;
    }
    return current;
  };
}

/** `map`: the body run with each item as the data; not an array → []. */
export function compileMapForm([items, body]: readonly CompiledNode[]): CompiledNode {
  return (data, state) => {
    const list = items!(data, state);
    if (!Array.isArray(list)) return [];
    checkArrayItems(state, list.length, 'map');
    chargeSteps(state, list.length);
    const out = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = body!(list[i], state);
    return out;
  };
}

/** `filter`: the items for which the body is truthy; not an array → []. */
export function compileFilterForm([items, body]: readonly CompiledNode[]): CompiledNode {
  return (data, state) => {
    const list = items!(data, state);
    if (!Array.isArray(list)) return [];
    checkArrayItems(state, list.length, 'filter');
    chargeSteps(state, list.length);
    const out: unknown[] = [];
    for (const item of list) if (truthy(body!(item, state))) out.push(item);
    return out;
  };
}

/** `reduce`: the body sees `{ current, accumulator }`; the initial value (or null) when not an array. */
export function compileReduceForm([items, body, initialValue]: readonly CompiledNode[]): CompiledNode {
  return (data, state) => {
    const list = items!(data, state);
    const initial = initialValue === undefined ? null : initialValue(data, state);
    if (!Array.isArray(list)) return initial;
    checkArrayItems(state, list.length, 'reduce');
    chargeSteps(state, list.length);
    let accumulator = initial;
    for (const current of list) accumulator = body!({ current, accumulator }, state);
    return accumulator;
  };
}

type Quantifier = 'all' | 'some' | 'none';

/** `all` (empty → false), `some` (empty → false), `none` (empty → true), short-circuiting. */
export function compileQuantifierForm(quantifier: Quantifier): (args: readonly CompiledNode[]) => CompiledNode {
  const onEmpty = quantifier === 'none';
  // all stops at the first falsy item, some and none at the first truthy one.
  const stopWhen = quantifier !== 'all';
  return ([items, body]) =>
    (data, state) => {
      const list = items!(data, state);
      if (!Array.isArray(list) || list.length === 0) return onEmpty;
      checkArrayItems(state, list.length, quantifier);
      for (const item of list) {
        chargeSteps(state, 1);
        if (truthy(body!(item, state)) === stopWhen) return quantifier === 'some';
      }
      return quantifier !== 'some';
    };
}
