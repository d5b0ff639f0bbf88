/** What a rule may know besides the data it reads: the time of evaluation (never the wall clock). */
export interface EvaluationContext {
  readonly now: Date;
}

/** A publish-time problem with a rule, located by a JSON pointer into the rule. */
export interface RuleProblem {
  readonly pointer: string;
  readonly message: string;
}

/** Publish-time and run-time bounds on a rule (see DEFAULT_RULE_LIMITS and docs/rules.md). */
export interface RuleLimits {
  /** Nesting of arrays and objects in the rule text. */
  readonly maxDepth: number;
  /** JSON values (objects, arrays, scalars) in the rule text. */
  readonly maxNodes: number;
  /** Items of one array (or keys of one object) written in the rule text. */
  readonly maxLiteralItems: number;
  /** Characters of one string written in the rule text. */
  readonly maxLiteralString: number;
  /** Items of an array that map/filter/reduce/all/some/none/missing walk, or that merge builds. */
  readonly maxArrayItems: number;
  /** Characters of a string an evaluation builds (cat) or a composite value it turns into text. */
  readonly maxStringLength: number;
  /** Work units (loop iterations, nodes walked) one evaluation may spend. */
  readonly maxSteps: number;
}

/** Why an evaluation gave no value: a limit was hit, or an operator threw on this data. */
export interface RuleError {
  readonly code: 'RULE_LIMIT' | 'RULE_ERROR';
  readonly message: string;
}

export type RuleOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: RuleError };

/** Mutable per-evaluation bookkeeping, shared by every node of one evaluation. */
export interface EvaluationState {
  context: EvaluationContext;
  readonly limits: RuleLimits;
  steps: number;
}

/** A compiled rule node: data in scope → value. */
export type CompiledNode = (data: unknown, state: EvaluationState) => unknown;

/**
 * A compiled argument: its closure; its value when it is a constant written in the rule; or the field
 * it reads when it is a plain `{"var": "name"}` (own property `name` of the data, null when absent), so
 * that operators can fuse the read into their own closure.
 */
export interface CompiledArg {
  readonly fn: CompiledNode;
  readonly constant?: { readonly value: unknown };
  readonly field?: string;
  /** The operation this node calls (kept for the code generator, rules/codegen). */
  readonly op?: { readonly name: string; readonly entry: OperatorEntry; readonly args: readonly CompiledArg[] };
  /** The items of an array written in the rule whose items are not all constants. */
  readonly items?: readonly CompiledArg[];
}

/**
 * A custom operator a plugin registers: its arguments arrive evaluated. It must be pure (no I/O, no
 * clock: time comes from `context.now`) and answer plain JSON data.
 */
export interface RuleOperator {
  /** Fewest arguments, checked at publish time (default 0). */
  readonly minArgs?: number;
  /** Most arguments, checked at publish time (default unbounded). */
  readonly maxArgs?: number;
  readonly evaluate: (args: readonly unknown[], context: EvaluationContext) => unknown;
  /**
   * Optional, run once at compile time: given the arguments written as constants in the rule (undefined
   * where an argument is computed), answer a faster evaluate for this call (e.g. a constant date parsed
   * once), or undefined to keep `evaluate`. It must answer exactly what `evaluate` would.
   */
  readonly prepare?: (
    constants: readonly unknown[],
  ) => ((args: readonly unknown[], context: EvaluationContext) => unknown) | undefined;
}

/** An operator whose arguments are evaluated first, left to right (most of them). */
export interface EagerOperatorEntry {
  readonly kind: 'eager';
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly evaluate: (args: unknown[], state: EvaluationState, data: unknown) => unknown;
  /** Optional faster closure for particular arguments (e.g. a constant `var` path); undefined = generic. */
  readonly specialise?: (args: readonly CompiledArg[]) => CompiledNode | undefined;
  /** When this call only reads one own field of the data (null when absent), that field's name. */
  readonly readsField?: (args: readonly CompiledArg[]) => string | undefined;
  /**
   * Plugin operators: given the arguments written as constants (undefined where computed), the plugin's
   * own function (prepared once) that generated code calls by reference, checking its answer is data.
   */
  readonly prepareCall?: (
    constants: readonly unknown[],
  ) => (args: readonly unknown[], context: EvaluationContext) => unknown;
  /** Plugin operators: the operator object as registered (the code generator inlines the engine's own by identity). */
  readonly operator?: RuleOperator;
}

/** An operator that decides when and on what data its arguments run (if, and, or, map, reduce …). */
export interface FormOperatorEntry {
  readonly kind: 'form';
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly compile: (args: readonly CompiledNode[]) => CompiledNode;
}

export type OperatorEntry = EagerOperatorEntry | FormOperatorEntry;

/** The operators a rule may use: the JSON Logic table plus plugin rows. Names are unique. */
export interface OperatorRegistry {
  /** Adds a custom operator; throws a CONFLICT error when the name is taken, INVALID when it is malformed. */
  register(name: string, operator: RuleOperator): void;
  get(name: string): OperatorEntry | undefined;
  has(name: string): boolean;
  names(): readonly string[];
}

/** A rule compiled once, run many times. */
export interface CompiledRule {
  readonly ok: true;
  /** Never throws: a record the rule cannot be evaluated on answers `{ ok: false, error }`. */
  evaluate(data: unknown, context: EvaluationContext): RuleOutcome;
}

export type CompileRuleResult = CompiledRule | { readonly ok: false; readonly problems: readonly RuleProblem[] };
