// Generates JavaScript for a compiled rule tree (compileTree's), operator by operator, mirroring
// json-logic-js 2.0.5 as the closures do (operators.ts). Every node's value lands in a local, so an
// expression is only ever a name or a literal. A subtree the generator does not write (map, filter,
// reduce, all, some, none …) calls its closure by reference; plugin operators are called by reference.

import { refuseAnswer } from '../customOperatorEntry.js';
import { guardCoercion } from '../limits.js';
import { hasOwn, lookupSegments } from '../lookupVar.js';
import { standardOperators } from '../operators.js';
import type { CompiledArg, EagerOperatorEntry, EvaluationContext, EvaluationState } from '../types.js';
import { _, type Code, type CodegenBuilder, DATA, join, literal, STATE } from './builder.js';
import { type InlineSite, inlineWriterOf, type ValueKind, type WrittenValue } from './inlineOperators.js';

type Kind = ValueKind;
type Value = WrittenValue;

/** The context's `now` in epoch milliseconds, NaN when there is none (daysSince then throws its own error). */
function nowMillisOf(context: EvaluationContext | undefined): number {
  const now = context?.now;
  return now instanceof Date ? now.getTime() : Number.NaN;
}

/** Guards one composite value before JavaScript turns it into text or a number (the closures' guard). */
function guardOne(state: EvaluationState, name: string, value: unknown): void {
  guardCoercion(state, name, [value]);
}

/** Longer dotted paths walk in lookupSegments, by reference, rather than as nested ifs. */
const MAX_INLINE_SEGMENTS = 8;

/** An `in` over at most this many written items compares them one by one; more go in a Set. */
const MAX_INLINE_ITEMS = 8;

/** Marks a shared value not computed yet in this evaluation. */
const UNSET = Object.freeze({});

/**
 * What a node computes, as a key, when it may be computed once and shared within one evaluation: a
 * constant, a `var` with a constant path (and constant default), or a plugin call on such arguments
 * (plugins must be pure). Neither charges steps, so sharing changes no limit. Undefined otherwise.
 */
function shareKey(arg: CompiledArg): string | undefined {
  if (arg.constant) {
    const value = arg.constant.value;
    if (!isScalar(value)) return undefined;
    return Object.is(value, -0) ? 'n:-0' : `${typeof value}:${JSON.stringify(value)}`;
  }
  const op = arg.op;
  if (!op) return undefined;
  const isVar = op.name === 'var' && op.entry === standardOperators['var'];
  if (!isVar && !(op.entry.kind === 'eager' && op.entry.prepareCall)) return undefined;
  if (isVar && (op.args.length === 0 || !op.args.every((a) => a.constant))) return undefined;
  const keys: string[] = [];
  for (const item of op.args) {
    const key = shareKey(item);
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return `${op.name}(${keys.join(',')})`;
}

/** The forms the generator writes itself (their arguments run in the data's scope). */
const WRITTEN_FORMS = new Set(['and', 'or', 'if', '?:']);

/** The path of a `{"var": path}` that readPaths may read up front: constant, no default, a short dotted path. */
function preReadPath(arg: CompiledArg): string | undefined {
  const op = arg.op;
  if (op?.name !== 'var' || op.entry !== standardOperators['var'] || op.args.length !== 1) return undefined;
  const constant = op.args[0]!.constant;
  if (!constant || !isScalar(constant.value) || constant.value === null || constant.value === '') return undefined;
  const path = String(constant.value);
  return path.split('.').length > MAX_INLINE_SEGMENTS ? undefined : path;
}

const COERCING = new Set(['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', 'min', 'max']);

function isScalar(value: unknown): value is null | boolean | number | string {
  return value === null || ['boolean', 'number', 'string'].includes(typeof value);
}

/** Writes rules into one builder; `node` answers the local holding a rule's value. */
export class RuleGenerator {
  private readonly hasOwn: Code;
  private readonly isArray: Code;
  private readonly parseFloat: Code;
  private readonly guard: Code;
  private readonly lookup: Code;
  private readonly refuse: Code;
  private readonly unset: Code;
  /** Reads and plugin calls already written, by what they compute: each runs at most once per evaluation. */
  private readonly shared = new Map<string, { slot: Code; kind: Kind }>();
  /** `var` paths read up front (readPaths), each into its own local. */
  private readonly preRead = new Map<string, Code>();
  private now: Code | undefined;
  /** How often each shareable computation occurs in the rules readPaths saw (only those used twice share a slot). */
  private uses: Map<string, number> | undefined;
  /** What inline writers of built-in operators may do (inlineOperators.ts). */
  private readonly site: InlineSite;

  /** `context` is where generated code finds the evaluation context (a parameter, or the state's). */
  constructor(
    readonly b: CodegenBuilder,
    private readonly context: Code = _`${STATE}.context`,
  ) {
    this.hasOwn = b.ref(hasOwn);
    this.isArray = b.ref(Array.isArray);
    this.parseFloat = b.ref(Number.parseFloat);
    this.guard = b.ref(guardOne);
    this.lookup = b.ref(lookupSegments);
    this.refuse = b.ref(refuseAnswer);
    this.unset = b.ref(UNSET);
    this.site = {
      ref: (value) => b.ref(value),
      assign: (expression, kind) => this.assign(expression, kind),
      local: () => b.local(),
      line: (statement) => b.line(statement),
      shared: (key, compute) => this.sharedValue(`inline:${key}`, compute),
      nowMillis: () => {
        if (!this.now) {
          this.now = b.local();
          b.hoist(_`const ${this.now} = ${b.ref(nowMillisOf)}(${this.context});`);
        }
        return this.now;
      },
    };
  }

  /**
   * Reads every `{"var": path}` with a constant path (no default) that `roots` evaluate in the data's
   * scope, once, up front, into locals that the rules then share: one own-property check per path and
   * segment (a common prefix such as `utm` in `utm.source`/`utm.medium` walked once). Paths inside
   * forms run by closure (map, filter …) are not read here. A read has no effect on plain data; where
   * data is exotic (a getter that throws), the caller wraps these lines and falls back. Also counts the
   * uses of every shareable computation, so that one used once is written in place, without a slot.
   */
  readPaths(roots: readonly CompiledArg[]): void {
    const paths = new Map<string, string[]>();
    const uses = new Map<string, number>();
    this.uses = uses;
    const visit = (arg: CompiledArg): void => {
      if (arg.items) arg.items.forEach(visit);
      const op = arg.op;
      if (!op) return;
      const key = shareKey(arg);
      if (key !== undefined) uses.set(key, (uses.get(key) ?? 0) + 1);
      if (op.entry.kind === 'form' && !(op.entry === standardOperators[op.name] && WRITTEN_FORMS.has(op.name))) return;
      const path = preReadPath(arg);
      if (path !== undefined) {
        if (!paths.has(path)) paths.set(path, path.split('.'));
        return;
      }
      op.args.forEach(visit);
    };
    roots.forEach(visit);
    if (paths.size === 0) return;
    // A trie of segments: each prefix walked once.
    interface Step {
      readonly children: Map<string, Step>;
      path?: string;
    }
    const root: Step = { children: new Map() };
    for (const [path, segments] of paths) {
      let step = root;
      for (const segment of segments) {
        let next = step.children.get(segment);
        if (!next) {
          next = { children: new Map() };
          step.children.set(segment, next);
        }
        step = next;
      }
      step.path = path;
      const local = this.b.local();
      this.b.hoist(_`let ${local} = null;`);
      this.preRead.set(path, local);
    }
    // An object whose prototype is Object.prototype can only inherit what Object.prototype holds: where
    // `key in Object.prototype` is false (checked on every read, so later pollution is seen), a value
    // read is its own. Anything else (another prototype, a key Object.prototype has) asks hasOwn.
    const objectPrototype = this.b.ref(Object.prototype);
    const prototypeOf = this.b.ref(Object.getPrototypeOf);
    const walk = (current: Code, step: Step): void => {
      const plain = this.b.local();
      this.b.line(_`const ${plain} = ${prototypeOf}(${current}) === ${objectPrototype};`);
      for (const [segment, next] of step.children) {
        const key = literal(segment);
        const value = this.b.local();
        this.b.line(_`let ${value} = ${current}[${key}];`);
        this.b.line(
          _`if (${value} !== undefined && (!${plain} || ${key} in ${objectPrototype}) && !${this.hasOwn}(${current}, ${key})) ${value} = undefined;`,
        );
        this.b.ifElse(_`${value} !== undefined`, () => {
          if (next.path !== undefined) this.b.line(_`${this.preRead.get(next.path)!} = ${value};`);
          if (next.children.size > 0) this.b.ifElse(_`${value} !== null`, () => walk(value, next));
        });
      }
    };
    this.b.ifElse(_`${DATA} !== undefined && ${DATA} !== null`, () => walk(DATA, root));
  }

  /** `truthy(value)` inline: JavaScript's, except that an empty array is false. */
  truthy(value: Value): Code {
    if (value.kind === 'bool') return value.code;
    if (value.kind === 'prim') return _`!!${value.code}`;
    return _`(${this.isArray}(${value.code}) ? ${value.code}.length !== 0 : !!${value.code})`;
  }

  private assign(expression: Code, kind: Kind): Value {
    const name = this.b.local();
    this.b.line(_`const ${name} = ${expression};`);
    return { code: name, kind };
  }

  private guardArgs(name: string, values: readonly Value[]): void {
    for (const value of values) {
      if (value.kind !== 'any') continue;
      this.b.line(
        _`if (typeof ${value.code} === "object" && ${value.code} !== null) ${this.guard}(${STATE}, ${literal(name)}, ${value.code});`,
      );
    }
  }

  /** The value of a compiled node, written as statements; the answer names it. */
  node(arg: CompiledArg): Value {
    if (arg.constant) {
      const value = arg.constant.value;
      return isScalar(value) ? { code: literal(value), kind: 'prim' } : { code: this.b.ref(value), kind: 'any' };
    }
    if (arg.items) {
      const items = arg.items.map((item) => this.node(item).code);
      return this.assign(_`[${join(items, ', ')}]`, 'any');
    }
    const op = arg.op;
    const path = op ? preReadPath(arg) : undefined;
    const read = path === undefined ? undefined : this.preRead.get(path);
    if (read) return { code: read, kind: 'any' };
    const key = op ? shareKey(arg) : undefined;
    // Shared when it may run more than once (readPaths counted the uses of a rule set; a single rule shares all).
    if (key !== undefined && (this.uses === undefined || (this.uses.get(key) ?? 2) > 1)) {
      return this.sharedValue(key, () => this.unshared(arg));
    }
    return this.unshared(arg);
  }

  /**
   * A value computed at most once per evaluation, where first needed, whichever use that is (a branch
   * not taken leaves the slot unset); the first computation's kind holds for every use.
   */
  private sharedValue(key: string, compute: () => Value): Value {
    const known = this.shared.get(key);
    if (known) {
      this.b.ifElse(_`${known.slot} === ${this.unset}`, () => {
        this.b.line(_`${known.slot} = ${compute().code};`);
      });
      return { code: known.slot, kind: known.kind };
    }
    const slot = this.b.local();
    this.b.hoist(_`let ${slot} = ${this.unset};`);
    let kind: Kind = 'any';
    this.b.ifElse(_`${slot} === ${this.unset}`, () => {
      const value = compute();
      kind = value.kind;
      this.b.line(_`${slot} = ${value.code};`);
    });
    this.shared.set(key, { slot, kind });
    return { code: slot, kind };
  }

  private unshared(arg: CompiledArg): Value {
    const op = arg.op;
    if (op && op.entry === standardOperators[op.name]) {
      const written = this.standard(op.name, op.args);
      if (written) return written;
    }
    if (op && op.entry.kind === 'eager') return this.eagerCall(op.name, op.entry, op.args);
    // A form the generator does not write: its closure, by reference.
    return this.assign(_`${this.b.ref(arg.fn)}(${DATA}, ${STATE})`, 'any');
  }

  /** An eager operator by reference: arguments in order, then the table's evaluate (or a plugin's prepared call). */
  private eagerCall(name: string, entry: EagerOperatorEntry, args: readonly CompiledArg[]): Value {
    const written = args.map((arg) => this.node(arg));
    const writer = inlineWriterOf(entry.operator);
    if (writer) {
      const inline = writer(
        this.site,
        written.map((value, i) => {
          const key = shareKey(args[i]!);
          return { ...value, ...(args[i]!.constant ? { constant: args[i]!.constant } : {}), ...(key ? { key } : {}) };
        }),
      );
      if (inline) return inline;
    }
    const values = written.map((value) => value.code);
    const list = _`[${join(values, ', ')}]`;
    if (entry.prepareCall) {
      // The plugin's own function, called from this site (so V8 can inline it); its answer checked here.
      const call = entry.prepareCall(args.map((arg) => (arg.constant ? arg.constant.value : undefined)));
      const answer = this.assign(_`${this.b.ref(call)}(${list}, ${STATE}.context)`, 'any');
      const v = answer.code;
      this.b.line(
        _`if (typeof ${v} === "function" || typeof ${v} === "symbol" || typeof ${v} === "bigint") ${this.refuse}(${literal(name)}, ${v});`,
      );
      return answer;
    }
    return this.assign(_`${this.b.ref(entry.evaluate)}(${list}, ${STATE}, ${DATA})`, 'any');
  }

  private standard(name: string, args: readonly CompiledArg[]): Value | undefined {
    switch (name) {
      case 'var':
        return this.variable(args);
      case 'and':
      case 'or':
        return this.logical(name, args);
      case 'if':
      case '?:':
        return this.conditional(args);
      case '!':
        return this.assign(_`!${this.truthy(this.node(args[0]!))}`, 'bool');
      case '!!':
        return this.assign(this.truthy(this.node(args[0]!)), 'bool');
      case 'in':
        return this.inSet(args);
      default:
        return COERCING.has(name) || name === '===' || name === '!==' ? this.operator(name, args) : undefined;
    }
  }

  /** `var` with a constant path: the own-property walk inlined per segment (lookupSegments). */
  private variable(args: readonly CompiledArg[]): Value | undefined {
    const path = args.length === 0 ? null : args[0]!.constant?.value;
    if (path === undefined || (path !== null && !isScalar(path))) return undefined;
    // The default is evaluated first, as json-logic-js evaluates every argument.
    const fallback = args.length > 1 ? this.node(args[1]!) : undefined;
    if (path === null || path === '') return { code: DATA, kind: 'any' };
    const result = this.b.local();
    if (fallback === undefined) this.b.line(_`let ${result} = null;`);
    else this.b.line(_`let ${result} = ${fallback.code} === undefined ? null : ${fallback.code};`);
    const segments = String(path).split('.');
    if (segments.length > MAX_INLINE_SEGMENTS) {
      this.b.line(_`${result} = ${this.lookup}(${DATA}, ${this.b.ref(Object.freeze(segments))}, ${result});`);
      return { code: result, kind: 'any' };
    }
    const walk = (current: Code, i: number, first: boolean): void => {
      const test = first
        ? _`${current} !== null && ${current} !== undefined && ${this.hasOwn}(${current}, ${literal(segments[i]!)})`
        : _`${current} !== null && ${this.hasOwn}(${current}, ${literal(segments[i]!)})`;
      this.b.ifElse(test, () => {
        const next = this.b.local();
        this.b.line(_`const ${next} = ${current}[${literal(segments[i]!)}];`);
        this.b.ifElse(_`${next} !== undefined`, () => {
          if (i === segments.length - 1) this.b.line(_`${result} = ${next};`);
          else walk(next, i + 1, false);
        });
      });
    };
    walk(DATA, 0, true);
    return { code: result, kind: 'any' };
  }

  /** `and` / `or`: the first falsy (truthy) value, or the last one; later arguments only run when needed. */
  private logical(name: 'and' | 'or', args: readonly CompiledArg[]): Value {
    const result = this.b.local();
    const label = this.b.label();
    this.b.line(_`let ${result};`);
    let kind: Kind = 'bool';
    this.b.block(_`${label}:`, () => {
      args.forEach((arg, i) => {
        const value = this.node(arg);
        if (value.kind !== 'bool') kind = value.kind === 'prim' && kind !== 'any' ? 'prim' : 'any';
        this.b.line(_`${result} = ${value.code};`);
        if (i === args.length - 1) return;
        const test = this.truthy({ code: result, kind: value.kind });
        this.b.line(name === 'and' ? _`if (!${test}) break ${label};` : _`if (${test}) break ${label};`);
      });
    });
    return { code: result, kind };
  }

  /** `if` / `?:`: condition → value pairs, an optional else, null otherwise. */
  private conditional(args: readonly CompiledArg[]): Value {
    const result = this.b.local();
    const label = this.b.label();
    this.b.line(_`let ${result} = null;`);
    let kind: Kind = 'prim';
    const take = (arg: CompiledArg) => {
      const value = this.node(arg);
      if (value.kind === 'any') kind = 'any';
      this.b.line(_`${result} = ${value.code};`);
    };
    this.b.block(_`${label}:`, () => {
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        const test = this.truthy(this.node(args[i]!));
        const then = args[i + 1]!;
        this.b.ifElse(test, () => {
          take(then);
          this.b.line(_`break ${label};`);
        });
      }
      if (i < args.length) take(args[i]!);
    });
    return { code: result, kind };
  }

  /** `in` over an array of scalars written in the rule: a Set, by reference (the closures' specialiseIn). */
  private inSet(args: readonly CompiledArg[]): Value | undefined {
    const haystack = args[1]!.constant?.value;
    if (!Array.isArray(haystack) || !haystack.every(isScalar)) return undefined;
    const needle = this.node(args[0]!);
    if (haystack.length > MAX_INLINE_ITEMS)
      return this.assign(_`${this.b.ref(new Set<unknown>(haystack))}.has(${needle.code})`, 'bool');
    // A few items: strict comparisons, as indexOf makes them (no NaN in JSON; -0 and 0 match in both).
    if (haystack.length === 0) return { code: literal(false), kind: 'bool' };
    const tests = haystack.map((item) => _`${needle.code} === ${literal(item)}`);
    return this.assign(join(tests, ' || '), 'bool');
  }

  /** Comparisons and arithmetic: arguments in order, composites guarded, then JavaScript's operator. */
  private operator(name: string, args: readonly CompiledArg[]): Value {
    const values = args.map((arg) => this.node(arg));
    if (name !== '===' && name !== '!==') this.guardArgs(name, values);
    const v = values.map((value) => value.code);
    const [a, b, c] = v as [Code, Code, Code];
    const pf = this.parseFloat;
    switch (name) {
      case '==':
        return this.assign(_`${a} == ${b}`, 'bool');
      case '!=':
        return this.assign(_`${a} != ${b}`, 'bool');
      case '===':
        return this.assign(_`${a} === ${b}`, 'bool');
      case '!==':
        return this.assign(_`${a} !== ${b}`, 'bool');
      case '>':
        return this.assign(_`${a} > ${b}`, 'bool');
      case '>=':
        return this.assign(_`${a} >= ${b}`, 'bool');
      case '<':
      case '<=': {
        const less = name === '<' ? (x: Code, y: Code) => _`${x} < ${y}` : (x: Code, y: Code) => _`${x} <= ${y}`;
        if (v.length === 2) return this.assign(less(a, b), 'bool');
        return this.assign(_`${c} === undefined ? ${less(a, b)} : ${less(a, b)} && ${less(b, c)}`, 'bool');
      }
      case '+': {
        let sum = _`0`;
        for (const item of v) sum = _`${pf}(${sum}) + ${pf}(${item})`;
        return this.assign(sum, 'prim');
      }
      case '*': {
        if (v.length === 1) return values[0]!;
        let product = a;
        for (const item of v.slice(1)) product = _`${pf}(${product}) * ${pf}(${item})`;
        return this.assign(product, 'prim');
      }
      case '-':
        if (v.length === 1) return this.assign(_`-${a}`, 'prim');
        return this.assign(_`${b} === undefined ? -${a} : ${a} - ${b}`, 'prim');
      case '/':
        return this.assign(_`${a} / ${b}`, 'prim');
      case '%':
        return this.assign(_`${a} % ${b}`, 'prim');
      default: {
        const math = this.b.ref(name === 'max' ? Math.max : Math.min);
        return this.assign(_`${math}(${join(v, ', ')})`, 'prim');
      }
    }
  }
}
