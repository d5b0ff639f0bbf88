import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { migrations } from '../../engine/src/store/index.js';
import { openPglite } from '../../runtime/src/store/drivers/openPglite.js';
import { openDatabase } from '../../runtime/src/store/openDatabase.js';
import { freshPgliteDir, withPostgresDatabase } from '../support/databases.js';

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a failure');
}

describe('store: opening the database', function () {
  this.timeout(120_000);
  /** A closed, migrated data folder (a copy of a template: initdb takes seconds). */
  let dataDir: string;
  const lockFile = () => path.join(dataDir, 'leadforge.lock');

  beforeEach(async () => {
    dataDir = await freshPgliteDir();
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('embedded PGlite', () => {
    it('creates the data folder, migrates it and holds a lock file with our pid until close', async () => {
      const parent = mkdtempSync(path.join(tmpdir(), 'lf-open-'));
      dataDir = path.join(parent, 'data', 'nested');
      const db = await openDatabase({ dataDir });
      try {
        expect(db.kind).to.equal('pglite');
        expect(readFileSync(lockFile(), 'utf8').trim()).to.equal(String(process.pid));
        const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
        expect(rows[0]!.n).to.equal(migrations.length);
      } finally {
        await db.close();
      }
      expect(existsSync(lockFile())).to.equal(false);
      rmSync(parent, { recursive: true, force: true });
    });

    it('keeps data across close and reopen', async () => {
      const first = await openDatabase({ dataDir });
      await first.query(`INSERT INTO tenants (tenant_id, name) VALUES ('acme', 'Acme')`);
      await first.close();
      const second = await openDatabase({ dataDir });
      try {
        const { rows } = await second.query<{ name: string }>(`SELECT name FROM tenants WHERE tenant_id = 'acme'`);
        expect(rows).to.deep.equal([{ name: 'Acme' }]);
      } finally {
        await second.close();
      }
    });

    it('refuses a second open of a folder this process holds', async () => {
      const db = await openPglite(dataDir);
      try {
        const error = await failure(openPglite(dataDir));
        expect(error.code).to.equal('LOCKED');
        expect(error.message).to.equal(
          `data folder ${dataDir} is in use by another Leadforge process (pid ${process.pid}); stop it or pass --data DIR`,
        );
      } finally {
        await db.close();
      }
    });

    it('refuses a folder whose lock names a running process', async () => {
      writeFileSync(lockFile(), `${process.ppid}\n`);
      const error = await failure(openPglite(dataDir));
      expect(error.code).to.equal('LOCKED');
      expect(error.message).to.contain(`(pid ${process.ppid})`);
      expect(readFileSync(lockFile(), 'utf8').trim(), 'the holder’s lock is left alone').to.equal(String(process.ppid));
    });

    it('takes over a stale lock left by a process that no longer runs', async () => {
      writeFileSync(lockFile(), `${await deadPid()}\n`);
      const again = await openPglite(dataDir);
      expect(readFileSync(lockFile(), 'utf8').trim()).to.equal(String(process.pid));
      await again.close();
    });

    it('takes over a lock file holding garbage', async () => {
      writeFileSync(lockFile(), 'not a pid');
      const again = await openPglite(dataDir);
      await again.close();
      expect(existsSync(lockFile())).to.equal(false);
    });

    it('releases the lock when PGlite cannot open the folder', async () => {
      rmSync(path.join(dataDir, 'pgdata'), { recursive: true });
      writeFileSync(path.join(dataDir, 'pgdata'), 'not a cluster');
      await failure(openPglite(dataDir));
      expect(existsSync(lockFile())).to.equal(false);
    });
  });

  describe('PostgreSQL', () => {
    it('uses databaseUrl when given, ignoring the data folder', async () => {
      const server = await withPostgresDatabase();
      // PostgreSQL unreachable outside CI (warned about in withPostgresDatabase): the fallback is the contract then.
      if (!server.url) return void expect(server.driver).to.equal('pglite');
      try {
        const db = await openDatabase({ databaseUrl: server.url, dataDir });
        try {
          expect(db.kind).to.equal('postgres');
          expect(existsSync(lockFile())).to.equal(false);
          const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
          expect(rows[0]!.n).to.equal(migrations.length);
        } finally {
          await db.close();
        }
      } finally {
        await server.drop();
      }
    });

    it('fails fast with the server’s error when PostgreSQL cannot be reached', async () => {
      const error = await failure(openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', dataDir }));
      expect(error.message).to.match(/ECONNREFUSED|connect/);
    });
  });
});
