import { render, type SqlFragment } from './sql.js';
import type { QueryOptions, SqlExecutor } from './types.js';

/** Renders a fragment and runs it on `db` (a driver or a transaction). */
export async function query<R = Record<string, unknown>>(
  db: SqlExecutor,
  fragment: SqlFragment,
  options?: QueryOptions,
): Promise<R[]> {
  const { text, params } = render(fragment);
  const result = await db.query<R>(text, params, options);
  return result.rows;
}
