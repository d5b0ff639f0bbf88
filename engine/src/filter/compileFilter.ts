import type { CompiledObject } from '../compile/types.js';
import type { Problem, Result } from '../errors/types.js';
import { type SqlFragment, sql } from '../store/sql.js';
import { isPlainObject } from './isPlainObject.js';
import { jsonPointer } from './jsonPointer.js';
import { boundedRange, filterOperators, isFilterOperator } from './operators.js';
import { compileRecordCondition, isRecordCondition } from './recordConditions.js';
import { resolveField } from './resolveField.js';
import type { FilterOptions } from './types.js';

/** How deep `$and` / `$or` / `$not` may nest, and how many field conditions one filter may hold. */
export const FILTER_LIMITS = { depth: 16, conditions: 200 } as const;

/** Keys refused anywhere in a filter: they name prototypes, never fields. */
export const FILTER_FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const OPERATOR_LIST = Object.keys(filterOperators).join(', ');

interface Walk {
  readonly object: CompiledObject;
  readonly options: FilterOptions;
  readonly problems: Problem[];
  conditions: number;
}

const TRUE = sql`TRUE`;

function and(parts: readonly SqlFragment[]): SqlFragment {
  if (parts.length === 0) return TRUE;
  if (parts.length === 1) return parts[0]!;
  return sql`(${sql.join(parts, ' AND ')})`;
}

function countCondition(walk: Walk, path: string): boolean {
  walk.conditions += 1;
  if (walk.conditions === FILTER_LIMITS.conditions + 1) {
    walk.problems.push({ path, message: `a filter holds at most ${FILTER_LIMITS.conditions} conditions` });
  }
  return walk.conditions <= FILTER_LIMITS.conditions;
}

function compileField(walk: Walk, name: string, value: unknown, path: string): SqlFragment {
  const ref = resolveField(name, walk.object, walk.options);
  if (typeof ref === 'string') {
    walk.problems.push({ path, message: ref });
    return TRUE;
  }
  const conditions: [string, unknown, string][] = [];
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 || !keys.some((k) => k.startsWith('$'))) {
      walk.problems.push({ path, message: `expected a value or operators such as { "$eq": … } for "${name}"` });
      return TRUE;
    }
    for (const key of keys) {
      const at = jsonPointer(path, key);
      if (isFilterOperator(key)) conditions.push([key, value[key], at]);
      else if (key.startsWith('$'))
        walk.problems.push({ path: at, message: `unknown operator ${key}; use one of ${OPERATOR_LIST}` });
      else
        walk.problems.push({
          path: at,
          message: `"${key}" is not an operator; operators start with $ and plain keys cannot be mixed with them`,
        });
    }
  } else {
    conditions.push(['$eq', value, path]);
  }
  const parts: SqlFragment[] = [];
  const lower = conditions.filter(([op]) => op === '$gt' || op === '$gte');
  const upper = conditions.filter(([op]) => op === '$lt' || op === '$lte');
  if (lower.length === 1 && upper.length === 1) {
    const [l, u] = [lower[0]!, upper[0]!];
    const bounded = boundedRange(ref, [l[0] === '$gt' ? '>' : '>=', l[1]], [u[0] === '$lt' ? '<' : '<=', u[1]]);
    if (bounded !== null) {
      if (!countCondition(walk, l[2]) || !countCondition(walk, u[2])) return TRUE;
      parts.push(bounded);
      conditions.splice(0, conditions.length, ...conditions.filter((c) => c !== l && c !== u));
    }
  }
  for (const [operator, operatorValue, at] of conditions) {
    if (!countCondition(walk, at)) return TRUE;
    const compiled = filterOperators[operator as keyof typeof filterOperators].compile(
      ref,
      operatorValue,
      walk.options,
    );
    if (compiled.ok) parts.push(compiled.sql);
    else {
      const where = compiled.token === undefined ? at : jsonPointer(at, compiled.token);
      walk.problems.push({ path: where, message: `${name} ${operator}: ${compiled.message}` });
    }
  }
  return and(parts);
}

function compileList(walk: Walk, key: '$and' | '$or', value: unknown, path: string, depth: number): SqlFragment {
  if (!Array.isArray(value) || value.length === 0) {
    walk.problems.push({ path, message: `${key} takes a non-empty list of filters` });
    return TRUE;
  }
  const parts = value.map((item, i) => compileNode(walk, item, jsonPointer(path, i), depth + 1));
  if (key === '$and') return and(parts);
  return parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, ' OR ')})`;
}

/** `$stage`, `$mql`, `$related` (recordConditions.ts) compile nested filters within this walk's limits. */
function nestedContext(walk: Walk, depth: number) {
  return {
    object: walk.object,
    options: walk.options,
    problems: walk.problems,
    nested: (filter: unknown, object: CompiledObject, options: FilterOptions, path: string) => {
      const inner: Walk = { object, options, problems: walk.problems, conditions: walk.conditions };
      const fragment = compileNode(inner, filter, path, depth + 1);
      walk.conditions = inner.conditions;
      return fragment;
    },
  };
}

function compileNode(walk: Walk, node: unknown, path: string, depth: number): SqlFragment {
  if (!isPlainObject(node)) {
    walk.problems.push({ path, message: 'a filter must be a JSON object such as { "status": "new" }' });
    return TRUE;
  }
  if (depth > FILTER_LIMITS.depth) {
    walk.problems.push({ path, message: `filters nest at most ${FILTER_LIMITS.depth} levels deep` });
    return TRUE;
  }
  const parts: SqlFragment[] = [];
  for (const key of Object.keys(node)) {
    const at = jsonPointer(path, key);
    const value = node[key];
    if (walk.conditions > FILTER_LIMITS.conditions) break;
    if (FILTER_FORBIDDEN_KEYS.has(key))
      walk.problems.push({ path: at, message: `"${key}" is not allowed in a filter` });
    else if (key === '$and' || key === '$or') parts.push(compileList(walk, key, value, at, depth));
    else if (key === '$not') {
      // IS NOT TRUE, not NOT: a condition on an empty field is NULL, and NOT NULL would drop the row
      if (isPlainObject(value)) parts.push(sql`(${compileNode(walk, value, at, depth + 1)}) IS NOT TRUE`);
      else walk.problems.push({ path: at, message: '$not takes one filter object' });
    } else if (isRecordCondition(key)) {
      parts.push(compileRecordCondition(nestedContext(walk, depth), key, value, at));
    } else if (isFilterOperator(key)) {
      walk.problems.push({
        path: at,
        message: `${key} must follow a field name, as in { "<field>": { "${key}": … } }`,
      });
    } else if (key.startsWith('$')) {
      walk.problems.push({ path: at, message: `unknown operator ${key}; combine filters with $and, $or, $not` });
    } else parts.push(compileField(walk, key, value, at));
  }
  return and(parts);
}

/**
 * Compiles the JSON filter language (DESIGN.md, Data) for one object into a SQL condition on
 * `records`. Every bad input is a Problem with a JSON pointer into the filter (prefixed by
 * `options.path`); the SQL it returns cannot fail at run time on any stored data. `{}` (or no
 * filter at all, `undefined`) is TRUE.
 */
export function compileFilter(
  filter: unknown,
  object: CompiledObject,
  options: FilterOptions & { readonly path?: string } = {},
): Result<SqlFragment> {
  if (filter === undefined) return { ok: true, value: TRUE };
  const walk: Walk = { object, options, problems: [], conditions: 0 };
  const fragment = compileNode(walk, filter, options.path ?? '', 1);
  return walk.problems.length > 0 ? { ok: false, problems: walk.problems } : { ok: true, value: fragment };
}
