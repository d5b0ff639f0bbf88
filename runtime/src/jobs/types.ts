import type { Clock, SqlDriver, SqlTransaction } from '@leadforge/engine';
import type { ClaimedJob } from '../../../engine/src/jobs/index.js';

/** How a handler's attempt ended (when it did not complete the job itself with `completeWith`). */
export type JobResult =
  | { readonly outcome: 'done' }
  | { readonly outcome: 'retry'; readonly at: Date; readonly error: string }
  | { readonly outcome: 'failed'; readonly error: string };

/** What a handler gets for one attempt. */
export interface JobContext {
  readonly job: ClaimedJob;
  readonly db: SqlDriver;
  readonly clock: Clock;
  /** Aborted when the worker stops: stop talking to the target, the job will be claimed again. */
  readonly signal: AbortSignal;
  /**
   * Runs `fn` in a transaction that first completes the job, fenced by its lease: the job's
   * database effects and its completion commit together or not at all. Throws LeaseLostError
   * (and `fn` never runs) when another worker claimed the job after this lease ran out.
   */
  completeWith<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
}

/** Runs one attempt of one kind of job. Returning nothing means done (or already completed via completeWith). */
export type JobHandler = (context: JobContext) => Promise<JobResult | undefined>;

/** Counters since the worker was made. */
export interface WorkerStats {
  completed: number;
  retried: number;
  failed: number;
  /** Results thrown away because the lease had run out and another worker had the job. */
  leaseLost: number;
  /** Claimed jobs handed straight back because their target was busy. */
  released: number;
}
