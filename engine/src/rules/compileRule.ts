import { DEFAULT_RULE_LIMITS, RuleLimitError, valueWeight } from './limits.js';
import type {
  CompiledArg,
  CompiledNode,
  CompiledRule,
  CompileRuleResult,
  EagerOperatorEntry,
  EvaluationState,
  OperatorRegistry,
  RuleError,
  RuleLimits,
  RuleOutcome,
  RuleProblem,
} from './types.js';

interface CompileContext {
  readonly registry: OperatorRegistry;
  readonly limits: RuleLimits;
  readonly problems: RuleProblem[];
  nodes: number;
}

/** Stops the walk once the rule is known to be too large: nothing past that point needs reading. */
class TooManyNodes extends Error {}

function segment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function constant(value: unknown): CompiledArg {
  return { fn: () => value, constant: { value } };
}

const INVALID: CompiledArg = constant(null);

function countNode(ctx: CompileContext, pointer: string): void {
  ctx.nodes++;
  if (ctx.nodes > ctx.limits.maxNodes) {
    ctx.problems.push({ pointer, message: `the rule has more than ${ctx.limits.maxNodes} values` });
    throw new TooManyNodes();
  }
}

/** Own keys of a plain JSON object, or a problem message when the value is not one. */
function jsonKeys(value: object, ctx: CompileContext): string[] | string {
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return 'is not JSON data (an instance of a class)';
  const keys = Reflect.ownKeys(value);
  if (keys.length > ctx.limits.maxLiteralItems) return `has more than ${ctx.limits.maxLiteralItems} keys`;
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if (typeof key !== 'string' || !descriptor.enumerable || !('value' in descriptor)) {
      return 'is not JSON data (symbol, hidden or accessor properties)';
    }
  }
  return keys as string[];
}

/** Checks an array's size and shape; undefined when it is fine. */
function arrayProblem(value: unknown[], ctx: CompileContext): string | undefined {
  if (value.length > ctx.limits.maxLiteralItems) return `an array of more than ${ctx.limits.maxLiteralItems} items`;
  // Holes or extra named properties: not a JSON list.
  if (Object.keys(value).length !== value.length) return 'an array that is not a JSON list (holes or named properties)';
  return undefined;
}

/** Checks a scalar; undefined when it is fine. */
function scalarProblem(value: unknown, ctx: CompileContext): string | undefined {
  switch (typeof value) {
    case 'string':
      return value.length > ctx.limits.maxLiteralString
        ? `a string longer than ${ctx.limits.maxLiteralString} characters`
        : undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : 'numbers must be finite';
    case 'boolean':
      return undefined;
    default:
      return value === null ? undefined : `${typeof value} is not JSON data`;
  }
}

/**
 * A value inside a literal object (one with 0 or 2+ keys): data, never evaluated, as in json-logic-js.
 * Returns a frozen copy, so neither the caller's rule nor an evaluation's result can change the other.
 */
function literalData(value: unknown, pointer: string, depth: number, ctx: CompileContext): unknown {
  countNode(ctx, pointer);
  if (typeof value !== 'object' || value === null) {
    const problem = scalarProblem(value, ctx);
    if (problem) ctx.problems.push({ pointer, message: problem });
    return value;
  }
  if (depth > ctx.limits.maxDepth) {
    ctx.problems.push({ pointer, message: `the rule nests more than ${ctx.limits.maxDepth} levels deep` });
    return null;
  }
  if (Array.isArray(value)) {
    const problem = arrayProblem(value, ctx);
    if (problem) {
      ctx.problems.push({ pointer, message: problem });
      return null;
    }
    return Object.freeze(value.map((item, i) => literalData(item, `${pointer}/${i}`, depth + 1, ctx)));
  }
  const keys = jsonKeys(value, ctx);
  if (typeof keys === 'string') {
    ctx.problems.push({ pointer, message: `the object ${keys}` });
    return null;
  }
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    const item = literalData((value as Record<string, unknown>)[key], `${pointer}/${segment(key)}`, depth + 1, ctx);
    // defineProperty, not assignment: a "__proto__" key stays a plain own property.
    Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return Object.freeze(copy);
}

function eagerNode(entry: EagerOperatorEntry, args: readonly CompiledArg[]): CompiledNode {
  const special = entry.specialise?.(args);
  if (special) return special;
  const evaluate = entry.evaluate;
  const fns = args.map((arg) => arg.fn);
  switch (fns.length) {
    case 0:
      return (data, state) => evaluate([], state, data);
    case 1: {
      const [a] = fns as [CompiledNode];
      return (data, state) => evaluate([a(data, state)], state, data);
    }
    case 2: {
      const [a, b] = fns as [CompiledNode, CompiledNode];
      return (data, state) => evaluate([a(data, state), b(data, state)], state, data);
    }
    case 3: {
      const [a, b, c] = fns as [CompiledNode, CompiledNode, CompiledNode];
      return (data, state) => evaluate([a(data, state), b(data, state), c(data, state)], state, data);
    }
    default:
      return (data, state) => {
        const values = new Array<unknown>(fns.length);
        for (let i = 0; i < fns.length; i++) values[i] = fns[i]!(data, state);
        return evaluate(values, state, data);
      };
  }
}

function operation(name: string, raw: unknown, pointer: string, depth: number, ctx: CompileContext): CompiledArg {
  const here = `${pointer}/${segment(name)}`;
  const entry = ctx.registry.get(name);
  if (!entry) ctx.problems.push({ pointer: here, message: `unknown operator "${name}"` });
  // {"var": "x"} is shorthand for {"var": ["x"]}.
  let args: CompiledArg[];
  if (Array.isArray(raw)) {
    countNode(ctx, here);
    if (depth + 1 > ctx.limits.maxDepth) {
      ctx.problems.push({ pointer: here, message: `the rule nests more than ${ctx.limits.maxDepth} levels deep` });
      return INVALID;
    }
    const problem = arrayProblem(raw, ctx);
    if (problem) {
      ctx.problems.push({ pointer: here, message: problem });
      return INVALID;
    }
    args = raw.map((arg, i) => compileValue(arg, `${here}/${i}`, depth + 2, ctx));
  } else {
    args = [compileValue(raw, here, depth + 1, ctx)];
  }
  if (!entry) return INVALID;
  if (args.length < entry.minArgs || args.length > entry.maxArgs) {
    const wanted =
      entry.minArgs === entry.maxArgs
        ? `${entry.minArgs}`
        : entry.maxArgs === Number.POSITIVE_INFINITY
          ? `at least ${entry.minArgs}`
          : `${entry.minArgs} to ${entry.maxArgs}`;
    ctx.problems.push({ pointer: here, message: `"${name}" takes ${wanted} argument(s), not ${args.length}` });
    return INVALID;
  }
  const op = { name, entry, args };
  if (entry.kind === 'form') return { fn: entry.compile(args.map((arg) => arg.fn)), op };
  const field = entry.readsField?.(args);
  return field === undefined ? { fn: eagerNode(entry, args), op } : { fn: eagerNode(entry, args), field, op };
}

function compileValue(value: unknown, pointer: string, depth: number, ctx: CompileContext): CompiledArg {
  countNode(ctx, pointer);
  if (typeof value !== 'object' || value === null) {
    const problem = scalarProblem(value, ctx);
    if (problem) ctx.problems.push({ pointer, message: problem });
    return problem ? INVALID : constant(value);
  }
  if (depth > ctx.limits.maxDepth) {
    ctx.problems.push({ pointer, message: `the rule nests more than ${ctx.limits.maxDepth} levels deep` });
    return INVALID;
  }
  if (Array.isArray(value)) {
    const problem = arrayProblem(value, ctx);
    if (problem) {
      ctx.problems.push({ pointer, message: problem });
      return INVALID;
    }
    // An array's items are evaluated, as json-logic-js's apply maps over arrays.
    const items = value.map((item, i) => compileValue(item, `${pointer}/${i}`, depth + 1, ctx));
    if (items.every((item) => item.constant)) return constant(Object.freeze(items.map((item) => item.constant!.value)));
    const fns = items.map((item) => item.fn);
    return {
      fn: (data, state) => {
        const out = new Array<unknown>(fns.length);
        for (let i = 0; i < fns.length; i++) out[i] = fns[i]!(data, state);
        return out;
      },
      items,
    };
  }
  const keys = jsonKeys(value, ctx);
  if (typeof keys === 'string') {
    ctx.problems.push({ pointer, message: `the object ${keys}` });
    return INVALID;
  }
  if (keys.length === 1) return operation(keys[0]!, (value as Record<string, unknown>)[keys[0]!], pointer, depth, ctx);
  // Zero or several keys: json-logic-js treats the object as data and returns it as it is.
  ctx.nodes--;
  return constant(literalData(value, pointer, depth, ctx));
}

// Most conditions answer a boolean: those outcomes are shared, frozen, and allocate nothing.
const TRUE: RuleOutcome = Object.freeze({ ok: true, value: true });
const FALSE: RuleOutcome = Object.freeze({ ok: true, value: false });

export function ruleError(error: unknown): RuleError {
  // RangeError: V8's own bounds (call stack, string or array length) hit by a rule.
  const limit = error instanceof RuleLimitError || error instanceof RangeError;
  const message = error instanceof Error ? error.message.slice(0, 300) : 'the rule failed';
  return { code: limit ? 'RULE_LIMIT' : 'RULE_ERROR', message };
}

/** A checked rule: its compiled tree (closures, and what the code generator reads) and its bounds. */
export type CompiledTree =
  | { readonly ok: true; readonly root: CompiledArg; readonly limits: RuleLimits }
  | { readonly ok: false; readonly problems: readonly RuleProblem[] };

/** Checks a rule and compiles it to closures (compileRule's first half; rules/codegen reuses it). */
export function compileTree(rule: unknown, registry: OperatorRegistry, limits: Partial<RuleLimits> = {}): CompiledTree {
  const bounds: RuleLimits = { ...DEFAULT_RULE_LIMITS, ...limits };
  const ctx: CompileContext = { registry, limits: bounds, problems: [], nodes: 0 };
  let root: CompiledArg;
  try {
    root = compileValue(rule, '', 1, ctx);
  } catch (error) {
    if (!(error instanceof TooManyNodes)) throw error;
    root = INVALID;
  }
  if (ctx.problems.length > 0) return { ok: false, problems: ctx.problems };
  return { ok: true, root, limits: bounds };
}

/** Throws RULE_LIMIT when a composite result is heavier than the step bound (the evaluator's check on results). */
export function checkResultWeight(state: EvaluationState, value: object): void {
  const max = state.limits.maxSteps;
  if (valueWeight(state, value, max) > max) {
    throw new RuleLimitError(`the result is larger than ${max} values and characters`);
  }
}

/**
 * Compiles a JSON Logic rule to closures, once, checking it first: unknown operators (`method` and
 * `log` included), arity, depth, size and non-JSON values are refused with JSON pointers into the rule.
 * The evaluator mirrors json-logic-js (docs/rules.md lists the differences), answers plain data or a
 * `{ ok: false, error }` for a record it cannot be evaluated on, and never throws.
 */
export function compileRule(
  rule: unknown,
  registry: OperatorRegistry,
  limits: Partial<RuleLimits> = {},
): CompileRuleResult {
  const tree = compileTree(rule, registry, limits);
  if (!tree.ok) return tree;
  return evaluatorFor(tree.root.fn, tree.limits);
}

/** The evaluate wrapper around a compiled node (closure or generated): state, result checks, errors. */
export function evaluatorFor(fn: CompiledNode, bounds: RuleLimits): CompiledRule {
  // One state per compiled rule, reused while no evaluation is running (a plugin operator could
  // re-enter the same rule; then a fresh one is made).
  let idle: EvaluationState | undefined = { context: { now: new Date(0) }, limits: bounds, steps: 0 };
  return {
    ok: true,
    evaluate(data, context) {
      let state: EvaluationState;
      if (idle) {
        state = idle;
        idle = undefined;
        state.context = context;
        state.steps = 0;
      } else {
        state = { context, limits: bounds, steps: 0 };
      }
      try {
        const value = fn(data, state);
        if (value === true) return TRUE;
        if (value === false) return FALSE;
        const type = typeof value;
        if (typeof value === 'object' && value !== null) checkResultWeight(state, value);
        // Only an undefined `data` can produce undefined (`{"var": ""}`); functions cannot arise, but never leave.
        if (value === undefined || type === 'function' || type === 'symbol' || type === 'bigint') {
          return { ok: true, value: null };
        }
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: ruleError(error) };
      } finally {
        idle = state;
      }
    },
  };
}
