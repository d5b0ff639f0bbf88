import type { Prng } from './prng.js';

/** What `{"var": …}` reads at this point of a rule: the record, a `visits` item, a scalar item, or reduce's pair. */
type Scope = 'record' | 'visit' | 'scalar' | 'reduce';

const RECORD_PATHS = [
  'name',
  'email',
  'website',
  'industry',
  'role',
  'employees',
  'revenue',
  'consent',
  'score',
  'created_at',
  'company',
  'company.name',
  'company.size',
  'company.country',
  'utm.source',
  'utm.medium',
  'geo',
  'geo.city',
  'tags',
  'tags.0',
  'tags.1',
  'tags.length',
  'visits',
  'visits.0.page',
  'visits.1.seconds',
  'numbers',
  'numbers.2',
  'matrix.0.1',
  'name.0',
  'email.length',
  'nope',
  'company.nope.deeper',
];
const SCOPE_PATHS: Record<Scope, readonly string[]> = {
  record: RECORD_PATHS,
  visit: ['page', 'seconds', 'bounced', '', 'page.length', 'nope'],
  scalar: ['', '0', 'length', 'nope'],
  reduce: ['current', 'accumulator', 'current.seconds', 'current.page', 'accumulator.0', 'nope'],
};

/**
 * Literal strings rules use. None is the name of an inherited property of an object, array, string,
 * number or boolean other than `length` (own on strings and arrays): the one documented difference
 * (own-property `var`) stays out of the differential, and a test checks this list keeps to that.
 */
export const STRINGS = [
  'saas',
  'manufacturing',
  'ceo',
  'cto',
  'vp',
  'retail',
  'a',
  'b',
  '',
  '0',
  '1',
  '10',
  '-1',
  '1.5',
  ' 2 ',
  'abc',
  'Acme',
  'acme.com',
  'ann@qq.com',
  'bo@acme.com',
  '2026-01-15',
  'true',
  'null',
  '/pricing',
  '中文',
  'x,y',
  'company',
  '.',
  'name',
  'tags',
];
const NUMBERS = [0, 1, -1, 2, 3.5, -2.25, 10, 100, 500, 1e21, 0.1, 7, -0, 3];
const LITERALS: readonly unknown[] = [
  null,
  true,
  false,
  [],
  [1, 2],
  ['saas', 'retail'],
  [[1], 'a'],
  {},
  { a: 1, b: 'x' },
];
const DATES = ['2026-01-15', '2025-06-01T12:00:00Z', '2026-03-01', 'soon', ''];

/** Every operator the generator writes, standard and built-in custom; the test checks each one appears. */
export const GENERATED_OPERATORS = [
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '>',
  '>=',
  '<',
  '<=',
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  'map',
  'reduce',
  'filter',
  'all',
  'none',
  'some',
  'merge',
  'in',
  'cat',
  'substr',
  'freemail',
  'domain',
  'daysSince',
  'contains',
  'startsWith',
  'between',
] as const;

type Operator = (typeof GENERATED_OPERATORS)[number];

export function ruleGenerator(r: Prng) {
  const many = (min: number, max: number, make: () => unknown) => Array.from({ length: r.int(min, max) }, make);

  function literal(): unknown {
    const roll = r.next();
    if (roll < 0.45) return r.pick(STRINGS);
    if (roll < 0.8) return r.pick(NUMBERS);
    return structuredClone(r.pick(LITERALS));
  }

  function varRule(scope: Scope, depth: number): unknown {
    const path = r.pick(SCOPE_PATHS[scope]);
    const roll = r.next();
    if (roll < 0.55) return { var: path };
    if (roll < 0.75) return { var: [path] };
    if (roll < 0.88) return { var: [path, literal()] };
    if (roll < 0.92) return { var: [] };
    if (roll < 0.95) return { var: r.int(0, 2) };
    if (depth > 0)
      return {
        var: {
          cat: [
            r.pick(['company', 'utm', 'tags', 'current']),
            r.pick(['.', '']),
            r.pick(['name', 'source', '0', 'seconds']),
          ],
        },
      };
    return { var: path };
  }

  function leaf(scope: Scope, depth: number): unknown {
    return r.chance(0.6) ? varRule(scope, depth) : literal();
  }

  function arrayish(scope: Scope, depth: number): unknown {
    const roll = r.next();
    if (scope === 'record' && roll < 0.5)
      return { var: r.pick(['tags', 'visits', 'numbers', 'matrix', 'company', 'nope', 'name']) };
    if (roll < 0.65)
      return structuredClone(r.pick([[1, 2, 3], ['saas', 'vp'], [], [0, '', null, 'x'], [{ page: '/a', seconds: 3 }]]));
    if (roll < 0.8) return { merge: many(0, 3, () => (r.chance(0.5) ? [literal(), literal()] : leaf(scope, depth))) };
    return expr(scope, depth - 1);
  }

  function itemScope(list: unknown): Scope {
    return JSON.stringify(list).includes('visits') || JSON.stringify(list).includes('page') ? 'visit' : 'scalar';
  }

  const operators: Record<Operator, (scope: Scope, depth: number) => unknown> = {
    var: (scope, depth) => varRule(scope, depth),
    missing: (scope) => {
      const paths = SCOPE_PATHS[scope];
      const roll = r.next();
      if (roll < 0.4) return { missing: many(0, 3, () => r.pick(paths)) };
      if (roll < 0.7) return { missing: [many(0, 3, () => r.pick(paths))] };
      if (roll < 0.85) return { missing: r.pick(paths) };
      return { missing: { var: r.pick(['tags', 'company', 'nope', 'numbers']) } };
    },
    missing_some: (scope) => ({
      missing_some: [r.int(0, 3), r.chance(0.85) ? many(0, 4, () => r.pick(SCOPE_PATHS[scope])) : leaf(scope, 0)],
    }),
    if: (scope, depth) => ({ if: many(0, 6, () => sub(scope, depth)) }),
    '?:': (scope, depth) => ({ '?:': many(1, 3, () => sub(scope, depth)) }),
    '==': (scope, depth) => binary('==', scope, depth),
    '===': (scope, depth) => binary('===', scope, depth),
    '!=': (scope, depth) => binary('!=', scope, depth),
    '!==': (scope, depth) => binary('!==', scope, depth),
    '!': (scope, depth) => {
      // The unary shorthand {"!": x} only when x is not an array (an array would be the argument list).
      const arg = sub(scope, depth);
      return r.chance(0.5) && !Array.isArray(arg) ? { '!': arg } : { '!': [arg] };
    },
    '!!': (scope, depth) => ({ '!!': [sub(scope, depth)] }),
    or: (scope, depth) => ({ or: many(1, 4, () => sub(scope, depth)) }),
    and: (scope, depth) => ({ and: many(1, 4, () => sub(scope, depth)) }),
    '>': (scope, depth) => binary('>', scope, depth),
    '>=': (scope, depth) => binary('>=', scope, depth),
    '<': (scope, depth) => ({ '<': many(2, 3, () => sub(scope, depth)) }),
    '<=': (scope, depth) => ({ '<=': many(2, 3, () => sub(scope, depth)) }),
    max: (scope, depth) => ({ max: many(0, 3, () => sub(scope, depth)) }),
    min: (scope, depth) => ({ min: many(0, 3, () => sub(scope, depth)) }),
    '+': (scope, depth) => ({ '+': many(0, 4, () => sub(scope, depth)) }),
    '-': (scope, depth) => ({ '-': many(1, 2, () => sub(scope, depth)) }),
    '*': (scope, depth) => ({ '*': many(1, 3, () => sub(scope, depth)) }),
    '/': (scope, depth) => binary('/', scope, depth),
    '%': (scope, depth) => binary('%', scope, depth),
    map: (scope, depth) => scoped('map', scope, depth),
    filter: (scope, depth) => scoped('filter', scope, depth),
    all: (scope, depth) => scoped('all', scope, depth),
    none: (scope, depth) => scoped('none', scope, depth),
    some: (scope, depth) => scoped('some', scope, depth),
    reduce: (scope, depth) => {
      const list = arrayish(scope, depth);
      const body = sub('reduce', depth);
      return { reduce: r.chance(0.7) ? [list, body, sub(scope, depth)] : [list, body] };
    },
    merge: (scope, depth) => ({
      merge: many(0, 3, () => (r.chance(0.4) ? arrayish(scope, depth) : sub(scope, depth))),
    }),
    in: (scope, depth) => {
      const haystack = r.pick<() => unknown>([
        () => structuredClone(r.pick([['saas', 'manufacturing'], ['ceo', 'cto', 'vp'], [1, '1', null], []])),
        () => r.pick(STRINGS),
        () => ({ var: r.pick(SCOPE_PATHS[scope]) }),
        () => sub(scope, depth),
      ])();
      return { in: [sub(scope, depth), haystack] };
    },
    cat: (scope, depth) => ({ cat: many(0, 4, () => sub(scope, depth)) }),
    substr: (scope, depth) => {
      const index = () => (r.chance(0.8) ? r.int(-5, 6) : sub(scope, depth));
      return { substr: r.chance(0.5) ? [sub(scope, depth), index()] : [sub(scope, depth), index(), index()] };
    },
    freemail: (scope, depth) => ({ freemail: [r.chance(0.7) ? { var: 'email' } : sub(scope, depth)] }),
    domain: (scope, depth) => ({ domain: [r.chance(0.7) ? { var: r.pick(['email', 'website']) } : sub(scope, depth)] }),
    daysSince: (scope, depth) => ({
      daysSince: [r.chance(0.5) ? { var: 'created_at' } : r.chance(0.7) ? r.pick(DATES) : sub(scope, depth)],
    }),
    contains: (scope, depth) => ({
      contains: [r.chance(0.5) ? { var: r.pick(['tags', 'email', 'name']) } : sub(scope, depth), sub(scope, depth)],
    }),
    startsWith: (scope, depth) => ({
      startsWith: [sub(scope, depth), r.chance(0.6) ? r.pick(STRINGS) : sub(scope, depth)],
    }),
    between: (scope, depth) => ({
      between: r.chance(0.5)
        ? [sub(scope, depth), r.pick(NUMBERS), r.pick(NUMBERS)]
        : [{ var: 'created_at' }, r.pick(DATES), r.pick(DATES)],
    }),
  };

  function binary(op: string, scope: Scope, depth: number): unknown {
    return { [op]: [sub(scope, depth), sub(scope, depth)] };
  }

  function scoped(op: string, scope: Scope, depth: number): unknown {
    const list = arrayish(scope, depth);
    return { [op]: [list, sub(itemScope(list), depth)] };
  }

  function sub(scope: Scope, depth: number): unknown {
    return depth <= 0 || r.chance(0.35) ? leaf(scope, depth) : expr(scope, depth - 1);
  }

  function expr(scope: Scope, depth: number): unknown {
    if (depth < 0) return leaf(scope, 0);
    return operators[r.pick(GENERATED_OPERATORS)](scope, depth);
  }

  /** A rule over a lead record: an operation at the top, up to `depth` operations deep. */
  return (depth = 4): unknown => operators[r.pick(GENERATED_OPERATORS)]('record', depth);
}
