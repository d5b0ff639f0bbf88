import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SqlDriver, SqlTransaction } from '@leadforge/engine';
import { lockDataDir } from '../dataDirLock.js';

type Executor = Pick<PGlite, 'query' | 'exec'>;

function executor(db: Executor): SqlTransaction {
  return {
    async query(text, params) {
      const result = await db.query<never>(text, params as unknown[] | undefined);
      // PGlite reports affectedRows for writes only; pg's rowCount also counts selected rows
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    async exec(script) {
      await db.exec(script);
    },
  };
}

/**
 * The embedded driver: PGlite (PostgreSQL in WebAssembly) in `dataDir`, created if missing and
 * locked against other processes. One connection: queries and transactions run one at a time,
 * so never call the driver itself from inside a transaction body — use the `tx` given to it.
 */
export async function openPglite(dataDir: string): Promise<SqlDriver> {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  const direct = executor(db);
  return {
    kind: 'pglite',
    query: direct.query,
    exec: direct.exec,
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    async close() {
      try {
        if (!db.closed) await db.close();
      } finally {
        lock.release();
      }
    },
  };
}
