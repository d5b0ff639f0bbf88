import { LeadforgeError } from '../errors/types.js';
import { readField } from './lookupVar.js';
import type { CompiledArg, CompiledNode, EagerOperatorEntry, EvaluationContext, RuleOperator } from './types.js';

/** A custom operator's name: a plain identifier (no dots: json-logic-js walks dotted names into objects). */
const OPERATOR_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

type Evaluate = (args: readonly unknown[], context: EvaluationContext) => unknown;

function isArgCount(value: unknown): value is number {
  return value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && (value as number) >= 0);
}

/** Throws: a plugin answered a function, symbol or bigint (generated code calls this by reference). */
export function refuseAnswer(name: string, value: unknown): never {
  throw new Error(`operator "${name}" answered a ${typeof value}, which is not JSON data`);
}

/** A plugin's answer must be data: a function, symbol or bigint fails the evaluation instead. */
function checked(name: string, value: unknown): unknown {
  const type = typeof value;
  if (type === 'function' || type === 'symbol' || type === 'bigint') refuseAnswer(name, value);
  return value;
}

/** The closure for one call of a plugin operator: arguments evaluated in order, then `evaluate`. */
function callNode(name: string, evaluate: Evaluate, args: readonly CompiledArg[]): CompiledNode {
  // The usual shapes, a field then constants, read the field in the same closure.
  const [first, second, third] = args;
  const key = first?.field;
  if (key !== undefined && args.slice(1).every((arg) => arg.constant)) {
    if (args.length === 1) return (data, state) => checked(name, evaluate([readField(data, key)], state.context));
    const b = second!.constant!.value;
    if (args.length === 2) return (data, state) => checked(name, evaluate([readField(data, key), b], state.context));
    const c = third!.constant!.value;
    if (args.length === 3) return (data, state) => checked(name, evaluate([readField(data, key), b, c], state.context));
  }
  const fns = args.map((arg) => arg.fn);
  if (fns.length === 1) {
    const [a] = fns as [CompiledNode];
    return (data, state) => checked(name, evaluate([a(data, state)], state.context));
  }
  if (fns.length === 2) {
    const [a, b] = fns as [CompiledNode, CompiledNode];
    return (data, state) => checked(name, evaluate([a(data, state), b(data, state)], state.context));
  }
  if (fns.length === 3) {
    const [a, b, c] = fns as [CompiledNode, CompiledNode, CompiledNode];
    return (data, state) => checked(name, evaluate([a(data, state), b(data, state), c(data, state)], state.context));
  }
  return (data, state) =>
    checked(
      name,
      evaluate(
        fns.map((fn) => fn(data, state)),
        state.context,
      ),
    );
}

/**
 * Checks a plugin's operator (name, arity, evaluate) and wraps it as a table row whose answers are
 * checked to be data. Throws INVALID; the registry adds the duplicate check.
 */
export function customOperatorEntry(name: string, operator: RuleOperator): EagerOperatorEntry {
  if (typeof name !== 'string' || !OPERATOR_NAME.test(name) || name in Object.prototype) {
    throw new LeadforgeError(
      'INVALID',
      `"${String(name)}" is not a valid operator name (a letter, then letters, digits or _)`,
    );
  }
  if (typeof operator !== 'object' || operator === null || typeof operator.evaluate !== 'function') {
    throw new LeadforgeError('INVALID', `operator "${name}" needs an evaluate(args, context) function`);
  }
  if (operator.prepare !== undefined && typeof operator.prepare !== 'function') {
    throw new LeadforgeError('INVALID', `operator "${name}": prepare must be a function`);
  }
  const minArgs = operator.minArgs ?? 0;
  const maxArgs = operator.maxArgs ?? Number.POSITIVE_INFINITY;
  if (!isArgCount(minArgs) || !isArgCount(maxArgs) || minArgs > maxArgs || minArgs === Number.POSITIVE_INFINITY) {
    throw new LeadforgeError(
      'INVALID',
      `operator "${name}": minArgs and maxArgs must be counts with minArgs ≤ maxArgs`,
    );
  }
  const { evaluate, prepare } = operator;
  return {
    kind: 'eager',
    minArgs,
    maxArgs,
    operator,
    evaluate: (args, state) => checked(name, evaluate(args, state.context)),
    prepareCall: (constants) => {
      const prepared = prepare?.(constants);
      return typeof prepared === 'function' ? prepared : evaluate;
    },
    specialise: (args) => {
      const prepared = prepare?.(args.map((arg) => (arg.constant ? arg.constant.value : undefined)));
      return callNode(name, typeof prepared === 'function' ? prepared : evaluate, args);
    },
  };
}
