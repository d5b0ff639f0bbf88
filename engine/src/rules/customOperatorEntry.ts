import { LeadforgeError } from '../errors/types.js';
import type { EagerOperatorEntry, RuleOperator } from './types.js';

/** A custom operator's name: a plain identifier (no dots: json-logic-js walks dotted names into objects). */
const OPERATOR_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

function isArgCount(value: unknown): value is number {
  return value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && (value as number) >= 0);
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
  const minArgs = operator.minArgs ?? 0;
  const maxArgs = operator.maxArgs ?? Number.POSITIVE_INFINITY;
  if (!isArgCount(minArgs) || !isArgCount(maxArgs) || minArgs > maxArgs || minArgs === Number.POSITIVE_INFINITY) {
    throw new LeadforgeError(
      'INVALID',
      `operator "${name}": minArgs and maxArgs must be counts with minArgs ≤ maxArgs`,
    );
  }
  const evaluate = operator.evaluate;
  return {
    kind: 'eager',
    minArgs,
    maxArgs,
    evaluate: (args, state) => {
      const value = evaluate(args, state.context);
      const type = typeof value;
      if (type === 'function' || type === 'symbol' || type === 'bigint') {
        throw new Error(`operator "${name}" answered a ${type}, which is not JSON data`);
      }
      return value;
    },
  };
}
