// The JSON Logic language as one table: name → implementation and arity. Semantics mirror
// json-logic-js 2.0.5 (node_modules/json-logic-js/logic.js) operation by operation; the differences
// are listed in docs/rules.md. Not here on purpose: `method` (calls host methods) and `log` (I/O).
import {
  compileAndForm,
  compileFilterForm,
  compileIfForm,
  compileMapForm,
  compileOrForm,
  compileQuantifierForm,
  compileReduceForm,
} from './forms.js';
import { guardCoercion } from './limits.js';
import { lookupVar, readField } from './lookupVar.js';
import { binary, chainedComparison, coercing, eager, form, looseEquals, n } from './operatorEntries.js';
import { truthy } from './truthy.js';
import type { OperatorEntry } from './types.js';
import {
  cat,
  inOperator,
  merge,
  missingKeys,
  missingSome,
  specialiseIn,
  specialiseVar,
  substr,
} from './valueOperations.js';

const ANY = Number.POSITIVE_INFINITY;

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
  if: form(0, ANY, compileIfForm),
  '?:': form(0, ANY, compileIfForm),
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
  or: form(1, ANY, compileOrForm),
  and: form(1, ANY, compileAndForm),
  '>': binary('>', true, (a, b) => n(a) > n(b)),
  '>=': binary('>=', true, (a, b) => n(a) >= n(b)),
  '<': chainedComparison('<', (a, b) => n(a) < n(b)),
  '<=': chainedComparison('<=', (a, b) => n(a) <= n(b)),
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
  map: form(2, 2, compileMapForm),
  filter: form(2, 2, compileFilterForm),
  reduce: form(2, 3, compileReduceForm),
  all: form(2, 2, compileQuantifierForm('all')),
  none: form(2, 2, compileQuantifierForm('none')),
  some: form(2, 2, compileQuantifierForm('some')),
  merge: eager(0, ANY, merge),
  in: eager(2, 2, inOperator, specialiseIn),
  cat: eager(0, ANY, cat),
  substr: coercing('substr', 2, 3, substr),
});
