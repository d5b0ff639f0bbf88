import type { ErrorObject } from 'ajv';
import { didYouMean } from './didYouMean.js';
import { pointerSegment, pointerSegments, valueAt } from './jsonPointer.js';
import type { PackageProblem } from './types.js';

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const FORMAT_NAMES: Record<string, string> = {
  uri: 'URL',
  email: 'email address',
  date: 'date (YYYY-MM-DD)',
  'date-time': 'date and time (ISO 8601)',
  uuid: 'UUID',
};

type Schema = Record<string, unknown> | undefined;

function describe(schema: unknown): string | undefined {
  const description = (schema as Schema)?.['description'];
  return typeof description === 'string' ? description : undefined;
}

function list(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function discriminatorValues(parentSchema: Schema, tag: string): string[] {
  const branches = (parentSchema?.['oneOf'] ?? []) as Schema[];
  return branches.flatMap((b) => {
    const value = ((b?.['properties'] as Record<string, Schema> | undefined)?.[tag] as Schema)?.['const'];
    return typeof value === 'string' ? [value] : [];
  });
}

/** One ajv error as a sentence and the pointer it is about; undefined for errors that only echo others. */
function translate(error: ErrorObject, data: unknown): { pointer: string; message: string } | undefined {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  const parent = error.parentSchema as Schema;
  switch (error.keyword) {
    case 'if':
      return undefined; // the failing then/else branch reports the real problem
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      const known = Object.keys((parent?.['properties'] as object | undefined) ?? {});
      return {
        pointer: `${at}/${pointerSegment(name)}`,
        message: `unknown property "${name}"${didYouMean(name, known)}`,
      };
    }
    case 'required': {
      const name = String(params['missingProperty']);
      return { pointer: `${at}/${pointerSegment(name)}`, message: `missing required property "${name}"` };
    }
    case 'enum':
      return { pointer: at, message: `must be one of: ${list(params['allowedValues'] as unknown[])}` };
    case 'const':
      return { pointer: at, message: `must be ${JSON.stringify(params['allowedValue'])}` };
    case 'type': {
      const description = describe(parent);
      const types = String(params['type']).split(',');
      return { pointer: at, message: `must be ${description ?? types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}` };
    }
    case 'pattern': {
      if (error.propertyName !== undefined) return undefined; // reported by propertyNames
      const description = describe(parent);
      return {
        pointer: at,
        message: description ? `must be ${description}` : `must match the pattern ${params['pattern']}`,
      };
    }
    case 'propertyNames': {
      const name = String(params['propertyName']);
      const description = describe(error.schema) ?? 'a valid name';
      return {
        pointer: `${at}/${pointerSegment(name)}`,
        message: `"${name}" is not allowed as a key: must be ${description}`,
      };
    }
    case 'minLength':
      return {
        pointer: at,
        message:
          params['limit'] === 1
            ? 'must not be empty'
            : `must be at least ${plural(Number(params['limit']), 'character')}`,
      };
    case 'maxLength':
      return { pointer: at, message: `must be at most ${plural(Number(params['limit']), 'character')}` };
    case 'minimum':
      return { pointer: at, message: `must be at least ${params['limit']}` };
    case 'maximum':
      return { pointer: at, message: `must be at most ${params['limit']}` };
    case 'exclusiveMinimum':
      return { pointer: at, message: `must be greater than ${params['limit']}` };
    case 'exclusiveMaximum':
      return { pointer: at, message: `must be less than ${params['limit']}` };
    case 'minItems':
      return {
        pointer: at,
        message:
          params['limit'] === 1 ? 'must not be empty' : `must have at least ${plural(Number(params['limit']), 'item')}`,
      };
    case 'maxItems':
      return { pointer: at, message: `must have at most ${plural(Number(params['limit']), 'item')}` };
    case 'minProperties':
      return {
        pointer: at,
        message:
          params['limit'] === 1
            ? 'must not be empty'
            : `must have at least ${plural(Number(params['limit']), 'entry')}`,
      };
    case 'uniqueItems':
      return { pointer: at, message: `must not repeat a value (items ${params['j']} and ${params['i']} are equal)` };
    case 'format': {
      const format = String(params['format']);
      return { pointer: at, message: `must be a valid ${FORMAT_NAMES[format] ?? format}` };
    }
    case 'false schema': {
      const segments = pointerSegments(at);
      const name = segments.at(-1) ?? '';
      const owner = valueAt(data, at.slice(0, at.length - pointerSegment(name).length - 1)) as Schema;
      const type = owner?.['type'];
      return {
        pointer: at,
        message:
          typeof type === 'string'
            ? `"${name}" is not allowed when type is "${type}"`
            : `"${name}" is not allowed here`,
      };
    }
    case 'not': {
      const refused = (error.schema as Schema)?.['enum'];
      const value = valueAt(data, at);
      return {
        pointer: at,
        message: Array.isArray(refused)
          ? `"${String(value)}" is a reserved name (reserved: ${list(refused)})`
          : 'is not allowed',
      };
    }
    case 'discriminator': {
      const tag = String(params['tag']);
      if (params['error'] === 'tag') {
        const value = valueAt(data, `${at}/${pointerSegment(tag)}`);
        return value === undefined
          ? { pointer: `${at}/${pointerSegment(tag)}`, message: `missing required property "${tag}"` }
          : { pointer: `${at}/${pointerSegment(tag)}`, message: 'must be a string' };
      }
      return {
        pointer: `${at}/${pointerSegment(tag)}`,
        message: `unknown ${tag} "${String(params['tagValue'])}"; must be one of: ${discriminatorValues(parent, tag).join(', ')}`,
      };
    }
    default:
      return { pointer: at, message: error.message ?? `fails the ${error.keyword} check` };
  }
}

/**
 * For each failed oneOf/anyOf: the branches whose type did not match the value are noise when
 * another branch has something precise to say; when none has, they become one "must be a or b".
 */
function simplifyAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const replaced = new Map<ErrorObject, ErrorObject>();
  for (const alt of errors) {
    if (alt.keyword !== 'oneOf' && alt.keyword !== 'anyOf') continue;
    const prefix = `${alt.schemaPath}/`;
    const inside = errors.filter((e) => e !== alt && e.schemaPath.startsWith(prefix));
    const typeMisses = inside.filter(
      (e) =>
        e.keyword === 'type' &&
        e.instancePath === alt.instancePath &&
        /^\d+\/type$/.test(e.schemaPath.slice(prefix.length)),
    );
    for (const e of typeMisses) dropped.add(e);
    if (inside.length > typeMisses.length) dropped.add(alt);
    else {
      const types = typeMisses.map((e) => String((e.params as { type: unknown }).type));
      replaced.set(alt, { ...alt, keyword: 'type', params: { type: types.join(',') }, parentSchema: alt.parentSchema });
    }
  }
  return errors.filter((e) => !dropped.has(e)).map((e) => replaced.get(e) ?? e);
}

function within(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

/**
 * Turns ajv's errors for one file into problems, one sentence each. A property that is not
 * allowed at all hides the other complaints about its value; repeated sentences are dropped.
 */
export function problemsFromAjvErrors(file: string, errors: readonly ErrorObject[], data: unknown): PackageProblem[] {
  const translated = simplifyAlternatives(errors).flatMap((error) => {
    const t = translate(error, data);
    return t ? [{ ...t, keyword: error.keyword }] : [];
  });
  const refused = translated.filter((t) => t.keyword === 'false schema').map((t) => t.pointer);
  const seen = new Set<string>();
  const problems: PackageProblem[] = [];
  for (const t of translated) {
    if (t.keyword !== 'false schema' && refused.some((r) => within(t.pointer, r))) continue;
    if (t.keyword === 'oneOf' || t.keyword === 'anyOf') {
      if (translated.some((o) => o !== t && within(o.pointer, t.pointer))) continue;
    }
    const key = `${t.pointer}\u0000${t.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file, pointer: t.pointer, message: t.message });
  }
  return problems;
}
