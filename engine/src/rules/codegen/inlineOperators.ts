// Operators the code generator may write inline instead of calling through the plugin interface. Keyed
// by the operator OBJECT a plugin registers (not by name): only the engine's own built-in operators
// define a writer (plugins/builtin/inlineWriters.ts), so a third party's operator, whatever its name,
// is always called by reference. A writer must answer exactly what the operator's evaluate would, and
// builds source only through the escaping builder (`_`, `literal`, `ref`).
import type { RuleOperator } from '../types.js';
import type { Code } from './builder.js';

/** What is known about a value: a boolean, a scalar (never an array or object), or anything. */
export type ValueKind = 'bool' | 'prim' | 'any';

/** A written value: a local name, a literal or a constant reference (safe to repeat). */
export interface WrittenValue {
  readonly code: Code;
  readonly kind: ValueKind;
}

/** One argument of an inline call: its value, and the constant when the rule wrote one there. */
export interface InlineArg extends WrittenValue {
  readonly constant?: { readonly value: unknown };
  /** What the argument computes, when that is the same on every use in one evaluation (a constant `var` path …). */
  readonly key?: string;
}

/** What a writer may do: emit statements and name values, all through the builder. */
export interface InlineSite {
  /** A value held by reference in the generated function's constants (functions, Sets). */
  ref(value: unknown): Code;
  /** `const vN = expression;` — the answer names it. */
  assign(expression: Code, kind: ValueKind): WrittenValue;
  /** A fresh local, declared by the writer (`let ${local} = …;`). */
  local(): Code;
  line(statement: Code): void;
  /**
   * A value computed at most once per evaluation and shared by every call asking with the same key (a
   * writer's own name for what it computes, e.g. `domainOf(` + an argument's key + `)`).
   */
  shared(key: string, compute: () => WrittenValue): WrittenValue;
  /** The evaluation's `now` in epoch milliseconds (NaN when the context has no valid `now`), read once per evaluation. */
  nowMillis(): Code;
}

/** Writes one call of the operator, or answers undefined to leave it to the generic call. */
export type InlineWriter = (site: InlineSite, args: readonly InlineArg[]) => WrittenValue | undefined;

const writers = new WeakMap<RuleOperator, InlineWriter>();

/** Engine-internal: the built-in plugin declares how its operators are written inline. */
export function defineInlineWriter(operator: RuleOperator, writer: InlineWriter): void {
  writers.set(operator, writer);
}

export function inlineWriterOf(operator: RuleOperator | undefined): InlineWriter | undefined {
  return operator === undefined ? undefined : writers.get(operator);
}
