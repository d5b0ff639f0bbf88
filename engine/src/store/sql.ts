/**
 * The one way SQL text is built in Leadforge (ajv's codegen lesson): a tagged template whose
 * interpolated values become parameters. Only validated identifiers and JSON keys ever enter
 * the text; a value never does.
 */

const FRAGMENT = Symbol('SqlFragment');

type Chunk = { readonly text: string } | { readonly value: unknown };

/** A piece of SQL with its parameters; compose with `sql`, turn into text with `render`. */
export interface SqlFragment {
  readonly [FRAGMENT]: true;
  readonly chunks: readonly Chunk[];
}

/** What a driver receives: text with `$1..$n` placeholders and the values in order. */
export interface RenderedSql {
  readonly text: string;
  readonly params: readonly unknown[];
}

const IDENT = /^[a-z][a-z0-9_]*$/;
const JSON_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isSqlFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && FRAGMENT in value;
}

function fragment(chunks: readonly Chunk[]): SqlFragment {
  return { [FRAGMENT]: true, chunks };
}

function text(value: string): SqlFragment {
  return fragment([{ text: value }]);
}

/** Tagged template: `sql\`a = ${value}\``. Interpolated fragments are spliced, anything else is a parameter. */
function sqlTag(strings: TemplateStringsArray, ...values: readonly unknown[]): SqlFragment {
  const chunks: Chunk[] = [];
  strings.forEach((part, i) => {
    if (part !== '') chunks.push({ text: part });
    if (i < values.length) {
      const value = values[i];
      if (isSqlFragment(value)) chunks.push(...value.chunks);
      else chunks.push({ value });
    }
  });
  return fragment(chunks);
}

/** True when `name` can be written as a jsonb key literal without escaping. */
export function isSafeJsonKey(name: string): boolean {
  return JSON_KEY.test(name);
}

/** Throws unless `name` is a plain lower-case identifier (`^[a-z][a-z0-9_]*$`). */
export function assertIdentifier(name: string): string {
  if (!IDENT.test(name)) throw new Error(`not a safe SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

/** Throws unless `name` can be written as a jsonb key literal (`^[A-Za-z_][A-Za-z0-9_]*$`). */
export function assertJsonKey(name: string): string {
  if (!JSON_KEY.test(name)) throw new Error(`not a safe jsonb key: ${JSON.stringify(name)}`);
  return name;
}

export const sql = Object.assign(sqlTag, {
  /** A quoted identifier (table, column, index); throws on anything but `^[a-z][a-z0-9_]*$`. */
  ident: (name: string): SqlFragment => text(`"${assertIdentifier(name)}"`),
  /** A jsonb key as a string literal (`data->${sql.key('email')}`), so expression indexes can match. */
  key: (name: string): SqlFragment => text(`'${assertJsonKey(name)}'`),
  /** Joins fragments with a separator given as SQL text, e.g. `sql.join(conditions, ' AND ')`. */
  join: (fragments: readonly SqlFragment[], separator: string): SqlFragment => {
    const chunks: Chunk[] = [];
    fragments.forEach((f, i) => {
      if (i > 0) chunks.push({ text: separator });
      chunks.push(...f.chunks);
    });
    return fragment(chunks);
  },
  /** An empty fragment. */
  empty: (): SqlFragment => fragment([]),
});

/** Numbers the parameters `$1..$n` in order of appearance. */
export function render(f: SqlFragment): RenderedSql {
  let out = '';
  const params: unknown[] = [];
  for (const chunk of f.chunks) {
    if ('text' in chunk) out += chunk.text;
    else {
      params.push(chunk.value);
      out += `$${params.length}`;
    }
  }
  return { text: out, params };
}
