import type { Clock, SqlDriver } from '@leadforge/engine';
import { type ChannelRegistry, DELIVERY_JOB_KIND, type SecretKeyring } from '../../../engine/src/delivery/index.js';
import type { DeliveryPolicy } from './deliveryPolicy.js';
import { deliveryHandler } from './deliveryHandler.js';
import { createJobWorker, type JobWorker, type JobWorkerOptions } from './jobWorker.js';
import type { JobHandler } from './types.js';

export interface JobRunnerOptions {
  readonly db: SqlDriver;
  readonly clock: Clock;
  readonly channels: ChannelRegistry;
  readonly policy: DeliveryPolicy;
  readonly keyring: SecretKeyring;
  /** Jitter source for retry delays (tests fix it). */
  readonly random?: () => number;
  /** Other job kinds (automation steps, SLA timers), by kind. */
  readonly handlers?: Readonly<Record<string, JobHandler>>;
  readonly worker?: Omit<JobWorkerOptions, 'db' | 'clock' | 'handlers'>;
}

/**
 * The job worker `leadforge start` runs in every process: outbox deliveries plus any other
 * handlers. On PostgreSQL every process may run one (claims never collide); on embedded PGlite
 * there is one process, so one worker. Call `start()` on the result, `stop()` on shutdown.
 */
export function createJobRunner(options: JobRunnerOptions): JobWorker {
  const delivery = deliveryHandler({
    channels: options.channels,
    policy: options.policy,
    keyring: options.keyring,
    ...(options.random ? { random: options.random } : {}),
  });
  return createJobWorker({
    ...options.worker,
    db: options.db,
    clock: options.clock,
    handlers: { ...options.handlers, [DELIVERY_JOB_KIND]: delivery },
  });
}
