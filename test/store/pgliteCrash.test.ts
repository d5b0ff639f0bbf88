import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { getRecord, insertRecord, migrations } from '../../engine/src/store/index.js';
import { openDatabase } from '../../runtime/src/store/openDatabase.js';
import { aTenant } from '../support/databases.js';
import { startWriter, until, type Writer } from './childProcess.js';

/**
 * PGlite runs PostgreSQL's own WAL: a process killed with SIGKILL leaves a folder PostgreSQL
 * crash-recovers on the next open (replaying the WAL). These tests hold that to account:
 * nothing a child reported as committed may be missing afterwards.
 */
describe('store: embedded PGlite survives kill -9', function () {
  this.timeout(600_000);
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lf-crash-'));
  });

  afterEach(async () => {
    // a failed assertion must not leave a writer running
    for (const writer of writers.splice(0)) {
      if (writer.child.exitCode === null && writer.child.signalCode === null) writer.child.kill('SIGKILL');
      await writer.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const writers: Writer[] = [];
  const start = (tenantId: string): Writer => {
    const writer = startWriter(dataDir, tenantId);
    writers.push(writer);
    return writer;
  };

  async function reopenAndCheck(tenantId: string, committed: readonly string[]) {
    const db = await openDatabase({ dataDir });
    try {
      expect(readFileSync(path.join(dataDir, 'leadforge.lock'), 'utf8').trim()).to.equal(String(process.pid));
      const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).to.deep.equal(migrations.map((m) => m.version));
      const found = await db.query<{ id: string }>(
        'SELECT id FROM records WHERE tenant_id = $1 AND id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb)::uuid))',
        [tenantId, JSON.stringify(committed)],
      );
      const missing = committed.filter((id) => !found.rows.some((r) => r.id === id));
      expect(missing, 'committed ids lost after kill -9').to.deep.equal([]);
      // the folder is fully usable: write and read back
      const after = await insertRecord(db, {
        tenantId,
        object: 'lead',
        data: { name: 'after' },
        ownerId: null,
        teamId: null,
        actorId: null,
      });
      expect(await getRecord(db, { tenantId, object: 'lead', id: after.id, scope: { kind: 'all' } })).to.deep.equal(
        after,
      );
      const { rows: count } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM records WHERE tenant_id = $1',
        [tenantId],
      );
      return count[0]!.n;
    } finally {
      await db.close();
      expect(existsSync(path.join(dataDir, 'leadforge.lock')), 'close() removes the lock').to.equal(false);
    }
  }

  it('keeps every committed record over 6 rounds of SIGKILL mid-write and reopens cleanly each time', async () => {
    const tenantId = aTenant('crash');
    const committed: string[] = [];
    // kill after a varying number of commits, so the kill lands at different points of the WAL
    for (const [round, killAfter] of [5, 40, 1, 120, 17, 300].entries()) {
      const writer = start(tenantId);
      await writer.waitForIds(killAfter);
      writer.child.kill('SIGKILL');
      const { signal } = await writer.exited;
      expect(signal, `round ${round}: ${writer.stderr()}`).to.equal('SIGKILL');
      expect(writer.ids.length, `round ${round} wrote`).to.be.at.least(killAfter);
      committed.push(...writer.ids);
      const stored = await reopenAndCheck(tenantId, committed);
      committed.push('after'); // the probe row written by reopenAndCheck
      expect(stored).to.be.at.least(committed.length);
      committed.pop();
    }
  });

  // Regression: PGlite writes PG_VERSION early in its first initdb; killed before the rest was
  // written, the folder failed every later open with "PGlite failed to initialize properly".
  it('reopens cleanly after a kill at each step of the very first start', async () => {
    const tenantId = aTenant('crash-start');
    const list = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
    const staging = () => list(dataDir).find((f) => f.startsWith('pgdata.init-'));
    const stagingHas = (file: string | null) => {
      const dir = staging();
      return (
        dir !== undefined &&
        (file === null ? list(path.join(dataDir, dir)).length > 0 : list(path.join(dataDir, dir)).includes(file))
      );
    };
    const inPlace = () => existsSync(path.join(dataDir, 'pgdata'));
    // each moment also counts as reached once a later one is, so a fast step cannot be missed
    const moments: [string, (w: Writer) => boolean][] = [
      ['while initdb writes its first files', (w) => stagingHas(null) || inPlace() || w.isOpen()],
      ['once initdb wrote PG_VERSION', (w) => stagingHas('PG_VERSION') || inPlace() || w.isOpen()],
      ['once the cluster is in place, while migrating', (w) => inPlace() || w.isOpen()],
      ['right after opening, before the first commit', (w) => w.isOpen()],
    ];
    for (const [moment, reached] of moments) {
      rmSync(dataDir, { recursive: true, force: true });
      const writer = start(tenantId);
      await until(() => reached(writer) || writer.child.exitCode !== null);
      writer.child.kill('SIGKILL');
      const { signal } = await writer.exited;
      expect(signal, `${moment}: ${writer.stderr()}`).to.equal('SIGKILL');
      await reopenAndCheck(tenantId, writer.ids);
      expect(staging(), `${moment}: staging folder cleaned up`).to.equal(undefined);
    }
  });

  it('refuses a second process on a folder in use, naming the holder', async () => {
    const db = await openDatabase({ dataDir });
    try {
      const intruder = start(aTenant());
      const { code } = await intruder.exited;
      expect(code).to.equal(3);
      expect(intruder.stderr()).to.contain(
        `data folder ${dataDir} is in use by another Leadforge process (pid ${process.pid}); stop it or pass --data DIR`,
      );
      expect(intruder.ids).to.deep.equal([]);
      // the holder is undisturbed
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0]!.n).to.equal(migrations.length);
    } finally {
      await db.close();
    }
  });
});
