import type { AppPackage } from '@leadforge/engine';

type Json = Record<string, unknown>;

/** A mistake made in one field, and the problem it must produce (pointer relative to the field). */
interface Mistake {
  readonly field: (name: string) => Json;
  readonly pointer: string;
  readonly says: string;
}

const label = (text: string) => ({ en: text });
const opts = (...values: string[]) => values.map((value) => ({ value, label: label(value) }));

/** Mistakes the schema catches: each object gets one of each, ten objects. */
const SCHEMA_MISTAKES: readonly Mistake[] = [
  {
    field: (n) => ({ name: n, type: 'text', label: label(n), colour: 'red' }),
    pointer: '/colour',
    says: 'unknown property "colour"',
  },
  {
    field: (n) => ({ name: n, type: 'texty', label: label(n) }),
    pointer: '/type',
    says: 'must be one of: text, longtext',
  },
  {
    field: () => ({ name: 'owner', type: 'user', label: label('o') }),
    pointer: '/name',
    says: '"owner" is a reserved name',
  },
  {
    field: (n) => ({ name: n, type: 'select', label: label(n) }),
    pointer: '/options',
    says: 'missing required property "options"',
  },
  {
    field: (n) => ({ name: n, type: 'number', label: label(n), options: opts('a') }),
    pointer: '/options',
    says: '"options" is not allowed when type is "number"',
  },
  { field: (n) => ({ name: n, type: 'boolean' }), pointer: '/label', says: 'missing required property "label"' },
  {
    field: (n) => ({ name: n, type: 'date', label: { EN: n } }),
    pointer: '/label/EN',
    says: '"EN" is not allowed as a key',
  },
  {
    field: (n) => ({ name: n, type: 'url', label: label(n), required: 'yes' }),
    pointer: '/required',
    says: 'must be true or false',
  },
  {
    field: () => ({ name: 'Bad Name', type: 'phone', label: label('b') }),
    pointer: '/name',
    says: 'must be a field name',
  },
  {
    field: (n) => ({ name: n, type: 'reference', label: label(n) }),
    pointer: '/reference',
    says: 'missing required property "reference"',
  },
];

/** Mistakes the cross-checks catch in a file that passes its schema: one of each, ten objects. */
const CROSS_MISTAKES: readonly Mistake[] = [
  {
    field: () => ({ name: 'base', type: 'text', label: label('dup') }),
    pointer: '/name',
    says: 'field "base" is defined twice',
  },
  {
    field: (n) => ({ name: n, type: 'reference', label: label(n), reference: 'nowhere' }),
    pointer: '/reference',
    says: 'unknown object "nowhere"',
  },
  {
    field: (n) => ({ name: n, type: 'select', label: label(n), options: opts('a', 'b'), default: 'c' }),
    pointer: '/default',
    says: 'must be one of the options: a, b',
  },
  {
    field: (n) => ({ name: n, type: 'number', label: label(n), min: 9, max: 1 }),
    pointer: '/min',
    says: 'min (9) must not be greater than max (1)',
  },
  {
    field: (n) => ({ name: n, type: 'text', label: label(n), pattern: '^(\\w+)*$' }),
    pointer: '/pattern',
    says: 'repeats a group that itself repeats',
  },
  {
    field: (n) => ({ name: n, type: 'multiselect', label: label(n), options: opts('x', 'x') }),
    pointer: '/options/1/value',
    says: 'option "x" of field',
  },
  {
    field: (n) => ({ name: n, type: 'integer', label: label(n), readonly: true, required: true }),
    pointer: '/required',
    says: 'a read-only field cannot be required',
  },
  {
    field: (n) => ({ name: n, type: 'text', label: label(n), max: 2.5 }),
    pointer: '/max',
    says: 'must be a whole number of characters',
  },
  {
    field: (n) => ({ name: n, type: 'text', label: label(n), pattern: '[a-' }),
    pointer: '/pattern',
    says: 'is not a valid regular expression',
  },
  {
    field: (n) => ({ name: n, type: 'boolean', label: label(n), default: 'yes' }),
    pointer: '/default',
    says: 'must be true or false for a boolean field',
  },
];

export interface ExpectedProblem {
  readonly file: string;
  readonly pointer: string;
  readonly says: string;
}

/**
 * A package with exactly 200 distinct mistakes: twenty objects, ten with ten schema mistakes
 * each and ten with ten cross-check mistakes each (every object also has a good first field).
 */
export function manyMistakesPackage(): { pkg: AppPackage; expected: ExpectedProblem[] } {
  const files: Json = {
    'app.json': {
      id: 'mistakes',
      name: label('Mistakes'),
      version: '1.0.0',
      defaultLocale: 'en',
      defaultCountry: 'CN',
    },
  };
  const expected: ExpectedProblem[] = [];
  for (let i = 1; i <= 20; i++) {
    const id = `o${String(i).padStart(2, '0')}`;
    const file = `objects/${id}.json`;
    const mistakes = i <= 10 ? SCHEMA_MISTAKES : CROSS_MISTAKES;
    const fields = [{ name: 'base', type: 'text', label: label('base') }];
    mistakes.forEach((mistake, j) => {
      fields.push(mistake.field(`f${j}`) as (typeof fields)[number]);
      expected.push({ file, pointer: `/fields/${j + 1}${mistake.pointer}`, says: mistake.says });
    });
    files[file] = { id, label: label(id), fields };
  }
  return { pkg: { files }, expected };
}
