// The one escaping builder generated rule code goes through (STYLE.md lesson 8, after ajv's codegen).
// Source is assembled only from Code values: fixed text written in this engine (the `_` template),
// names the builder makes itself (v0, k3 …: never from a rule), JSON literals of validated scalars, and
// references into a constants array. A string from a rule can enter only through `literal`, which
// JSON-encodes it; there is no other way to turn a runtime string into Code.

const CODE = Symbol('code');

/** A piece of generated source. Only this module can make one. */
export interface Code {
  readonly [CODE]: string;
}

function code(text: string): Code {
  return Object.freeze({ [CODE]: text });
}

export function isCode(value: unknown): value is Code {
  return typeof value === 'object' && value !== null && CODE in value;
}

/** The text of a piece of code (for joining; never re-enters a template as a string). */
function textOf(value: Code): string {
  return value[CODE];
}

/**
 * Fixed engine text with Code interpolated: `_`${a} === ${b}``. Anything interpolated that is not Code
 * (a string, a number, an object) throws: values go through `literal` or `CodegenBuilder.ref`.
 */
export function _(parts: TemplateStringsArray, ...values: readonly Code[]): Code {
  let text = parts[0]!;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!isCode(value)) throw new TypeError('codegen: only Code may be interpolated into generated source');
    text += textOf(value) + parts[i + 1]!;
  }
  return code(text);
}

/** Code joined with a fixed separator. */
export function join(items: readonly Code[], separator: ', ' | ' && ' | ' || ' | '\n'): Code {
  return code(items.map(textOf).join(separator));
}

/** A JSON scalar as a literal. Strings are JSON-encoded (U+2028 and U+2029 escaped too), -0 stays -0. */
export function literal(value: null | boolean | number | string): Code {
  switch (typeof value) {
    case 'string':
      return code(JSON.stringify(value).replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029'));
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('codegen: only finite numbers are literals');
      if (Object.is(value, -0)) return code('(-0)');
      return code(value < 0 ? `(${JSON.stringify(value)})` : JSON.stringify(value));
    case 'boolean':
      return code(value ? 'true' : 'false');
    default:
      if (value === null) return code('null');
      throw new TypeError('codegen: not a JSON scalar');
  }
}

let available: boolean | undefined;

/**
 * Whether `new Function` works here, probed once: under a Content-Security-Policy without
 * 'unsafe-eval' it throws (and reports a violation), so after one refusal the engine stops trying.
 */
export function codegenAvailable(): boolean {
  if (available === undefined) {
    try {
      available = new Function('return 1')() === 1;
    } catch {
      available = false;
    }
  }
  return available;
}

/** The names generated code uses that the builder does not number: the generated function's parameters. */
export const DATA = code('data');
export const STATE = code('state');
export const CONTEXT = code('context');
export const FIRED = code('fired');
export const ERRORS = code('errors');

/**
 * Builds one function body: numbered local names, a constants array passed by reference (functions,
 * Sets, frozen composite literals), and statement lines. `compile` runs `new Function` on the result.
 */
export class CodegenBuilder {
  private readonly lines: string[] = [];
  private readonly prologue: string[] = [];
  private readonly constants: unknown[] = [];
  private readonly refs = new Map<unknown, Code>();
  private locals = 0;
  private labels = 0;
  private indent = 1;

  /** A fresh local name: v0, v1 … */
  local(): Code {
    return code(`v${this.locals++}`);
  }

  /** A fresh statement label: l0, l1 … */
  label(): Code {
    return code(`l${this.labels++}`);
  }

  /** A reference to a value held in the constants array (the same value always gets the same name). */
  ref(value: unknown): Code {
    let name = this.refs.get(value);
    if (!name) {
      name = code(`k${this.constants.length}`);
      this.constants.push(value);
      this.refs.set(value, name);
    }
    return name;
  }

  line(statement: Code): void {
    this.lines.push('  '.repeat(this.indent) + textOf(statement));
  }

  /** A statement at the top of the function, before every line (declarations shared by all of them). */
  hoist(statement: Code): void {
    this.prologue.push(`  ${textOf(statement)}`);
  }

  /** `head {` … `}`, the body emitted by `body`. */
  block(head: Code, body: () => void): void {
    this.line(_`${head} {`);
    this.indent++;
    body();
    this.indent--;
    this.line(_`}`);
  }

  /** `if (test) { … } else { … }`. */
  ifElse(test: Code, then: () => void, otherwise?: () => void): void {
    this.line(_`if (${test}) {`);
    this.indent++;
    then();
    this.indent--;
    if (otherwise) {
      this.line(_`} else {`);
      this.indent++;
      otherwise();
      this.indent--;
    }
    this.line(_`}`);
  }

  /** The source of the whole factory: constants unpacked, then a function of `params` with the lines. */
  source(params: readonly Code[]): string {
    const unpack = this.constants.map((_value, i) => `const k${i} = K[${i}];`).join('\n');
    return `"use strict";\n${unpack}\nreturn function generated(${params.map(textOf).join(', ')}) {\n${[...this.prologue, ...this.lines].join('\n')}\n};`;
  }

  /** Runs `new Function` (throws where it is unavailable, e.g. under a strict Content-Security-Policy). */
  compile<F>(params: readonly Code[]): F {
    if (!codegenAvailable()) throw new EvalError('codegen: new Function is unavailable here');
    const factory = new Function('K', this.source(params)) as (constants: readonly unknown[]) => F;
    return factory(Object.freeze([...this.constants]));
  }
}
