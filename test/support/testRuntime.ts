import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '@leadforge/engine';
import { bootRuntime, DEFAULT_TENANT } from '../../runtime/src/boot.js';
import { configFromEnv, type RuntimeConfig } from '../../runtime/src/config.js';
import type { RuntimeContext } from '../../runtime/src/context.js';
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
  signIn(email: string, password: string, tenant?: string): Promise<Client>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD = 'correct horse battery staple';

/** Boots the real runtime on a fresh database (PostgreSQL or PGlite) and serves it on loopback. */
export async function startTestRuntime(
  options: { driver?: DriverName; clock?: Clock; config?: Partial<RuntimeConfig>; template?: string } = {},
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
  const { server, url } = await startHttpServer(booted.ctx, 0, '127.0.0.1', { log: () => {} });
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
    signIn,
    async close() {
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
