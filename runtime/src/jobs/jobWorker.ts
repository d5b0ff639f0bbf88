import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock, SqlDriver } from '@leadforge/engine';
import {
  type ClaimedJob,
  claimJobs,
  completeJobOrThrow,
  completeJobs,
  failJob,
  jobRetryDelayMs,
  LeaseLostError,
  releaseJobs,
  retryJob,
} from '../../../engine/src/jobs/index.js';
import type { JobContext, JobHandler, JobResult, WorkerStats } from './types.js';

export interface JobWorkerOptions {
  readonly db: SqlDriver;
  /** The only source of time: due dates, leases and retries read it (tests pass a manual clock). */
  readonly clock: Clock;
  /** Job kind → handler; the worker claims only these kinds. */
  readonly handlers: Readonly<Record<string, JobHandler>>;
  readonly workerId?: string;
  /** How long a claim lasts before another worker may take the job (default 5 minutes). */
  readonly leaseMs?: number;
  /** Jobs in flight at once (default 16). */
  readonly concurrency?: number;
  /** Jobs in flight at once per target, e.g. per webhook endpoint (default 4): a slow target cannot take every slot. */
  readonly perTargetConcurrency?: number;
  /** Most jobs claimed by one statement (default 100). */
  readonly batchSize?: number;
  /** Pause between polls when idle, real milliseconds (default 1000); only `start()` uses it. */
  readonly pollIntervalMs?: number;
  readonly random?: () => number;
  /** Told about errors the loop survives (a lost database connection, a handler bug). */
  readonly onError?: (error: unknown, job?: ClaimedJob) => void;
}

export interface JobWorker {
  readonly workerId: string;
  readonly stats: Readonly<WorkerStats>;
  /**
   * Runs every job due at the clock's current time, and those that fall due while it runs
   * (retries, expired leases), until none is due and none is in flight.
   */
  drain(): Promise<Readonly<WorkerStats>>;
  /** Polls in the background: drain, wait pollIntervalMs (or a wake()), repeat. */
  start(): void;
  /** Polls now instead of at the end of the current wait (e.g. just after an enqueue). */
  wake(): void;
  /** Stops claiming, aborts in-flight attempts (their jobs will be claimed again) and waits for them. */
  stop(): Promise<void>;
}

/** A worker that claims jobs from the `jobs` table under a lease and runs their handlers. */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { db, clock, handlers } = options;
  const workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const concurrency = options.concurrency ?? 16;
  const perTarget = options.perTargetConcurrency ?? 4;
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const random = options.random ?? Math.random;
  const onError = options.onError ?? (() => {});
  const kinds = Object.keys(handlers);

  const stats: WorkerStats = { completed: 0, retried: 0, failed: 0, leaseLost: 0, released: 0 };
  const inFlight = new Set<Promise<void>>();
  const busy = new Map<string, number>();
  let settledCount = 0;
  const controller = new AbortController();
  // every attempt in flight listens for stop(): as many listeners as slots, which is not a leak
  setMaxListeners(concurrency + 8, controller.signal);
  let finished: ClaimedJob[] = [];
  let stopping = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;

  async function flushFinished(): Promise<void> {
    if (finished.length === 0) return;
    const batch = finished;
    finished = [];
    const done = await completeJobs(db, batch);
    stats.completed += done.length;
    stats.leaseLost += batch.length - done.length;
  }

  async function settle(job: ClaimedJob, result: JobResult): Promise<void> {
    if (result.outcome === 'done') {
      finished.push(job);
      return;
    }
    const held =
      result.outcome === 'retry'
        ? await retryJob(db, job, result.at, result.error)
        : await failJob(db, job, result.error);
    if (!held) stats.leaseLost += 1;
    else if (result.outcome === 'retry') stats.retried += 1;
    else stats.failed += 1;
  }

  function retryAfterError(job: ClaimedJob, error: unknown): JobResult {
    const message = error instanceof Error ? error.message : String(error);
    if (job.attempt >= job.maxAttempts)
      return { outcome: 'failed', error: `gave up after ${job.attempt} attempts: ${message}` };
    return {
      outcome: 'retry',
      at: new Date(clock.now().getTime() + jobRetryDelayMs(job.attempt, random())),
      error: message,
    };
  }

  async function run(job: ClaimedJob): Promise<void> {
    if (job.attempt > job.maxAttempts) {
      // claimed more often than allowed: its worker keeps dying on it
      await settle(job, {
        outcome: 'failed',
        error: `gave up after ${job.maxAttempts} attempts${job.lastError ? `: ${job.lastError}` : ' (its worker never finished)'}`,
      });
      return;
    }
    let completedInTransaction = false;
    const context: JobContext = {
      job,
      db,
      clock,
      signal: controller.signal,
      async completeWith(fn) {
        const value = await db.transaction(async (tx) => {
          await completeJobOrThrow(tx, job);
          return fn(tx);
        });
        completedInTransaction = true;
        stats.completed += 1;
        return value;
      },
    };
    let result: JobResult;
    try {
      result = (await handlers[job.kind]!(context)) ?? { outcome: 'done' };
    } catch (error) {
      if (error instanceof LeaseLostError) {
        stats.leaseLost += 1;
        return;
      }
      if (stopping) return; // aborted by stop(): the lease runs out and another worker redoes it
      onError(error, job);
      result = retryAfterError(job, error);
    }
    if (!completedInTransaction) await settle(job, result);
  }

  function begin(job: ClaimedJob): void {
    if (job.target !== null) busy.set(job.target, (busy.get(job.target) ?? 0) + 1);
    const running: Promise<void> = run(job)
      .catch((error: unknown) => onError(error, job))
      .finally(() => {
        settledCount += 1;
        inFlight.delete(running);
        if (job.target === null) return;
        const left = (busy.get(job.target) ?? 1) - 1;
        if (left === 0) busy.delete(job.target);
        else busy.set(job.target, left);
      });
    inFlight.add(running);
  }

  async function claimSome(): Promise<number> {
    const free = concurrency - inFlight.size;
    if (free <= 0 || stopping) return 0;
    const now = clock.now();
    const busyTargets = [...busy].filter(([, n]) => n >= perTarget).map(([target]) => target);
    const claims = await claimJobs(db, {
      workerId,
      now,
      leaseMs,
      limit: Math.min(free, batchSize),
      kinds,
      busyTargets,
    });
    const excess: ClaimedJob[] = [];
    for (const job of claims) {
      if (job.target !== null && (busy.get(job.target) ?? 0) >= perTarget) excess.push(job);
      else begin(job);
    }
    if (excess.length > 0) stats.released += await releaseJobs(db, excess, now);
    return claims.length - excess.length;
  }

  async function drain(): Promise<Readonly<WorkerStats>> {
    for (;;) {
      await flushFinished();
      const settledBefore = settledCount;
      const started = await claimSome();
      if (started === 0 && inFlight.size === 0) {
        await flushFinished();
        return { ...stats };
      }
      // a job that finished while we claimed freed its target: claim again rather than wait on the rest
      if (started === 0 && settledCount !== settledBefore) continue;
      if (started === 0 || inFlight.size >= concurrency) {
        await Promise.race(inFlight);
        await nextTurn(); // let other quick handlers finish too, so completions go out in one statement
      }
    }
  }

  async function poll(): Promise<void> {
    while (!stopping) {
      try {
        await drain();
      } catch (error) {
        onError(error);
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  }

  return {
    workerId,
    stats,
    drain,
    start() {
      if (!loop) loop = poll();
    },
    wake() {
      wakeUp?.();
    },
    async stop() {
      stopping = true;
      controller.abort();
      wakeUp?.();
      await loop;
      await Promise.allSettled([...inFlight]);
      await flushFinished().catch((error: unknown) => onError(error));
    },
  };
}
