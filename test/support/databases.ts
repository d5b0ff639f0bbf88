import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SqlDriver } from '@leadforge/engine';
import pg from 'pg';
import { openDatabase } from '../../runtime/src/store/openDatabase.js';

export type TestDriverKind = 'pglite' | 'postgres';

const SERVER_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** 'pglite' when PostgreSQL was unreachable outside CI and the caller should fall back. */
  readonly driver: TestDriverKind;
  /** The fresh database's URL; undefined on fallback (callers then use PGlite, as with no DATABASE_URL). */
  readonly url: string | undefined;
  drop(): Promise<void>;
}

let warned = false;

/**
 * Creates an empty database `lf_test_<random>` on the test server (TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test). An unreachable server fails the run in CI and
 * falls back to PGlite, loudly, elsewhere.
 */
export async function withPostgresDatabase(): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => {});
    if (process.env['CI']) throw new Error(`PostgreSQL at ${SERVER_URL} is unreachable in CI: ${String(error)}`);
    if (!warned) {
      console.warn(
        `\n  !!! PostgreSQL at ${SERVER_URL} is unreachable (${String(error)}).\n` +
          '  !!! The PostgreSQL runs of the store suites FALL BACK TO PGLITE. Start PostgreSQL or set TEST_DATABASE_URL.\n',
      );
      warned = true;
    }
    return { driver: 'pglite', url: undefined, drop: async () => {} };
  }
  const name = `lf_test_${Math.random().toString(36).slice(2, 12)}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    driver: 'postgres',
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

let template: string | undefined;

/** A migrated PGlite folder made once per test process; fresh folders are copies (initdb takes seconds). */
async function pgliteTemplate(): Promise<string> {
  if (template) return template;
  const dir = mkdtempSync(path.join(tmpdir(), 'lf-pglite-template-'));
  const db = await openDatabase({ dataDir: dir });
  await db.close();
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  template = dir;
  return dir;
}

/** A new, empty, migrated PGlite folder under the OS temp dir. */
export async function freshPgliteDir(): Promise<string> {
  const source = await pgliteTemplate();
  const dir = mkdtempSync(path.join(tmpdir(), 'lf-pglite-'));
  cpSync(source, dir, { recursive: true });
  return dir;
}

export interface OpenedTestDriver {
  readonly driver: SqlDriver;
  /** 'postgres' may report 'pglite' on the loud fallback above. */
  readonly kind: TestDriverKind;
  /** PGlite's folder, or undefined on PostgreSQL. */
  readonly dataDir: string | undefined;
  readonly url: string | undefined;
  dispose(): Promise<void>;
}

/** Opens a fresh, migrated database of the given kind (through `openDatabase`, like the runtime). */
export async function openTestDriver(kind: TestDriverKind): Promise<OpenedTestDriver> {
  const server = kind === 'postgres' ? await withPostgresDatabase() : undefined;
  if (server?.url) {
    const driver = await openDatabase({ databaseUrl: server.url, dataDir: '' });
    return {
      driver,
      kind: 'postgres',
      dataDir: undefined,
      url: server.url,
      async dispose() {
        await driver.close();
        await server.drop();
      },
    };
  }
  const dataDir = await freshPgliteDir();
  const driver = await openDatabase({ dataDir });
  return {
    driver,
    kind: 'pglite',
    dataDir,
    url: undefined,
    async dispose() {
      await driver.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface DriverSuite {
  readonly kind: TestDriverKind;
  /** The suite's database, opened before its first test and dropped after its last. */
  db(): SqlDriver;
  /** Another fresh database for tests that need one to themselves; disposed after the test. */
  openFresh(): Promise<OpenedTestDriver>;
}

/**
 * Runs one contract suite against PGlite and PostgreSQL — always both. Tests share the suite's
 * database and isolate themselves by tenant (see `aTenant`).
 */
export function describeEachDriver(title: string, suite: (ctx: DriverSuite) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    describe(`${title} [${kind}]`, function () {
      this.timeout(60_000);
      let shared: OpenedTestDriver | undefined;
      const extra: OpenedTestDriver[] = [];
      before(async () => {
        shared = await openTestDriver(kind);
      });
      afterEach(async () => {
        for (const opened of extra.splice(0)) await opened.dispose();
      });
      after(async () => {
        await shared?.dispose();
      });
      suite({
        kind,
        db: () => {
          if (!shared) throw new Error('the suite database is not open yet (use it inside a test)');
          return shared.driver;
        },
        openFresh: async () => {
          const opened = await openTestDriver(kind);
          extra.push(opened);
          return opened;
        },
      });
    });
  }
}

let tenants = 0;

/** A tenant id no other test uses, so tests on a shared database never see each other's rows. */
export function aTenant(label = 't'): string {
  tenants += 1;
  return `${label}-${process.pid}-${tenants}-${Math.random().toString(36).slice(2, 8)}`;
}
