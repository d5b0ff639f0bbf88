import { type SqlFragment, sql } from '../store/sql.js';
import {
  type Checked,
  checkScalar,
  checkText,
  isTextLike,
  likeContains,
  listOperand,
  operand,
  rangeType,
} from './filterValue.js';
import { isRelativeRange, rangeDates, rangeInstants, resolveRelativeRange } from './relativeDates.js';
import type { FieldRef, FilterOperator, FilterOptions } from './types.js';

/** Longest list `$in` / `$nin` accept. */
export const FILTER_MAX_LIST = 1000;

/** An operator's SQL, or the sentence saying why it does not apply; `token` points inside a list value. */
export type FilterCondition =
  | { readonly ok: true; readonly sql: SqlFragment }
  | { readonly ok: false; readonly message: string; readonly token?: number };

/** One row of the operator table: everything the filter language knows about an operator. */
export interface FilterOperatorDefinition {
  readonly description: string;
  compile(ref: FieldRef, value: unknown, options?: FilterOptions): FilterCondition;
}

const done = (fragment: SqlFragment): FilterCondition => ({ ok: true, sql: fragment });
const refuse = (message: string, token?: number): FilterCondition =>
  token === undefined ? { ok: false, message } : { ok: false, message, token };

const isMultiselect = (ref: FieldRef) => ref.source === 'data' && ref.type === 'multiselect';

function absent(ref: FieldRef): SqlFragment {
  if (ref.source === 'data') return sql`(${ref.expr} IS NULL OR ${ref.expr} = 'null'::jsonb)`;
  return ref.nullable ? sql`${ref.expr} IS NULL` : sql`FALSE`;
}

function present(ref: FieldRef): SqlFragment {
  if (ref.source === 'data') return sql`(${ref.expr} IS NOT NULL AND ${ref.expr} <> 'null'::jsonb)`;
  return ref.nullable ? sql`${ref.expr} IS NOT NULL` : sql`TRUE`;
}

function checkOptionList(ref: FieldRef, value: unknown): Checked<unknown[]> {
  if (!Array.isArray(value)) return { ok: false, message: 'expected a list of options' };
  for (const item of value) {
    const checked = checkScalar(ref, item);
    if (!checked.ok) return checked;
  }
  return { ok: true, value };
}

/** Set equality for multiselect values: order and repeats do not matter. */
function sameOptions(ref: FieldRef, options: unknown[]): SqlFragment {
  const json = JSON.stringify(options);
  return sql`(${ref.expr} @> ${json}::jsonb AND ${ref.expr} <@ ${json}::jsonb)`;
}

function equals(ref: FieldRef, value: unknown): FilterCondition {
  if (isMultiselect(ref)) {
    const list = checkOptionList(ref, value);
    return list.ok ? done(sameOptions(ref, list.value)) : refuse(list.message);
  }
  const checked = checkScalar(ref, value);
  return checked.ok ? done(sql`${ref.expr} = ${operand(ref, checked.value)}`) : refuse(checked.message);
}

function within(ref: FieldRef, value: unknown): FilterCondition {
  if (!Array.isArray(value)) return refuse('expected a list of values');
  if (value.length > FILTER_MAX_LIST)
    return refuse(`a list holds at most ${FILTER_MAX_LIST} values, got ${value.length}`);
  const checked: unknown[] = [];
  for (const [i, item] of value.entries()) {
    if (item === null) return refuse('null cannot be listed; use $exists for missing values', i);
    const c = checkScalar(ref, item);
    if (!c.ok) return refuse(c.message, i);
    checked.push(c.value);
  }
  if (isMultiselect(ref)) {
    // multiselect: "has any of" the listed options
    const json = JSON.stringify(checked);
    return done(
      sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${json}::jsonb) AS o(v) WHERE ${ref.expr} @> jsonb_build_array(o.v))`,
    );
  }
  return done(sql`${ref.expr} = ANY (${listOperand(ref, checked)})`);
}

function range(symbol: '>' | '>=' | '<' | '<='): FilterOperatorDefinition['compile'] {
  return (ref, value) => {
    const guard = rangeType(ref);
    if (guard === null) {
      const what = ref.source === 'data' ? `a ${ref.type}` : 'an id';
      return refuse(`order comparisons do not apply to ${what} field`);
    }
    const checked = checkScalar(ref, value);
    if (!checked.ok) return refuse(checked.message);
    const comparison = sql`${ref.expr} ${rangeSymbol[symbol]} ${operand(ref, checked.value)}`;
    if (guard === 'column') return done(comparison);
    // jsonb orders across types (a string is below any number): compare only values of the field's type
    return done(sql`(jsonb_typeof(${ref.expr}) = ${guard} AND ${comparison})`);
  };
}

const rangeSymbol = { '>': sql`>`, '>=': sql`>=`, '<': sql`<`, '<=': sql`<=` } as const;

/**
 * A lower and an upper bound on one jsonb field, both of the field's type: jsonb orders each type in
 * its own band, so the pair admits only that type and needs no type guard (the guard would also hide
 * the expression index's statistics from the planner). Null when the pair does not compile that way.
 */
export function boundedRange(
  ref: FieldRef,
  lower: readonly ['>' | '>=', unknown],
  upper: readonly ['<' | '<=', unknown],
): SqlFragment | null {
  const guard = rangeType(ref);
  if (guard === null || guard === 'column') return null;
  const from = checkScalar(ref, lower[1]);
  const to = checkScalar(ref, upper[1]);
  if (!from.ok || !to.ok) return null;
  return sql`(${ref.expr} ${rangeSymbol[lower[0]]} ${operand(ref, from.value)} AND ${ref.expr} ${rangeSymbol[upper[0]]} ${operand(ref, to.value)})`;
}

/** `$within: "last_30_days"`: the named range resolved at the run's time and zone, as `$gte` and `$lt`. */
function withinRange(ref: FieldRef, value: unknown, options: FilterOptions = {}): FilterCondition {
  const dated = ref.source === 'system' ? ref.kind === 'timestamptz' : ref.type === 'date' || ref.type === 'datetime';
  if (!dated) return refuse('$within applies to date and date-time fields');
  if (!isRelativeRange(value)) return refuse(`expected a named range such as "last_30_days" or "this_month"`);
  if (options.now === undefined) return refuse('relative dates cannot be used here (no run time)');
  const zone = options.timeZone ?? 'UTC';
  const resolved = resolveRelativeRange(value, options.now, zone);
  const bounds =
    ref.source === 'data' && ref.type === 'date'
      ? rangeDates(resolved, zone)
      : (({ from, to }) => ({ from: from.toISOString(), to: to.toISOString() }))(rangeInstants(resolved, zone));
  const bounded = boundedRange(ref, ['>=', bounds.from], ['<', bounds.to]);
  if (bounded !== null) return done(bounded);
  const from = range('>=')(ref, bounds.from);
  const to = range('<')(ref, bounds.to);
  if (!from.ok) return from;
  if (!to.ok) return to;
  return done(sql`(${from.sql} AND ${to.sql})`);
}

/** The whole filter language's operator table; nothing else knows an operator's name. */
export const filterOperators: Readonly<Record<FilterOperator, FilterOperatorDefinition>> = {
  $eq: {
    description: 'equals; null means the field is empty',
    compile: (ref, value) => (value === null ? done(absent(ref)) : equals(ref, value)),
  },
  $ne: {
    description: 'differs from (an empty field differs from every value); null means the field is filled',
    compile: (ref, value) => {
      if (value === null) return done(present(ref));
      const eq = equals(ref, value);
      if (!eq.ok) return eq;
      return done(sql`(${eq.sql}) IS NOT TRUE`);
    },
  },
  $in: { description: 'equals one of a list (multiselect: has any of)', compile: within },
  $nin: {
    description: 'equals none of a list (an empty field matches)',
    compile: (ref, value) => {
      const inList = within(ref, value);
      return inList.ok ? done(sql`(${inList.sql}) IS NOT TRUE`) : inList;
    },
  },
  $gt: { description: 'greater than (numbers, dates, date-times, version)', compile: range('>') },
  $gte: { description: 'greater than or equal', compile: range('>=') },
  $lt: { description: 'less than', compile: range('<') },
  $lte: { description: 'less than or equal', compile: range('<=') },
  $contains: {
    description: 'text: contains the substring, ignoring case; multiselect: has all the given options',
    compile: (ref, value) => {
      if (isMultiselect(ref)) {
        const list = checkOptionList(ref, Array.isArray(value) ? value : [value]);
        return list.ok ? done(sql`${ref.expr} @> ${JSON.stringify(list.value)}::jsonb`) : refuse(list.message);
      }
      if (!isTextLike(ref)) return refuse('$contains applies to text and multiselect fields');
      const text = checkText(value);
      if (!text.ok) return refuse(text.message);
      return done(
        sql`(jsonb_typeof(${ref.expr}) = 'string' AND (${ref.expr} #>> '{}') ILIKE ${likeContains(text.value)})`,
      );
    },
  },
  $within: {
    description: 'a date or date-time inside a named range relative to now: "last_30_days", "this_month"…',
    compile: withinRange,
  },
  $exists: {
    description: 'true: the field has a value; false: it is empty',
    compile: (ref, value) => {
      if (typeof value !== 'boolean') return refuse('expected true or false');
      return done(value ? present(ref) : absent(ref));
    },
  },
};

export function isFilterOperator(key: string): key is FilterOperator {
  return Object.hasOwn(filterOperators, key);
}
