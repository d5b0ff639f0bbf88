import { createHash } from 'node:crypto';
import type { QueryOptions, SqlDriver, SqlTransaction } from '@leadforge/engine';
import pg from 'pg';

/** A statement for pg: named (prepared once per connection, under a name its text decides) when asked. */
function statementOf(
  names: Map<string, string>,
  text: string,
  params: readonly unknown[] | undefined,
  options: QueryOptions | undefined,
): pg.QueryConfig {
  const values = params as unknown[] | undefined;
  if (!options?.prepared) return { text, ...(values ? { values } : {}) };
  let name = names.get(text);
  if (name === undefined) {
    name = `lf_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    names.set(text, name);
  }
  return { name, text, ...(values ? { values } : {}) };
}

/**
 * The PostgreSQL driver: a pg.Pool; a transaction checks out one client for its whole body.
 * Fails fast when the server cannot be reached.
 */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // an idle client losing its connection must not crash the process; the next query reconnects
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  const names = new Map<string, string>();
  return {
    kind: 'postgres',
    async query(text, params, options) {
      const result = await pool.query(statementOf(names, text, params, options));
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const tx: SqlTransaction = {
          async query(text, params, options) {
            const result = await client.query(statementOf(names, text, params, options));
            return { rows: result.rows, rowCount: result.rowCount ?? 0 };
          },
          async exec(script) {
            await client.query(script);
          },
        };
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    async close() {
      await pool.end();
    },
  };
}
