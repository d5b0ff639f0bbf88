// Builders for the rows of the operator table (operators.ts): eager operators, forms, and the fused
// closures comparisons compile to.
import { guardCoercion } from './limits.js';
import { readField } from './lookupVar.js';
import type { CompiledArg, CompiledNode, EagerOperatorEntry, EvaluationState, OperatorEntry } from './types.js';

// Loose equality exactly as json-logic-js writes it: the coercions are the language's.
// biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's == is JavaScript's ==
export const looseEquals = (a: unknown, b: unknown): boolean => a == b;
export const n = (value: unknown) => value as number;

type Evaluate = EagerOperatorEntry['evaluate'];

export function eager(
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
export function coercing(name: string, minArgs: number, maxArgs: number, fn: (args: unknown[]) => unknown) {
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
export function binary(name: string, coerce: boolean, op: (a: unknown, b: unknown) => unknown): EagerOperatorEntry {
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

/** `<` and `<=`: two arguments compare; three test that the middle one lies between the others. */
export function chainedComparison(name: string, op: (a: unknown, b: unknown) => boolean): EagerOperatorEntry {
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

export function form(minArgs: number, maxArgs: number, compile: (args: readonly CompiledNode[]) => CompiledNode) {
  const entry: OperatorEntry = { kind: 'form', minArgs, maxArgs, compile };
  return entry;
}
