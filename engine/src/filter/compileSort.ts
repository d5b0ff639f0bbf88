import type { CompiledObject } from '../compile/types.js';
import type { Problem, Result } from '../errors/types.js';
import { sql } from '../store/sql.js';
import { isPlainObject } from './isPlainObject.js';
import { jsonPointer } from './jsonPointer.js';
import { dataExpr, resolveField } from './resolveField.js';
import type { FilterOptions, SortDir, SortKey } from './types.js';

/** At most this many keys in one sort (the id tie-break comes on top). */
export const MAX_SORT_KEYS = 3;

const SORTABLE_SYSTEM_FIELDS: ReadonlySet<string> = new Set(['id', 'createdAt', 'updatedAt', 'version']);

const ID_KEY = (dir: SortDir): SortKey => ({ field: 'id', dir, kind: 'uuid', expr: sql.ident('id') });

/** Newest first: what a list shows when the caller names no sort. */
export const DEFAULT_SORT: readonly SortKey[] = [
  { field: 'createdAt', dir: 'desc', kind: 'timestamptz', expr: sql.ident('created_at') },
  ID_KEY('desc'),
];

type Requested = { readonly field: unknown; readonly dir: unknown; readonly path: string };

function parse(sort: unknown, base: string, problems: Problem[]): Requested[] {
  if (typeof sort === 'string') {
    return sort.split(',').map((part) => {
      const name = part.trim();
      if (name.startsWith('-')) return { field: name.slice(1), dir: 'desc', path: base };
      return { field: name.startsWith('+') ? name.slice(1) : name, dir: 'asc', path: base };
    });
  }
  if (Array.isArray(sort)) {
    return sort.flatMap((item, i) => {
      const at = jsonPointer(base, i);
      if (!isPlainObject(item)) {
        problems.push({ path: at, message: 'a sort key is an object like { "field": "createdAt", "dir": "desc" }' });
        return [];
      }
      for (const key of Object.keys(item)) {
        if (key !== 'field' && key !== 'dir')
          problems.push({ path: jsonPointer(at, key), message: `unknown sort key property "${key}"` });
      }
      return [{ field: item['field'], dir: item['dir'] ?? 'asc', path: at }];
    });
  }
  problems.push({ path: base, message: 'sort is a string like "-createdAt,name" or a list of { field, dir }' });
  return [];
}

/**
 * Compiles a sort (`"-createdAt"`, `"name,-employees"` or `[{ field, dir }]`) into at most three
 * keys plus an id tie-break, so every order is total and keyset pagination never skips a row.
 * No sort at all gives `DEFAULT_SORT`. jsonb keys read `COALESCE(data->'f', 'null')`: empty
 * fields sort first ascending, last descending. Problem paths are relative to the sort
 * (prefix them, e.g. with `/sort`, or pass `options.path`).
 */
export function compileSort(
  sort: unknown,
  object: CompiledObject,
  options: FilterOptions & { readonly path?: string } = {},
): Result<SortKey[]> {
  const base = options.path ?? '';
  if (sort === undefined || sort === null || sort === '') return { ok: true, value: [...DEFAULT_SORT] };
  const problems: Problem[] = [];
  const requested = parse(sort, base, problems);
  if (requested.length > MAX_SORT_KEYS)
    problems.push({ path: base, message: `sort by at most ${MAX_SORT_KEYS} fields` });
  const keys: SortKey[] = [];
  const seen = new Set<string>();
  for (const { field, dir, path } of requested) {
    const fieldPath = Array.isArray(sort) ? jsonPointer(path, 'field') : path;
    if (typeof field !== 'string' || field === '') {
      problems.push({ path: fieldPath, message: 'a sort key names a field' });
      continue;
    }
    if (dir !== 'asc' && dir !== 'desc') {
      problems.push({ path: jsonPointer(path, 'dir'), message: 'dir is "asc" or "desc"' });
      continue;
    }
    if (seen.has(field)) problems.push({ path: fieldPath, message: `"${field}" is named twice in the sort` });
    seen.add(field);
    const ref = resolveField(field, object, options);
    if (typeof ref === 'string') problems.push({ path: fieldPath, message: ref });
    else if (ref.source === 'system' && !SORTABLE_SYSTEM_FIELDS.has(field)) {
      problems.push({
        path: fieldPath,
        message: `cannot sort by ${field}; sort by id, createdAt, updatedAt, version or a field`,
      });
    } else if (ref.source === 'system') keys.push({ field, dir, kind: ref.kind, expr: ref.expr });
    else keys.push({ field, dir, kind: 'jsonb', expr: sql`COALESCE(${dataExpr(field)}, 'null'::jsonb)` });
  }
  if (problems.length > 0) return { ok: false, problems };
  const idAt = keys.findIndex((k) => k.field === 'id');
  const total = idAt >= 0 ? keys.slice(0, idAt + 1) : [...keys, ID_KEY(keys.at(-1)?.dir ?? 'asc')];
  return { ok: true, value: total };
}
