import type { Problem, Result } from '../errors/types.js';
import { type SqlFragment, sql } from '../store/sql.js';
import { checkText } from './filterValue.js';
import { parseIsoDatetime } from './isoDatetime.js';
import { isPlainObject } from './isPlainObject.js';
import { isUuid } from './isUuid.js';
import type { ColumnKind, SortKey } from './types.js';

const MAX_CURSOR = 8192;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
// to_jsonb(timestamptz) writes ISO 8601 with up to microseconds and an offset
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2})?)$/;

/** Names the sort a cursor belongs to, e.g. `-createdAt,-id`. */
export function sortSignature(keys: readonly SortKey[]): string {
  return keys.map((k) => (k.dir === 'desc' ? '-' : '') + k.field).join(',');
}

function toBase64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64url(text: string): string {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** An opaque cursor holding the last row's sort values (as read by `sortValuesSql`) and the sort it belongs to. */
export function encodeCursor(keys: readonly SortKey[], values: readonly unknown[]): string {
  return toBase64url(JSON.stringify({ s: sortSignature(keys), v: values }));
}

function jsonSafe(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return checkText(value).ok;
  if (Array.isArray(value)) return value.every((v) => jsonSafe(v, depth + 1));
  if (isPlainObject(value)) return Object.entries(value).every(([k, v]) => checkText(k).ok && jsonSafe(v, depth + 1));
  return false;
}

function fits(kind: ColumnKind, value: unknown): boolean {
  switch (kind) {
    case 'jsonb':
      return jsonSafe(value);
    case 'uuid':
      return isUuid(value);
    case 'timestamptz':
      return (
        typeof value === 'string' &&
        TIMESTAMP.test(value) &&
        parseIsoDatetime(value.replace(/([+-]\d{2})$/, '$1:00')) !== null
      );
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2 ** 31 - 1;
  }
}

/**
 * Reads a cursor back, checking it was made for this sort and that every value has its key's
 * type, so a tampered cursor is a Problem at `/cursor`, never a SQL error.
 */
export function decodeCursor(cursor: unknown, keys: readonly SortKey[], path = '/cursor'): Result<unknown[]> {
  const refuse = (message: string): Result<unknown[]> => ({ ok: false, problems: [{ path, message } as Problem] });
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR || !BASE64URL.test(cursor)) {
    return refuse('the cursor is not one this server issued; start again without a cursor');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64url(cursor));
  } catch {
    return refuse('the cursor is not one this server issued; start again without a cursor');
  }
  if (!isPlainObject(parsed) || typeof parsed['s'] !== 'string' || !Array.isArray(parsed['v'])) {
    return refuse('the cursor is not one this server issued; start again without a cursor');
  }
  if (parsed['s'] !== sortSignature(keys)) {
    return refuse('the cursor belongs to a different sort; start again without a cursor');
  }
  const values = parsed['v'];
  if (values.length !== keys.length || !keys.every((k, i) => fits(k.kind, values[i]))) {
    return refuse('the cursor has been altered; start again without a cursor');
  }
  return { ok: true, value: values };
}

/** One `jsonb` array of the row's sort values, exactly as the keyset comparison reads them back. */
export function sortValuesSql(keys: readonly SortKey[]): SqlFragment {
  return sql`jsonb_build_array(${sql.join(
    keys.map((k) => k.expr),
    ', ',
  )})`;
}

function literal(kind: ColumnKind, value: unknown): SqlFragment {
  switch (kind) {
    case 'jsonb':
      return sql`${JSON.stringify(value)}::jsonb`;
    case 'uuid':
      return sql`${String(value)}::uuid`;
    case 'timestamptz':
      return sql`${String(value)}::timestamptz`;
    case 'int':
      return sql`${String(value)}::int`;
  }
}

/** Rows strictly after the cursor in the sort's order (keyset pagination, mixed directions allowed). */
export function afterCursor(keys: readonly SortKey[], values: readonly unknown[]): SqlFragment {
  const branches = keys.map((key, i) => {
    const equalBefore = keys.slice(0, i).map((k, j) => sql`${k.expr} = ${literal(k.kind, values[j])}`);
    const beyond = sql`${key.expr} ${key.dir === 'asc' ? sql`>` : sql`<`} ${literal(key.kind, values[i])}`;
    return sql`(${sql.join([...equalBefore, beyond], ' AND ')})`;
  });
  return sql`(${sql.join(branches, ' OR ')})`;
}
