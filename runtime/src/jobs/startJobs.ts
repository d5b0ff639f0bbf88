import type { Clock, SqlDriver } from '@leadforge/engine';
import { type ChannelRegistry, DELIVERY_JOB_KIND, type SecretKeyring } from '../../../engine/src/delivery/index.js';
import type { RuntimeContext } from '../context.js';
import { deliveryHandler } from './deliveryHandler.js';
import { type DeliveryPolicy, deliveryPolicyFromEnv } from './deliveryPolicy.js';
import { createJobWorker, type JobWorker, type JobWorkerOptions } from './jobWorker.js';
import { secretKeyringFromEnv } from './secretKeyring.js';
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

/**
 * The worker for a booted runtime: delivery settings and the secret keyring from the
 * environment (docs/delivery.md), the context's database and clock. `leadforge start` calls
 * `start()` on it after the HTTP server listens and `stop()` before closing the database.
 */
export function jobRunnerForContext(
  ctx: Pick<RuntimeContext, 'db' | 'clock'>,
  channels: ChannelRegistry,
  handlers: Readonly<Record<string, JobHandler>> = {},
  env: NodeJS.ProcessEnv = process.env,
): JobWorker {
  return createJobRunner({
    db: ctx.db,
    clock: ctx.clock,
    channels,
    policy: deliveryPolicyFromEnv(env),
    keyring: secretKeyringFromEnv(env),
    handlers,
  });
}
