// The JSON Logic language as one table: name → implementation and arity. Semantics mirror
// json-logic-js 2.0.5 (node_modules/json-logic-js/logic.js) operation by operation; the differences
// are listed in docs/rules.md. Not here on purpose: `method` (calls host methods) and `log` (I/O).
import {
  compileAnd,
  compileFilter,
  compileIf,
  compileMap,
  compileOr,
  compileQuantifier,
  compileReduce,
} from './forms.js';
import { chargeSteps, checkArrayItems, guardCoercion, RuleLimitError, textLengthBound } from './limits.js';
import { hasOwn, lookupSegments, lookupVar, readField } from './lookupVar.js';
import { truthy } from './truthy.js';
import type { CompiledArg, CompiledNode, EagerOperatorEntry, EvaluationState, OperatorEntry } from './types.js';

const ANY = Number.POSITIVE_INFINITY;

type Evaluate = EagerOperatorEntry['evaluate'];

function eager(
  minArgs: number,
  maxArgs: number,
  evaluate: Evaluate,
  specialise?: EagerOperatorEntry['specialise'],
  readsField?: EagerOperatorEntry['readsField'],
) {
  const entry: EagerOperatorEntry = {
    kind: 'eager',
    minArgs,
    maxArgs,
    evaluate,
    ...(specialise ? { specialise } : {}),
    ...(readsField ? { readsField } : {}),
  };
  return entry;
}

/** An eager operator whose arguments JavaScript coerces to primitives (guarded against text bombs first). */
function coercing(name: string, minArgs: number, maxArgs: number, fn: (args: unknown[]) => unknown) {
  return eager(minArgs, maxArgs, (args, state) => {
    guardCoercion(state, name, args);
    return fn(args);
  });
}

/**
 * A field compared with a constant, fused into one closure per operator (no argument array, no calls
 * between nodes): most scoring conditions look like this. Undefined for a composite constant.
 */
function fieldVersusConstant(name: string, key: string, value: unknown): CompiledNode | undefined {
  if (typeof value === 'object' && value !== null) return undefined;
  const guarded = (a: unknown, state: EvaluationState) => {
    if (typeof a === 'object' && a !== null) guardCoercion(state, name, [a]);
    return a;
  };
  switch (name) {
    case '==':
      return (data, state) => looseEquals(guarded(readField(data, key), state), value);
    case '!=':
      return (data, state) => !looseEquals(guarded(readField(data, key), state), value);
    case '===':
      return (data) => readField(data, key) === value;
    case '!==':
      return (data) => readField(data, key) !== value;
    case '>':
      return (data, state) => n(guarded(readField(data, key), state)) > n(value);
    case '>=':
      return (data, state) => n(guarded(readField(data, key), state)) >= n(value);
    case '<':
      return (data, state) => n(guarded(readField(data, key), state)) < n(value);
    case '<=':
      return (data, state) => n(guarded(readField(data, key), state)) <= n(value);
    default:
      return undefined;
  }
}

/**
 * A two-argument operator with its own closure (no argument array). `coerce` guards composite
 * arguments before JavaScript turns them into text or numbers.
 */
function binary(name: string, coerce: boolean, op: (a: unknown, b: unknown) => unknown): EagerOperatorEntry {
  return eager(
    2,
    2,
    (args, state) => {
      if (coerce) guardCoercion(state, name, args);
      return op(args[0], args[1]);
    },
    (args) => {
      const [first, second] = args as [CompiledArg, CompiledArg];
      if (first.field !== undefined && second.constant) {
        const fused = fieldVersusConstant(name, first.field, second.constant.value);
        if (fused) return fused;
      }
      const left = first.fn;
      const right = second.fn;
      if (!coerce) return (data, state) => op(left(data, state), right(data, state));
      return (data, state) => {
        const a = left(data, state);
        const b = right(data, state);
        if ((typeof a === 'object' && a !== null) || (typeof b === 'object' && b !== null))
          guardCoercion(state, name, [a, b]);
        return op(a, b);
      };
    },
  );
}

/** `<` and `<=`: two arguments compare, three test that the middle one lies between the others. */
function between(name: string, op: (a: unknown, b: unknown) => boolean): EagerOperatorEntry {
  const two = binary(name, true, op);
  return eager(
    2,
    3,
    (args, state) => {
      guardCoercion(state, name, args);
      const [a, b, c] = args;
      return c === undefined ? op(a, b) : op(a, b) && op(b, c);
    },
    (args) => (args.length === 2 ? two.specialise!(args) : undefined),
  );
}

function form(minArgs: number, maxArgs: number, compile: (args: readonly CompiledNode[]) => CompiledNode) {
  const entry: OperatorEntry = { kind: 'form', minArgs, maxArgs, compile };
  return entry;
}

// Loose equality exactly as json-logic-js writes it: the coercions are the language's.
// biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's == is JavaScript's ==
const looseEquals = (a: unknown, b: unknown): boolean => a == b;
const n = (value: unknown) => value as number;

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
function missingKeys(args: readonly unknown[], data: unknown, state: EvaluationState): unknown[] {
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

function missingSome(args: unknown[], state: EvaluationState, data: unknown): unknown {
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

function inOperator(args: unknown[], state: EvaluationState): boolean {
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

function cat(args: unknown[], state: EvaluationState): string {
  const cap = state.limits.maxStringLength;
  let length = 0;
  for (const arg of args) {
    if (arg !== null && arg !== undefined) length += textLengthBound(state, arg, cap);
    if (length > cap) throw new RuleLimitError(`cat: the result would exceed ${cap} characters`);
  }
  return args.join('');
}

function substr([source, start, end]: unknown[]): string {
  if (n(end) < 0) {
    // Negative length counts back from the end (PHP's substr), as in json-logic-js.
    const temp = String(source).substr(n(start));
    return temp.substr(0, temp.length + n(end));
  }
  return String(source).substr(n(start), n(end));
}

function merge(args: unknown[], state: EvaluationState): unknown[] {
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
function specialiseIn(args: readonly CompiledArg[]): CompiledNode | undefined {
  const haystack = args[1]?.constant?.value;
  if (!Array.isArray(haystack) || haystack.some((item) => typeof item === 'object' && item !== null)) return undefined;
  const items = new Set<unknown>(haystack);
  const key = args[0]!.field;
  if (key !== undefined) return (data) => items.has(readField(data, key));
  const needle = args[0]!.fn;
  return (data, state) => items.has(needle(data, state));
}

/** `var` with a constant path: the path is split once, at compile time. */
function specialiseVar(args: readonly CompiledArg[]): CompiledNode | undefined {
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

/** Every JSON Logic operation, by name. Plugins add rows through the registry, never here. */
export const standardOperators: Readonly<Record<string, OperatorEntry>> = Object.freeze({
  var: eager(
    0,
    2,
    (args, state, data) => {
      guardCoercion(state, 'var', [args[0]]);
      return lookupVar(data, args[0], args[1]);
    },
    specialiseVar,
    (args) => {
      const path = args.length === 1 ? args[0]!.constant?.value : undefined;
      return typeof path === 'string' && path !== '' && !path.includes('.') ? path : undefined;
    },
  ),
  missing: eager(0, ANY, (args, state, data) => missingKeys(args, data, state)),
  missing_some: eager(2, 2, missingSome),
  if: form(0, ANY, compileIf),
  '?:': form(0, ANY, compileIf),
  '==': binary('==', true, looseEquals),
  '===': binary('===', false, (a, b) => a === b),
  '!=': binary('!=', true, (a, b) => !looseEquals(a, b)),
  '!==': binary('!==', false, (a, b) => a !== b),
  '!': eager(
    1,
    1,
    ([a]) => !truthy(a),
    ([a]) => {
      const key = a!.field;
      if (key !== undefined) return (data) => !truthy(readField(data, key));
      const arg = a!.fn;
      return (data, state) => !truthy(arg(data, state));
    },
  ),
  '!!': eager(
    1,
    1,
    ([a]) => truthy(a),
    ([a]) => {
      const key = a!.field;
      if (key !== undefined) return (data) => truthy(readField(data, key));
      const arg = a!.fn;
      return (data, state) => truthy(arg(data, state));
    },
  ),
  or: form(1, ANY, compileOr),
  and: form(1, ANY, compileAnd),
  '>': binary('>', true, (a, b) => n(a) > n(b)),
  '>=': binary('>=', true, (a, b) => n(a) >= n(b)),
  '<': between('<', (a, b) => n(a) < n(b)),
  '<=': between('<=', (a, b) => n(a) <= n(b)),
  max: coercing('max', 0, ANY, (args) => Math.max(...(args as number[]))),
  min: coercing('min', 0, ANY, (args) => Math.min(...(args as number[]))),
  '+': coercing('+', 0, ANY, (args) => {
    let sum: unknown = 0;
    for (const arg of args) sum = Number.parseFloat(sum as string) + Number.parseFloat(arg as string);
    return sum;
  }),
  '-': coercing('-', 1, 2, ([a, b]) => (b === undefined ? -n(a) : n(a) - n(b))),
  '*': coercing('*', 1, ANY, (args) => {
    // A reduce without an initial value: a single argument comes back as it is, even a string.
    let product = args[0];
    for (let i = 1; i < args.length; i++)
      product = Number.parseFloat(product as string) * Number.parseFloat(args[i] as string);
    return product;
  }),
  '/': coercing('/', 2, 2, ([a, b]) => n(a) / n(b)),
  '%': coercing('%', 2, 2, ([a, b]) => n(a) % n(b)),
  map: form(2, 2, compileMap),
  filter: form(2, 2, compileFilter),
  reduce: form(2, 3, compileReduce),
  all: form(2, 2, compileQuantifier('all')),
  none: form(2, 2, compileQuantifier('none')),
  some: form(2, 2, compileQuantifier('some')),
  merge: eager(0, ANY, merge),
  in: eager(2, 2, inOperator, specialiseIn),
  cat: eager(0, ANY, cat),
  substr: coercing('substr', 2, 3, substr),
});
