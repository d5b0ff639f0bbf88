import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlDriver, SqlTransaction } from '@leadforge/engine';
import { lockDataDir } from '../dataDirLock.js';

/** The PostgreSQL cluster's folder inside the data folder. */
export const PGDATA = 'pgdata';

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
 * Returns `<dataDir>/pgdata`, creating the cluster first if there is none. PGlite's first start
 * (initdb) writes dozens of files, and a process killed half-way leaves a folder PGlite can never
 * open again ("PGlite failed to initialize properly"). So the cluster is built in a staging folder
 * and renamed into place only once complete: `pgdata` either is a whole cluster or does not exist.
 */
async function ensureCluster(dataDir: string): Promise<string> {
  const target = path.join(dataDir, PGDATA);
  if (existsSync(target)) return target;
  for (const entry of readdirSync(dataDir)) {
    if (entry.startsWith(`${PGDATA}.init-`)) rmSync(path.join(dataDir, entry), { recursive: true, force: true });
  }
  const staging = path.join(dataDir, `${PGDATA}.init-${process.pid}`);
  const fresh = await PGlite.create(staging);
  await fresh.close();
  renameSync(staging, target);
  const dir = openSync(dataDir, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
  return target;
}

/**
 * The embedded driver: PGlite (PostgreSQL in WebAssembly) in `<dataDir>/pgdata`, the folder
 * created if missing and locked against other processes. One connection: queries and
 * transactions run one at a time, so never call the driver itself from inside a transaction
 * body — use the `tx` given to it. After a kill -9, PostgreSQL's WAL recovery runs on the next
 * open; nothing else is needed.
 */
export async function openPglite(dataDir: string): Promise<SqlDriver> {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(await ensureCluster(dataDir));
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
