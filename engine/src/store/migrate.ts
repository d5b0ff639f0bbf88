import { LeadforgeError } from '../errors/types.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';
import type { SqlDriver, SqlTransaction } from './types.js';

/** Advisory lock key shared by every Leadforge process migrating one database ("LFMIGRAT" in spirit). */
const MIGRATION_LOCK = 4_711_042_001;

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version int PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL
)`;

export interface MigrateResult {
  /** Versions this call applied (empty when the schema was already current). */
  readonly applied: readonly number[];
  /** The schema version after the call. */
  readonly version: number;
}

async function lock(tx: SqlTransaction): Promise<void> {
  // Serialises processes that start at once on one PostgreSQL; harmless on single-process PGlite.
  await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
}

function assertOrdered(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    const previous = list[i - 1];
    if (previous !== undefined && m.version <= previous.version) {
      throw new Error(`migrations out of order: ${m.version} (${m.name}) after ${previous.version}`);
    }
  });
}

/**
 * Brings the schema up to date: each pending migration runs in its own transaction under an
 * advisory lock and is recorded in `schema_migrations`. Safe to call on every start, from any
 * number of processes at once.
 */
export async function migrate(driver: SqlDriver, list: readonly Migration[] = allMigrations): Promise<MigrateResult> {
  assertOrdered(list);
  const known = list.at(-1)?.version ?? 0;
  const current = await driver.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(CREATE_LEDGER);
    const { rows } = await tx.query<{ version: number | null }>(
      'SELECT max(version)::int AS version FROM schema_migrations',
    );
    return rows[0]?.version ?? 0;
  });
  if (current > known) {
    throw new LeadforgeError(
      'INTERNAL',
      `the database schema is at version ${current}, newer than this Leadforge knows (${known}); upgrade Leadforge`,
    );
  }
  const applied: number[] = [];
  for (const migration of list) {
    const didApply = await driver.transaction(async (tx) => {
      await lock(tx);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return { applied, version: Math.max(current, known) };
}
