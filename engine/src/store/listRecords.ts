import { LeadforgeError } from '../errors/types.js';
import { DEFAULT_SORT } from '../filter/compileSort.js';
import { afterCursor, decodeCursor, encodeCursor, sortValuesSql } from '../filter/cursor.js';
import { pageLimit } from '../filter/pageLimit.js';
import type { SortKey } from '../filter/types.js';
import { query } from './query.js';
import { RECORD_COLUMNS, type RecordDbRow, type RecordRow, toRecordRow } from './recordRow.js';
import { type RowScope, scopeCondition } from './rowScope.js';
import { type SqlFragment, sql } from './sql.js';
import type { SqlExecutor } from './types.js';

export interface RecordQuery {
  readonly tenantId: string;
  readonly object: string;
  readonly scope: RowScope;
  /** From `compileFilter`; ANDed inside the scope, so no filter can widen what the scope shows. */
  readonly filter?: SqlFragment;
  readonly includeDeleted?: boolean;
  /** The recycle bin: deleted records only. */
  readonly onlyDeleted?: boolean;
}

export interface RecordPageQuery extends RecordQuery {
  /** From `compileSort`; `DEFAULT_SORT` (newest first) when absent. */
  readonly sort?: readonly SortKey[];
  /** 1..500, 50 when absent. */
  readonly limit?: number;
  readonly cursor?: string;
}

export interface RecordPage {
  readonly records: RecordRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** `WHERE tenant AND object AND deleted-state AND scope AND (filter)`: the one shape every list query has. */
export function recordListWhere(q: RecordQuery): SqlFragment {
  const deleted = q.onlyDeleted
    ? sql` AND deleted_at IS NOT NULL`
    : q.includeDeleted
      ? sql``
      : sql` AND deleted_at IS NULL`;
  return sql`tenant_id = ${q.tenantId} AND object = ${q.object}${deleted} AND ${scopeCondition(q.scope)} AND (${q.filter ?? sql`TRUE`})`;
}

/**
 * One page of records in a total order (the sort plus an id tie-break), continued by keyset from
 * an opaque cursor: pages never repeat or skip a row however rows sort. A bad limit or cursor is
 * a MALFORMED error with a Problem at `/limit` or `/cursor`.
 */
export async function listRecords(db: SqlExecutor, q: RecordPageQuery): Promise<RecordPage> {
  const keys = q.sort && q.sort.length > 0 ? q.sort : DEFAULT_SORT;
  const limit = pageLimit(q.limit);
  if (!limit.ok) throw new LeadforgeError('MALFORMED', limit.problems[0]!.message, limit.problems);
  let after: SqlFragment = sql``;
  if (q.cursor !== undefined) {
    const values = decodeCursor(q.cursor, keys);
    if (!values.ok) throw new LeadforgeError('MALFORMED', values.problems[0]!.message, values.problems);
    after = sql` AND ${afterCursor(keys, values.value)}`;
  }
  const order = sql.join(
    keys.map((k) => sql`${k.expr} ${k.dir === 'asc' ? sql`ASC` : sql`DESC`}`),
    ', ',
  );
  const rows = await query<RecordDbRow & { sort_values: unknown[] }>(
    db,
    sql`SELECT ${RECORD_COLUMNS}, ${sortValuesSql(keys)} AS sort_values FROM records
WHERE ${recordListWhere(q)}${after}
ORDER BY ${order}
LIMIT ${limit.value + 1}::int`,
  );
  const page = rows.slice(0, limit.value);
  const last = page.at(-1);
  const nextCursor = rows.length > limit.value && last ? encodeCursor(keys, last.sort_values) : null;
  return { records: page.map(toRecordRow), nextCursor };
}

/** How many records match, with the same scope and filter rules as `listRecords`. */
export async function countRecords(db: SqlExecutor, q: RecordQuery): Promise<number> {
  const rows = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM records WHERE ${recordListWhere(q)}`);
  return Number(rows[0]?.n ?? 0);
}
