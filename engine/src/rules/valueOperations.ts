// The operators that work on values and data (var, missing, in, cat, substr, merge), mirroring
// json-logic-js 2.0.5 operation by operation.
import { chargeSteps, checkArrayItems, guardCoercion, RuleLimitError, textLengthBound } from './limits.js';
import { hasOwn, lookupSegments, lookupVar, readField } from './lookupVar.js';
import { n } from './operatorEntries.js';
import type { CompiledArg, CompiledNode, EvaluationState } from './types.js';

/** A value `missing` reads from data, checked so that data is never run as a rule (json-logic-js would). */
function refuseRuleShapedData(state: EvaluationState, value: unknown): void {
  if (Array.isArray(value)) {
    chargeSteps(state, value.length);
    for (const item of value) refuseRuleShapedData(state, item);
  } else if (typeof value === 'object' && value !== null && Object.keys(value).length === 1) {
    throw new Error('missing: a key that is itself a one-key object is data, and data is never evaluated as a rule');
  }
}

/** json-logic-js's `missing`: the keys whose `var` is null or "". */
export function missingKeys(args: readonly unknown[], data: unknown, state: EvaluationState): unknown[] {
  const keys: readonly unknown[] = Array.isArray(args[0]) ? args[0] : args;
  checkArrayItems(state, keys.length, 'missing');
  chargeSteps(state, keys.length);
  const missing: unknown[] = [];
  for (const key of keys) {
    refuseRuleShapedData(state, key);
    // json-logic-js runs {"var": key}: an array key is [path, default], anything else is the path.
    const [path, fallback] = Array.isArray(key) ? [key[0], key[1]] : [key, undefined];
    guardCoercion(state, 'missing', [path]);
    const value = lookupVar(data, path, fallback);
    if (value === null || value === '') missing.push(key);
  }
  return missing;
}

export function missingSome(args: unknown[], state: EvaluationState, data: unknown): unknown {
  const [needCount, options] = args;
  const values = Array.isArray(options) ? options : [options];
  checkArrayItems(state, values.length, 'missing_some');
  refuseRuleShapedData(state, values);
  const areMissing = missingKeys(values, data, state);
  guardCoercion(state, 'missing_some', [needCount]);
  // `options.length` as json-logic-js reads it: a TypeError for null, undefined for a number.
  const length = (options as { length: unknown }).length;
  return n(length) - areMissing.length >= n(needCount) ? [] : areMissing;
}

export function inOperator(args: unknown[], state: EvaluationState): boolean {
  const [needle, haystack] = args;
  if (!haystack) return false;
  if (typeof haystack === 'string') {
    guardCoercion(state, 'in', [needle]);
    return haystack.indexOf(needle as string) !== -1;
  }
  if (Array.isArray(haystack)) return haystack.indexOf(needle) !== -1;
  if (typeof haystack === 'object' && hasOwn(haystack, 'indexOf')) {
    // json-logic-js would call the data's `indexOf` key as a method; data holds no functions, so it throws.
    throw new TypeError('in: the second argument is neither a string nor an array');
  }
  return false;
}

export function cat(args: unknown[], state: EvaluationState): string {
  const cap = state.limits.maxStringLength;
  let length = 0;
  for (const arg of args) {
    if (arg !== null && arg !== undefined) length += textLengthBound(state, arg, cap);
    if (length > cap) throw new RuleLimitError(`cat: the result would exceed ${cap} characters`);
  }
  return args.join('');
}

export function substr([source, start, end]: unknown[]): string {
  if (n(end) < 0) {
    // Negative length counts back from the end (PHP's substr), as in json-logic-js.
    const temp = String(source).substr(n(start));
    return temp.substr(0, temp.length + n(end));
  }
  return String(source).substr(n(start), n(end));
}

export function merge(args: unknown[], state: EvaluationState): unknown[] {
  let length = 0;
  for (const arg of args) length += Array.isArray(arg) ? arg.length : 1;
  checkArrayItems(state, length, 'merge');
  chargeSteps(state, length);
  const out: unknown[] = [];
  for (const arg of args) {
    if (Array.isArray(arg)) for (const item of arg) out.push(item);
    else out.push(arg);
  }
  return out;
}

/** `in` over an array written in the rule, as a Set when every item is a primitive: the same answers as indexOf (no NaN in JSON; -0 and 0 match in both). */
export function specialiseIn(args: readonly CompiledArg[]): CompiledNode | undefined {
  const haystack = args[1]?.constant?.value;
  if (!Array.isArray(haystack) || haystack.some((item) => typeof item === 'object' && item !== null)) return undefined;
  const items = new Set<unknown>(haystack);
  const key = args[0]!.field;
  if (key !== undefined) return (data) => items.has(readField(data, key));
  const needle = args[0]!.fn;
  return (data, state) => items.has(needle(data, state));
}

/** `var` with a constant path: the path is split once, at compile time. */
export function specialiseVar(args: readonly CompiledArg[]): CompiledNode | undefined {
  const path = args[0]?.constant?.value;
  if (typeof path !== 'string' && typeof path !== 'number' && typeof path !== 'boolean') return undefined;
  if (path === '') return undefined;
  const segments = String(path).split('.');
  const fallback = args[1]?.fn;
  if (fallback) {
    return (data, state) => {
      const value = fallback(data, state);
      return lookupSegments(data, segments, value === undefined ? null : value);
    };
  }
  if (segments.length > 1) return (data) => lookupSegments(data, segments, null);
  const key = segments[0]!;
  return (data) => readField(data, key);
}
