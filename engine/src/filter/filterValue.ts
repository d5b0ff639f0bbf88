import { type SqlFragment, sql } from '../store/sql.js';
import { isIsoDate, parseIsoDatetime } from './isoDatetime.js';
import { isUuid } from './isUuid.js';
import type { FieldRef } from './types.js';

/** A value checked against a field, or the sentence saying why it does not fit. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const MAX_TEXT = 10_000;
const LONE_SURROGATE = /\p{Cs}/u;
const TEXT_TYPES: ReadonlySet<string> = new Set(['text', 'longtext', 'email', 'phone', 'url', 'user', 'reference']);

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = (message: string): Checked<never> => ({ ok: false, message });

/** PostgreSQL text and jsonb cannot hold NUL or unpaired surrogates: refuse them here, not as a SQL error later. */
export function checkText(value: unknown): Checked<string> {
  if (typeof value !== 'string') return fail('expected a string');
  if (value.includes('\u0000')) return fail('text cannot contain the NUL character (\\u0000)');
  if (LONE_SURROGATE.test(value)) return fail('text contains an unpaired UTF-16 surrogate');
  if (value.length > MAX_TEXT) return fail(`text is longer than ${MAX_TEXT} characters`);
  return ok(value);
}

function checkDate(value: unknown): Checked<string> {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return fail('expected a date like "2024-05-31"');
  return isIsoDate(value) ? ok(value) : fail(`"${value}" is not a calendar date`);
}

/** Normalised to `toISOString()` so it compares as text with stored date-times in the same form. */
export function checkDatetime(value: unknown): Checked<string> {
  const date = parseIsoDatetime(value);
  if (date === null) return fail('expected a date-time with a time zone like "2024-05-31T09:30:00Z"');
  return ok(date.toISOString());
}

function checkNumber(value: unknown, integer: boolean): Checked<number> {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail('expected a number');
  if (integer && !Number.isSafeInteger(value)) return fail('expected an integer');
  return ok(value);
}

function checkOption(value: unknown, options: readonly string[]): Checked<string> {
  if (typeof value === 'string' && options.includes(value)) return ok(value);
  const shown = options.slice(0, 10).map((o) => JSON.stringify(o));
  return fail(`expected one of ${shown.join(', ')}${options.length > 10 ? ', …' : ''}`);
}

/** Checks one scalar against the field's type; multiselect fields take one of their options. */
export function checkScalar(ref: FieldRef, value: unknown): Checked<unknown> {
  if (ref.source === 'system') {
    switch (ref.kind) {
      case 'uuid':
        return isUuid(value) ? ok(value.toLowerCase()) : fail('expected a UUID');
      case 'timestamptz':
        return checkDatetime(value);
      case 'int':
        return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2 ** 31 - 1
          ? ok(value)
          : fail('expected an integer');
    }
  }
  switch (ref.type) {
    case 'number':
    case 'currency':
      return checkNumber(value, false);
    case 'integer':
      return checkNumber(value, true);
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : fail('expected true or false');
    case 'date':
      return checkDate(value);
    case 'datetime':
      return checkDatetime(value);
    case 'select':
    case 'multiselect':
      return checkOption(value, ref.options);
    default:
      return TEXT_TYPES.has(ref.type) ? checkText(value) : fail(`fields of type ${ref.type} cannot be filtered`);
  }
}

/** A checked scalar as a typed SQL operand; the value travels as a parameter, cast only where it cannot fail. */
export function operand(ref: FieldRef, value: unknown): SqlFragment {
  if (ref.kind === 'jsonb') return sql`${JSON.stringify(value)}::jsonb`;
  if (ref.kind === 'int') return sql`${String(value)}::int`;
  if (ref.kind === 'uuid') return sql`${String(value)}::uuid`;
  return sql`${String(value)}::timestamptz`;
}

/** A checked list as one parameter: `ARRAY(SELECT …)` of the column's type, usable with `= ANY (…)`. */
export function listOperand(ref: FieldRef, values: readonly unknown[]): SqlFragment {
  const json = JSON.stringify(values);
  if (ref.kind === 'jsonb') return sql`ARRAY(SELECT jsonb_array_elements(${json}::jsonb))`;
  const type = ref.kind === 'int' ? sql`int` : ref.kind === 'uuid' ? sql`uuid` : sql`timestamptz`;
  return sql`ARRAY(SELECT jsonb_array_elements_text(${json}::jsonb)::${type})`;
}

/** The jsonb_typeof a range comparison requires, or null when ranges do not apply to the field. */
export function rangeType(ref: FieldRef): 'number' | 'string' | 'column' | null {
  if (ref.source === 'system') return ref.kind === 'uuid' ? null : 'column';
  if (['number', 'integer', 'currency'].includes(ref.type)) return 'number';
  if (ref.type === 'date' || ref.type === 'datetime') return 'string';
  return null;
}

export function isTextLike(ref: FieldRef): boolean {
  return ref.source === 'data' && ['text', 'longtext', 'email', 'phone', 'url'].includes(ref.type);
}

/** Escapes LIKE's wildcards (`%`, `_`) and its escape character (`\`). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
