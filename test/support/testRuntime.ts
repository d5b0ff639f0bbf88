import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '@leadforge/engine';
import { parseAllowList, parseSecretKey } from '../../engine/src/delivery/index.js';
import { bootRuntime, DEFAULT_TENANT } from '../../runtime/src/boot.js';
import { configFromEnv, type RuntimeConfig } from '../../runtime/src/config.js';
import type { RuntimeContext } from '../../runtime/src/context.js';
import { deliveryPolicy, type Resolver } from '../../runtime/src/jobs/deliveryPolicy.js';
import { jobHandlersForContext } from '../../runtime/src/jobs/jobHandlers.js';
import type { JobWorker } from '../../runtime/src/jobs/jobWorker.js';
import { type RuntimeDelivery, setRuntimeDelivery } from '../../runtime/src/jobs/runtimeDelivery.js';
import { createJobRunner } from '../../runtime/src/jobs/startJobs.js';
import { startHttpServer } from '../../runtime/src/server/startHttpServer.js';
import { freshPgliteDir, withPostgresDatabase } from './databases.js';
import { type Client, client } from './http.js';

export type DriverName = 'postgres' | 'pglite';

export interface TestRuntime {
  readonly url: string;
  readonly ctx: RuntimeContext;
  readonly admin: Client;
  readonly adminEmail: string;
  readonly adminPassword: string;
  /** The delivery services the HTTP routes use (registries, policy, a keyring made for this run). */
  readonly delivery: RuntimeDelivery;
  /** The job worker, when started with `jobs: true`. */
  readonly jobs: JobWorker | null;
  signIn(email: string, password: string, tenant?: string): Promise<Client>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface TestDeliveryOptions {
  /** Like LEADFORGE_DELIVERY_ALLOW_HOSTS, e.g. `127.0.0.1:4010` for a receiver on loopback. */
  readonly allowHosts?: string;
  /** A DNS stand-in (rebinding tests). */
  readonly resolve?: Resolver;
  readonly timeoutMs?: number;
}

/** Boots the real runtime on a fresh database (PostgreSQL or PGlite) and serves it on loopback. */
export async function startTestRuntime(
  options: {
    driver?: DriverName;
    clock?: Clock;
    config?: Partial<RuntimeConfig>;
    template?: string;
    /** Delivery policy for this runtime (a fresh secret key is always made, whatever the environment says). */
    delivery?: TestDeliveryOptions;
    /** Runs the job worker as `leadforge start` does (outbox deliveries and every job kind), polling every 50 ms. */
    jobs?: boolean;
  } = {},
): Promise<TestRuntime> {
  const driver = options.driver ?? 'postgres';
  let dataDir = '';
  let dropDb: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (driver === 'postgres') {
    const db = await withPostgresDatabase();
    databaseUrl = db.url;
    dropDb = db.drop;
  }
  dataDir = driver === 'pglite' ? await freshPgliteDir() : await mkdtemp(path.join(tmpdir(), 'lf-runtime-'));
  const booted = await bootRuntime({
    dataDir,
    databaseUrl,
    config: configFromEnv({ appRefreshMs: 0, ...options.config }),
    adminEmail: 'admin@example.com',
    adminPassword: ADMIN_PASSWORD,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.template ? { template: options.template } : {}),
  });
  const delivery = setRuntimeDelivery(booted.ctx, {
    keyring: [parseSecretKey(randomBytes(32).toString('base64'))],
    policy: deliveryPolicy({
      allowList: parseAllowList(options.delivery?.allowHosts ?? ''),
      ...(options.delivery?.resolve ? { resolve: options.delivery.resolve } : {}),
      ...(options.delivery?.timeoutMs ? { timeoutMs: options.delivery.timeoutMs } : {}),
    }),
  });
  const { server, url } = await startHttpServer(booted.ctx, 0, '127.0.0.1', { log: () => {} });
  const jobs = options.jobs
    ? createJobRunner({ ...delivery, handlers: jobHandlersForContext(booted.ctx), worker: { pollIntervalMs: 50 } })
    : null;
  jobs?.start();
  const signIn = async (email: string, password: string, tenant = DEFAULT_TENANT) => {
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, tenant }),
    });
    const body = (await res.json()) as { token?: string };
    if (res.status !== 200 || !body.token)
      throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(body)}`);
    return client(url, body.token);
  };
  const admin = await signIn('admin@example.com', ADMIN_PASSWORD);
  return {
    url,
    ctx: booted.ctx,
    admin,
    adminEmail: 'admin@example.com',
    adminPassword: ADMIN_PASSWORD,
    delivery,
    jobs,
    signIn,
    async close() {
      await jobs?.stop();
      await closeServer(server);
      await booted.ctx.db.close();
      await dropDb?.();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
