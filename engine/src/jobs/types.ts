/**
 * Durable jobs: timers, delayed automation steps and outbox deliveries, kept in the `jobs`
 * table and claimed with `FOR UPDATE SKIP LOCKED` under a lease (issue 5).
 *
 * A claimed job's `run_at` is its lease expiry: a job whose worker died becomes due again when
 * the lease runs out, with no sweeper. `lease` is the fencing token: every claim increments it,
 * and completion only succeeds for the claim that still holds it.
 */

/** A job to write, usually inside the transaction that made it necessary. */
export interface NewJob {
  readonly tenantId: string;
  /** Which handler runs it, e.g. `delivery`, `automation.step`, `sla.reminder`. */
  readonly kind: string;
  /** JSON data for the handler. */
  readonly payload: unknown;
  /** When it becomes due. */
  readonly runAt: Date;
  /** Idempotency key, unique per tenant and kind: a second enqueue with the same key is a no-op. */
  readonly key?: string | undefined;
  /** What the job talks to (an endpoint id); a worker runs few jobs per target at once. */
  readonly target?: string | undefined;
  /** Claims before the job is failed without running again (guards against a job that kills its worker). */
  readonly maxAttempts?: number | undefined;
}

export interface EnqueuedJob {
  readonly id: string;
  /** False when a job with the same key already existed (nothing was written). */
  readonly created: boolean;
}

/** A job a worker holds. `lease` fences every write that finishes it. */
export interface ClaimedJob {
  readonly tenantId: string;
  readonly id: string;
  readonly kind: string;
  readonly key: string | null;
  readonly target: string | null;
  readonly payload: unknown;
  /** 1 on the first claim; counts every claim, including ones whose worker died. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly lease: number;
  /** When the lease runs out and another worker may take the job. */
  readonly leaseUntil: Date;
  readonly createdAt: Date;
  readonly lastError: string | null;
}

export type JobState = 'pending' | 'failed';

/** A job as stored, for operators' views and tests. */
export interface JobRecord {
  readonly tenantId: string;
  readonly id: string;
  readonly kind: string;
  readonly key: string | null;
  readonly target: string | null;
  readonly payload: unknown;
  readonly state: JobState;
  readonly runAt: Date;
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly lockedBy: string | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
}

export interface ClaimOptions {
  /** The worker's name, recorded on the rows it holds. */
  readonly workerId: string;
  /** The worker's clock reading; jobs with `run_at <= now` are due. */
  readonly now: Date;
  readonly leaseMs: number;
  readonly limit: number;
  /** Only these kinds (the handlers this worker has). */
  readonly kinds: readonly string[];
  /** Targets this worker is already busy with; their jobs stay for later or for another worker. */
  readonly busyTargets?: readonly string[];
}

/** A claim to finish: the job and the fencing token it was claimed with. */
export interface JobClaim {
  readonly tenantId: string;
  readonly id: string;
  readonly lease: number;
}
