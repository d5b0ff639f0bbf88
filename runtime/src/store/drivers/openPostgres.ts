import type { SqlDriver, SqlTransaction } from '@leadforge/engine';
import pg from 'pg';

/**
 * The PostgreSQL driver: a pg.Pool; a transaction checks out one client for its whole body.
 * Fails fast when the server cannot be reached.
 */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // an idle client losing its connection must not crash the process; the next query reconnects
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    async query(text, params) {
      const result = await pool.query(text, params as unknown[] | undefined);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const tx: SqlTransaction = {
          async query(text, params) {
            const result = await client.query(text, params as unknown[] | undefined);
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
