import type { SqlDriver } from '@leadforge/engine';
import { expect } from 'chai';
import { enqueueJob, enqueueJobs, getJob, listJobs } from '../../engine/src/jobs/index.js';
import { createJobWorker } from '../../runtime/src/jobs/index.js';
import { type OpenedTestDriver, openTestDriver } from '../support/databases.js';
import { manualClock } from '../support/manualClock.js';
import { aJob, T0 } from './support/jobFixtures.js';
import { killAll, spawnWorker, type WorkerProcess } from './support/workerProcesses.js';

const JOBS = 10_000;
/** Every PAUSE_EVERY-th job stalls on its first attempt past its lease: fencing must discard that attempt. */
const PAUSE_EVERY = 500;
const PAUSED = JOBS / PAUSE_EVERY;
const LEASE_MS = 30_000;

async function ledgerRows(db: SqlDriver): Promise<{ total: number; distinct: number }> {
  const { rows } = await db.query<{ total: number; distinct: number }>(
    'SELECT count(*)::int AS total, count(DISTINCT job_key)::int AS distinct FROM test_ledger',
  );
  return rows[0]!;
}

describe('jobs: several worker processes on one PostgreSQL', function () {
  this.timeout(120_000);
  let opened: OpenedTestDriver;
  const workers: WorkerProcess[] = [];

  before(async () => {
    opened = await openTestDriver('postgres');
    // several processes share one database here, which only PostgreSQL allows: fail loudly, never skip
    if (opened.kind !== 'postgres') throw new Error('this test needs PostgreSQL on 127.0.0.1:5432 (see README)');
    await opened.driver.exec('CREATE TABLE test_ledger (job_key text PRIMARY KEY, worker text NOT NULL)');
  });

  afterEach(async () => {
    killAll(workers);
    await Promise.all(workers.splice(0).map((w) => w.exited));
    await opened.driver.exec('TRUNCATE test_ledger');
  });

  after(async () => {
    await opened?.dispose();
  });

  it('runs 10,000 jobs across 4 processes with every side effect exactly once, stalled workers fenced off', async () => {
    const db = opened.driver;
    const tenant = 'multi';
    const jobs = Array.from({ length: JOBS }, (_, i) =>
      aJob(tenant, { kind: 'ledger.write', key: `job-${i}`, payload: { pause: i % PAUSE_EVERY === 0 } }),
    );
    for (let i = 0; i < jobs.length; i += 2000) await enqueueJobs(db, jobs.slice(i, i + 2000), T0);
    for (let i = 0; i < 4; i += 1) {
      workers.push(await spawnWorker({ url: opened.url!, id: `w${i}`, clockAt: T0, leaseMs: LEASE_MS }));
    }
    const completed = new Map<string, number>();
    const duplicates: string[] = [];
    const errors: string[] = [];
    let now = T0.getTime();
    let nextChaos = 1500;
    const expireLeases = () => {
      now += LEASE_MS + 1;
      for (const other of workers) other.send({ type: 'clock', at: now });
    };
    const allDone = new Promise<void>((resolve) => {
      for (const w of workers) {
        w.onMessage((message) => {
          if (message.type === 'duplicate') duplicates.push(message.key);
          if (message.type === 'error') errors.push(message.message);
          if (message.type !== 'progress') return;
          completed.set(w.id, message.completed);
          const sum = [...completed.values()].reduce((a, b) => a + b, 0);
          // every worker's clock jumps past the lease, now and then and once all but the stalled jobs
          // are done: whatever is in flight anywhere may be taken over by another process
          if (sum >= nextChaos || sum === JOBS - PAUSED) {
            nextChaos += 1500;
            expireLeases();
          }
          if (sum >= JOBS) resolve();
        });
      }
    });
    await allDone;
    expect(await listJobs(db, tenant, { limit: 1 })).to.deep.equal([]);
    const stopped = workers.map((w) => w.next('stopped'));
    for (const w of workers) w.send({ type: 'release' }); // the stalled first attempts now try to complete
    for (const w of workers) w.send({ type: 'stop' });
    const stats = (await Promise.all(stopped)).map((m) => m.stats);
    expect(errors).to.deep.equal([]);
    expect(duplicates).to.deep.equal([]);
    expect(await ledgerRows(db)).to.deep.equal({ total: JOBS, distinct: JOBS });
    expect(stats.reduce((sum, s) => sum + (s['completed'] ?? 0), 0)).to.equal(JOBS);
    // at least the stalled attempts; others may lose a race after a clock jump too — all are discarded
    expect(stats.reduce((sum, s) => sum + (s['leaseLost'] ?? 0), 0)).to.be.at.least(PAUSED);
    expect(stats.filter((s) => (s['completed'] ?? 0) > 0)).to.have.length(4);
  });

  it('redoes the job of a worker killed with SIGKILL mid-flight, once its lease has run out', async () => {
    const db = opened.driver;
    const tenant = 'killed';
    const { id } = await enqueueJob(db, aJob(tenant, { kind: 'hang', key: 'k1' }), T0);
    const victim = await spawnWorker({ url: opened.url!, id: 'victim', clockAt: T0, leaseMs: LEASE_MS });
    workers.push(victim);
    await victim.next('started');
    victim.child.kill('SIGKILL');
    await victim.exited;
    const clock = manualClock(T0);
    const redone: string[] = [];
    const survivor = createJobWorker({
      db,
      clock,
      handlers: { hang: ({ completeWith }) => completeWith(async () => void redone.push('survivor')) },
    });
    await survivor.drain();
    expect(redone, 'the lease still holds').to.deep.equal([]);
    clock.advance(LEASE_MS);
    await survivor.drain();
    expect(redone).to.deep.equal(['survivor']);
    expect(await getJob(db, tenant, id)).to.equal(null);
  });
});
