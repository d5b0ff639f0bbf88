// 100,000 due timers fired by two processes against PostgreSQL, through the Leadforge scheduler
// (claim under a lease, fenced batch completion), against a bare `SELECT … FOR UPDATE SKIP
// LOCKED` + `DELETE` loop over a table of the same shape in the same run. Counts duplicates by
// collecting every fired id from both processes. Goal: 0 duplicates and ratio ≥ 0.3.
// Last line: `scheduler duplicates=<n> ratio=<number>`.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Clock, SqlDriver } from '@leadforge/engine';
import { enqueueJobs, type NewJob } from '../engine/src/jobs/index.js';
import { createJobWorker } from '../runtime/src/jobs/index.js';
import { openDatabase, openPostgres } from '../runtime/src/store/index.js';
import { freshDatabase } from './support/postgres.js';

const TIMERS = Number(process.env['BENCH_TIMERS'] ?? 100_000);
const PROCESSES = 2;
const BATCH = 100;
const POOL = 4;
const KIND = 'bench.timer';
const DUE = new Date('2026-03-02T09:00:00Z');
/** Both processes read this clock: every timer is due, no lease runs out during the run. */
const CLOCK: Clock = { now: () => new Date(DUE.getTime() + 60_000) };

type Mode = 'baseline' | 'scheduler';
type ChildMessage = { type: 'ready' } | { type: 'fired'; ids: string[] } | { type: 'done' };

const BASELINE_SELECT = `SELECT tenant_id, id FROM bench_timers
  WHERE state = 'pending' AND run_at <= $1 ORDER BY run_at LIMIT $2 FOR UPDATE SKIP LOCKED`;
const BASELINE_DELETE = 'DELETE FROM bench_timers WHERE tenant_id = $1 AND id = ANY($2::bigint[])';

/** The bare loop: in one transaction, lock a batch of due rows others have not locked, delete them. */
async function baselineLoop(db: SqlDriver, fired: string[]): Promise<void> {
  for (;;) {
    const ids = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ tenant_id: string; id: string }>(BASELINE_SELECT, [CLOCK.now(), BATCH]);
      if (rows.length > 0) await tx.query(BASELINE_DELETE, ['bench', rows.map((r) => r.id)]);
      return rows.map((r) => String(r.id));
    });
    if (ids.length === 0) return;
    fired.push(...ids);
  }
}

async function schedulerLoop(db: SqlDriver, fired: string[]): Promise<void> {
  const worker = createJobWorker({
    db,
    clock: CLOCK,
    concurrency: BATCH,
    batchSize: BATCH,
    handlers: {
      [KIND]: async ({ job }) => {
        fired.push(job.id);
        return undefined;
      },
    },
  });
  await worker.drain();
}

/** A child process: waits for "go", fires timers until none is due, reports every id it fired. */
async function child(mode: Mode, url: string): Promise<void> {
  const db = await openPostgres(url, { max: POOL });
  const send = (message: ChildMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    void send({ type: 'ready' });
  });
  const fired: string[] = [];
  await (mode === 'baseline' ? baselineLoop(db, fired) : schedulerLoop(db, fired));
  for (let i = 0; i < fired.length; i += 10_000) await send({ type: 'fired', ids: fired.slice(i, i + 10_000) });
  await send({ type: 'done' });
  await db.close();
  process.disconnect();
}

function spawn(mode: Mode, url: string): { child: ChildProcess; ready: Promise<void>; ids: Promise<string[]> } {
  const proc = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LF_SCHEDULER_BENCH_CHILD: mode, LF_SCHEDULER_BENCH_URL: url },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ids: string[] = [];
  let readyResolve!: () => void;
  const ready = new Promise<void>((resolve) => {
    readyResolve = resolve;
  });
  const done = new Promise<string[]>((resolve, reject) => {
    proc.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') readyResolve();
      else if (message.type === 'fired') ids.push(...message.ids);
      else resolve(ids);
    });
    proc.once('exit', (code) => (code === 0 ? resolve(ids) : reject(new Error(`${mode} process exited with ${code}`))));
  });
  return { child: proc, ready, ids: done };
}

interface Round {
  readonly ms: number;
  readonly fired: number;
  readonly duplicates: number;
  readonly missing: number;
}

async function round(mode: Mode, url: string): Promise<Round> {
  const children = Array.from({ length: PROCESSES }, () => spawn(mode, url));
  await Promise.all(children.map((c) => c.ready));
  const started = performance.now();
  for (const c of children) c.child.send('go');
  const perProcess = await Promise.all(children.map((c) => c.ids));
  const ms = performance.now() - started;
  const all = perProcess.flat();
  const distinct = new Set(all).size;
  return { ms, fired: all.length, duplicates: all.length - distinct, missing: TIMERS - distinct };
}

async function fill(db: SqlDriver): Promise<void> {
  const chunk = 10_000;
  for (let i = 0; i < TIMERS; i += chunk) {
    const jobs: NewJob[] = Array.from({ length: Math.min(chunk, TIMERS - i) }, (_, j) => ({
      tenantId: 'bench',
      kind: KIND,
      payload: { timer: i + j },
      runAt: new Date(DUE.getTime() - ((i + j) % 1000)),
    }));
    await enqueueJobs(db, jobs, DUE);
  }
  // the baseline's table: the same columns and indexes, the same rows
  await db.exec('CREATE TABLE bench_timers (LIKE jobs INCLUDING ALL)');
  await db.exec(
    `INSERT INTO bench_timers (tenant_id, kind, key, target, payload, state, run_at, attempt, max_attempts, lease, created_at)
     SELECT tenant_id, kind, key, target, payload, state, run_at, attempt, max_attempts, lease, created_at FROM jobs`,
  );
  await db.exec('VACUUM ANALYZE jobs');
  await db.exec('VACUUM ANALYZE bench_timers');
}

function describe(label: string, r: Round): string {
  const rate = Math.round((r.fired / r.ms) * 1000);
  return `${label}: ${r.fired} fired in ${(r.ms / 1000).toFixed(2)} s = ${rate.toLocaleString('en')}/s, duplicates ${r.duplicates}, missing ${r.missing}`;
}

export async function run(): Promise<void> {
  const database = await freshDatabase('scheduler');
  try {
    const db = await openDatabase({ databaseUrl: database.url, dataDir: '' });
    await fill(db);
    await db.close();
    console.log(
      `scheduler: ${TIMERS} due timers, ${PROCESSES} processes, batches of ${BATCH}, ${POOL} connections each`,
    );
    const baseline = await round('baseline', database.url);
    console.log(describe('  bare SELECT … FOR UPDATE SKIP LOCKED + DELETE', baseline));
    const scheduler = await round('scheduler', database.url);
    console.log(describe('  Leadforge scheduler (leased claim, fenced completion)', scheduler));
    const ratio = scheduler.ms > 0 ? baseline.ms / scheduler.ms : 0;
    if (scheduler.missing > 0 || baseline.missing > 0) console.log('  WARNING: some timers never fired');
    console.log(`scheduler duplicates=${scheduler.duplicates} ratio=${ratio.toFixed(2)}`);
  } finally {
    await database.drop();
  }
}

const childMode = process.env['LF_SCHEDULER_BENCH_CHILD'] as Mode | undefined;
if (childMode) await child(childMode, process.env['LF_SCHEDULER_BENCH_URL']!);
