// The hostile battery's inputs: rules an attacker or a careless template could publish, and data
// built to make evaluation slow, large or leaky.

/** How a hostile rule must end: refused at publish, stopped by a limit, failed on this data, or any plain JSON. */
export type Expected = 'refused' | 'limit' | 'error' | 'json' | { readonly value: unknown };

export interface HostileCase {
  readonly description: string;
  readonly rule: unknown;
  readonly expected: Expected;
}

function nest(depth: number, wrap: (inner: unknown) => unknown, core: unknown): unknown {
  let rule = core;
  for (let i = 0; i < depth; i++) rule = wrap(rule);
  return rule;
}

class Account {
  balance = 1;
}

function cyclic(): unknown {
  const rule: Record<string, unknown> = { and: [] };
  (rule['and'] as unknown[]).push(rule);
  return rule;
}

function sparse(): unknown {
  const list: unknown[] = [1];
  list[5] = 2;
  return { in: [1, list] };
}

const bigLiteral = Array.from({ length: 1_000_000 }, (_, i) => i);

/** Names that reach prototypes, constructors or host methods when a property read is not own-only. */
export const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'constructor.prototype',
  'constructor.constructor',
  '__proto__.__proto__',
  '__proto__.polluted',
  'a.__proto__.polluted',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'tags.map',
  'tags.constructor',
  'tags.constructor.constructor',
  'tags.__proto__',
  'name.constructor.constructor',
  'name.toUpperCase',
  'name.__proto__',
  'count.toFixed',
  'count.constructor',
  'flag.valueOf',
  'tags.push',
  'name.replace',
] as const;

/** Rule shapes each hostile name is tried in (as a var path, a default, a missing key, a scope, an operator name). */
export const HOSTILE_TEMPLATES: readonly [string, (name: string) => unknown][] = [
  ['a var path', (name) => ({ var: name })],
  ['a var path with a default', (name) => ({ var: [name, 'fallback'] })],
  ['a missing key', (name) => ({ missing: [name] })],
  ['a var inside map', (name) => ({ map: [{ var: 'tags' }, { var: name }] })],
  ['a reduce accumulator path', (name) => ({ reduce: [{ var: 'tags' }, { var: `accumulator.${name}` }, {}] })],
  ['an operator name', (name) => ({ [name]: [1, 2] })],
  [
    'a computed var path',
    (name) => ({
      var: { cat: [name.split('.')[0]!, name.includes('.') ? `.${name.split('.').slice(1).join('.')}` : ''] },
    }),
  ],
];

export const HANDWRITTEN: readonly HostileCase[] = [
  // Prototypes and constructors
  { description: '{"var":"__proto__"} answers null', rule: { var: '__proto__' }, expected: { value: null } },
  { description: '{"var":"constructor"} answers null', rule: { var: 'constructor' }, expected: { value: null } },
  {
    description: '{"var":"constructor.prototype"} answers null',
    rule: { var: 'constructor.prototype' },
    expected: { value: null },
  },
  {
    description: '{"var":"a.__proto__.polluted"} answers null',
    rule: { var: 'a.__proto__.polluted' },
    expected: { value: null },
  },
  {
    description: 'a default stands in for an inherited name',
    rule: { var: ['toString', 'd'] },
    expected: { value: 'd' },
  },
  {
    description: 'an own "__proto__" key in JSON data is plain data',
    rule: { var: 'protoKey.__proto__.polluted' },
    expected: { value: 'yes' },
  },
  {
    description: 'a literal object with a "__proto__" key stays data',
    rule: JSON.parse('{"a":1,"__proto__":{"polluted":true}}'),
    expected: 'json',
  },
  {
    description: 'a one-key {"__proto__": …} is an unknown operator',
    rule: JSON.parse('{"__proto__":[1]}'),
    expected: 'refused',
  },
  // Operators that do not exist here
  { description: '{"method": …} is refused', rule: { method: [{ var: 'name' }, 'toUpperCase'] }, expected: 'refused' },
  {
    description: '{"method": …} reaching a constructor is refused',
    rule: { method: [{ var: 'name' }, 'constructor'] },
    expected: 'refused',
  },
  { description: '{"log": …} is refused (no I/O)', rule: { log: 'x' }, expected: 'refused' },
  { description: 'a dotted operator name is refused', rule: { 'Math.max': [1, 2] }, expected: 'refused' },
  { description: 'an empty operator name is refused', rule: { '': [1] }, expected: 'refused' },
  {
    description: 'an unknown operator deep inside is refused',
    rule: { and: [true, { or: [{ eval: ['1'] }] }] },
    expected: 'refused',
  },
  { description: 'an operator named "apply" is refused', rule: { apply: [1] }, expected: 'refused' },
  { description: 'an operator named "call" is refused', rule: { call: [1] }, expected: 'refused' },
  // Arity
  { description: '"==" with no arguments is refused', rule: { '==': [] }, expected: 'refused' },
  { description: '"map" with one argument is refused', rule: { map: [[1]] }, expected: 'refused' },
  {
    description: '"and" with no arguments (json-logic-js answers undefined) is refused',
    rule: { and: [] },
    expected: 'refused',
  },
  // Size and depth at publish time
  {
    description: 'nesting 10,000 "!" deep is refused',
    rule: nest(10_000, (r) => ({ '!': r }), true),
    expected: 'refused',
  },
  {
    description: 'nesting 10,000 "and" deep is refused',
    rule: nest(10_000, (r) => ({ and: [r] }), true),
    expected: 'refused',
  },
  { description: 'nesting 10,000 arrays deep is refused', rule: nest(10_000, (r) => [r], 1), expected: 'refused' },
  {
    description: 'nesting 10,000 vars deep is refused',
    rule: nest(10_000, (r) => ({ var: r }), 'a'),
    expected: 'refused',
  },
  { description: 'nesting 33 deep is refused', rule: nest(33, (r) => [r], 1), expected: 'refused' },
  { description: 'a literal array of 1,000,000 items is refused', rule: { in: [1, bigLiteral] }, expected: 'refused' },
  { description: 'merge of 1,000,000 literal items is refused', rule: { merge: bigLiteral }, expected: 'refused' },
  {
    description: 'a literal array of 1,001 items is refused',
    rule: { in: [1, bigLiteral.slice(0, 1001)] },
    expected: 'refused',
  },
  {
    description: 'more than 2,000 values is refused',
    rule: { and: Array.from({ length: 700 }, () => ({ '==': [1, 1] })) },
    expected: 'refused',
  },
  { description: 'a string of 10,001 characters is refused', rule: { cat: ['x'.repeat(10_001)] }, expected: 'refused' },
  {
    description: 'a literal object with 1,001 keys is refused',
    rule: Object.fromEntries(bigLiteral.slice(0, 1001).map((i) => [`k${i}`, i])),
    expected: 'refused',
  },
  // Not JSON
  { description: 'undefined is refused', rule: undefined, expected: 'refused' },
  { description: 'a function is refused', rule: () => 1, expected: 'refused' },
  { description: 'a function as an argument is refused', rule: { '==': [() => 1, 1] }, expected: 'refused' },
  { description: 'a symbol is refused', rule: Symbol('x'), expected: 'refused' },
  { description: 'a bigint is refused', rule: 10n, expected: 'refused' },
  { description: 'NaN in a rule is refused', rule: { '+': [Number.NaN, 1] }, expected: 'refused' },
  {
    description: 'Infinity in a rule is refused',
    rule: { '>': [{ var: 'count' }, Number.POSITIVE_INFINITY] },
    expected: 'refused',
  },
  { description: 'a Date is refused', rule: { '==': [new Date(0), 1] }, expected: 'refused' },
  { description: 'a RegExp is refused', rule: { in: [/a+$/, 'aaa'] }, expected: 'refused' },
  { description: 'a Map is refused', rule: new Map([['var', 'a']]), expected: 'refused' },
  { description: 'a class instance is refused', rule: { '==': [new Account(), 1] }, expected: 'refused' },
  {
    description: 'an object inheriting from another is refused',
    rule: Object.create({ var: 'a' }),
    expected: 'refused',
  },
  {
    description: 'a getter is refused',
    rule: {
      get var() {
        return 'name';
      },
    },
    expected: 'refused',
  },
  { description: 'a cyclic rule is refused', rule: cyclic(), expected: 'refused' },
  { description: 'a sparse array is refused', rule: sparse(), expected: 'refused' },
  { description: 'a symbol-keyed object is refused', rule: { [Symbol('var')]: 'a', x: 1 }, expected: 'refused' },
  // Plain scalars and literals are fine
  { description: 'a string rule answers itself', rule: 'hello', expected: { value: 'hello' } },
  { description: 'null answers null', rule: null, expected: { value: null } },
  { description: 'an empty object answers {}', rule: {}, expected: { value: {} } },
  // Run-time bombs over hostile data
  {
    description: 'map over a 1,000,000-item array stops at the limit',
    rule: { map: [{ var: 'big' }, { var: '' }] },
    expected: 'limit',
  },
  {
    description: 'a cat string bomb in map stops at the limit',
    rule: { map: [{ var: 'big' }, { cat: [{ var: '' }, { var: '' }] }] },
    expected: 'limit',
  },
  { description: 'filter over 1,000,000 items stops', rule: { filter: [{ var: 'big' }, true] }, expected: 'limit' },
  { description: 'some over 1,000,000 items stops', rule: { some: [{ var: 'big' }, { var: '' }] }, expected: 'limit' },
  { description: 'all over 1,000,000 items stops', rule: { all: [{ var: 'big' }, true] }, expected: 'limit' },
  { description: 'none over 1,000,000 items stops', rule: { none: [{ var: 'big' }, false] }, expected: 'limit' },
  {
    description: 'reduce over 1,000,000 items stops',
    rule: { reduce: [{ var: 'big' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] },
    expected: 'limit',
  },
  {
    description: 'a reduce that doubles a string each step stops at the string limit',
    rule: { reduce: [{ var: 'ten' }, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'xy'] },
    expected: 'limit',
  },
  {
    description: 'a reduce that doubles an array each step stops at the array limit',
    rule: { reduce: [{ var: 'ten' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] },
    expected: 'limit',
  },
  {
    description: 'a reduce that nests shared arrays (exponential text) is stopped before it is returned',
    rule: { reduce: [{ var: 'ten' }, [{ var: 'accumulator' }, { var: 'accumulator' }], []] },
    expected: 'limit',
  },
  {
    description: 'comparing an exponential shared structure to a string stops',
    rule: { '==': [{ reduce: [{ var: 'fifty' }, [{ var: 'accumulator' }, { var: 'accumulator' }], []] }, 'x'] },
    expected: 'limit',
  },
  {
    description: 'cat of an exponential shared structure stops',
    rule: { cat: [{ reduce: [{ var: 'fifty' }, [{ var: 'accumulator' }, { var: 'accumulator' }], [1]] }] },
    expected: 'limit',
  },
  {
    description: 'missing over an exponential shared structure stops',
    rule: { missing: { reduce: [{ var: 'fifty' }, [{ var: 'accumulator' }, { var: 'accumulator' }], ['a']] } },
    expected: 'limit',
  },
  {
    description: 'a var path built from an exponential structure stops',
    rule: { var: { reduce: [{ var: 'fifty' }, [{ var: 'accumulator' }, { var: 'accumulator' }], ['a']] } },
    expected: 'limit',
  },
  {
    description: 'merge of two 1,000,000-item arrays stops',
    rule: { merge: [{ var: 'big' }, { var: 'big' }] },
    expected: 'limit',
  },
  {
    description: 'merge bomb of a 10,000-item array with itself stops',
    rule: { merge: [{ var: 'ten' }, { var: 'ten' }] },
    expected: 'limit',
  },
  { description: 'cat of a 1,000,000-item array stops', rule: { cat: [{ var: 'big' }] }, expected: 'limit' },
  { description: 'missing over 1,000,000 keys stops', rule: { missing: { var: 'big' } }, expected: 'limit' },
  {
    description: 'missing_some over 1,000,000 keys stops',
    rule: { missing_some: [1, { var: 'big' }] },
    expected: 'limit',
  },
  { description: 'returning a 1,000,000-item array stops', rule: { var: 'big' }, expected: 'limit' },
  {
    description: 'nested map over 200 × 200 items stays within the step budget',
    rule: { map: [{ var: 'grid' }, { map: [{ var: '' }, { '+': [{ var: '' }, 1] }] }] },
    expected: 'json',
  },
  {
    description: 'nested loops over 120 × 120 × 120 items pass the step budget and stop',
    rule: { map: [{ var: 'wide' }, { map: [{ var: '' }, { map: [{ var: '' }, 1] }] }] },
    expected: 'limit',
  },
  { description: 'in over 1,000,000 items answers', rule: { in: ['x', { var: 'big' }] }, expected: { value: false } },
  {
    description: 'a 1,000,000-character string is data like any other',
    rule: { substr: [{ var: 'hugeString' }, 0, 3] },
    expected: { value: 'xxx' },
  },
  {
    description: 'a 5,000-segment path answers null',
    rule: { var: Array.from({ length: 5000 }, () => 'a').join('.') },
    expected: { value: null },
  },
  {
    description: 'a deeply nested data array turned into text stops',
    rule: { cat: [{ var: 'deepList' }] },
    expected: 'limit',
  },
  // Data that throws in JavaScript's own coercions
  {
    description: 'comparing to an object whose valueOf/toString keys are strings fails for that record',
    rule: { '==': [{ var: 'evil' }, 1] },
    expected: 'error',
  },
  {
    description: 'in over an object with an "indexOf" key fails for that record',
    rule: { in: ['x', { var: 'withIndexOf' }] },
    expected: 'error',
  },
  {
    description: 'missing with a one-key object key never runs data as a rule',
    rule: { missing: { var: 'ruleShaped' } },
    expected: 'error',
  },
  // NaN and Infinity in data
  { description: 'NaN data adds up to NaN', rule: { '+': [{ var: 'nan' }, 1] }, expected: { value: Number.NaN } },
  { description: 'Infinity data compares', rule: { '>': [{ var: 'inf' }, 1e308] }, expected: { value: true } },
  { description: 'division by zero is Infinity', rule: { '/': [1, 0] }, expected: { value: Number.POSITIVE_INFINITY } },
  { description: 'max of nothing is -Infinity', rule: { max: [] }, expected: { value: Number.NEGATIVE_INFINITY } },
  { description: 'Infinity times 0 is NaN', rule: { '*': [{ var: 'inf' }, 0] }, expected: { value: Number.NaN } },
  { description: 'between on NaN is false', rule: { between: [{ var: 'nan' }, 0, 10] }, expected: { value: false } },
  {
    description: 'daysSince on a constructor name is null',
    rule: { daysSince: [{ var: 'constructor' }] },
    expected: { value: null },
  },
  // Custom operators on hostile input
  {
    description: 'freemail on a 1,000,000-item array is false',
    rule: { freemail: [{ var: 'big' }] },
    expected: { value: false },
  },
  {
    description: 'domain of a 9,999-character string is null',
    rule: { domain: ['x'.repeat(9_999)] },
    expected: { value: null },
  },
  {
    description: 'domain of a huge data string is null',
    rule: { domain: [{ var: 'hugeString' }] },
    expected: { value: null },
  },
  {
    description: 'contains over 1,000,000 items answers',
    rule: { contains: [{ var: 'big' }, 5] },
    expected: { value: true },
  },
  {
    description: 'startsWith on a huge string answers',
    rule: { startsWith: [{ var: 'hugeString' }, 'xx'] },
    expected: { value: true },
  },
];

let hostileData: Record<string, unknown> | undefined;

/** One record holding every hostile shape (built once: the 1,000,000-item arrays are shared). */
export function hostileRecord(): Record<string, unknown> {
  if (hostileData) return hostileData;
  let deepList: unknown = [1];
  for (let i = 0; i < 200_000; i++) deepList = [deepList];
  hostileData = {
    name: 'Ann',
    email: 'ann@qq.com',
    tags: ['vip', 'event'],
    count: 5,
    flag: true,
    a: { b: 1 },
    big: Array.from({ length: 1_000_000 }, (_, i) => i),
    ten: Array.from({ length: 10_000 }, (_, i) => i),
    fifty: Array.from({ length: 50 }, (_, i) => i),
    grid: Array.from({ length: 200 }, () => Array.from({ length: 200 }, (_, i) => i)),
    wide: Array.from({ length: 120 }, () => Array.from({ length: 120 }, () => Array.from({ length: 120 }, () => 1))),
    hugeString: 'x'.repeat(1_000_000),
    deepList,
    nan: Number.NaN,
    inf: Number.POSITIVE_INFINITY,
    ninf: Number.NEGATIVE_INFINITY,
    evil: { valueOf: 'x', toString: 'y' },
    withIndexOf: { indexOf: 1 },
    ruleShaped: [{ var: 'email' }],
    protoKey: JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  };
  return hostileData;
}

/** Other data a rule may be handed: nothing, scalars, an array, NaN, an object with an own "__proto__". */
export const ODD_DATA: readonly unknown[] = [
  {},
  null,
  undefined,
  'text',
  42,
  Number.NaN,
  true,
  [1, 'a', null],
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
];
