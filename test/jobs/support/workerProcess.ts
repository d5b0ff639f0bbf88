// A job worker in its own process, for the multi-process tests. It reads time only from a
// manual clock the parent sets over IPC, so the parent decides when leases run out.
// Kinds: `ledger.write` writes one ledger row in the completing transaction — on its first attempt
// a job whose payload says `pause` stalls until the parent sends `release` (long after its lease
// ran out and another process redid it); `hang` never finishes (the parent kills the process).

import { createJobWorker } from '../../../runtime/src/jobs/index.js';
import { openPostgres } from '../../../runtime/src/store/index.js';
import { manualClock } from '../../support/manualClock.js';

export type ParentMessage =
  | { readonly type: 'clock'; readonly at: number }
  | { readonly type: 'release' }
  | { readonly type: 'stop' };

export type ChildMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly completed: number }
  | { readonly type: 'duplicate'; readonly key: string }
  | { readonly type: 'started'; readonly key: string }
  | { readonly type: 'stopped'; readonly stats: Record<string, number> }
  | { readonly type: 'error'; readonly message: string };

function send(message: ChildMessage): void {
  process.send?.(message);
}

const url = process.env['LF_TEST_DB_URL']!;
const workerId = process.env['LF_WORKER_ID']!;
const clock = manualClock(new Date(Number(process.env['LF_CLOCK_AT'])));
const db = await openPostgres(url, { max: 8 });
let completed = 0;
let release!: () => void;
const released = new Promise<void>((resolve) => {
  release = resolve;
});

const worker = createJobWorker({
  db,
  clock,
  workerId,
  leaseMs: Number(process.env['LF_LEASE_MS'] ?? 30_000),
  concurrency: 16,
  batchSize: 50,
  pollIntervalMs: 5,
  onError: (error) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  handlers: {
    'ledger.write': async ({ job, completeWith }) => {
      if (job.attempt === 1 && (job.payload as { pause?: boolean }).pause) await released;
      const inserted = await completeWith((tx) =>
        tx.query('INSERT INTO test_ledger (job_key, worker) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
          job.key,
          workerId,
        ]),
      );
      if (inserted.rowCount !== 1) send({ type: 'duplicate', key: job.key ?? '' });
      completed += 1;
      send({ type: 'progress', completed });
      return undefined;
    },
    hang: async ({ job }) => {
      send({ type: 'started', key: job.key ?? '' });
      return new Promise(() => {});
    },
  },
});

process.on('message', (message: ParentMessage) => {
  if (message.type === 'clock') {
    clock.set(new Date(message.at));
    worker.wake();
  } else if (message.type === 'release') {
    release();
  } else if (message.type === 'stop') {
    void worker.stop().then(async () => {
      send({ type: 'progress', completed });
      send({ type: 'stopped', stats: { ...worker.stats } });
      await db.close();
      process.disconnect?.();
    });
  }
});

worker.start();
send({ type: 'ready' });
