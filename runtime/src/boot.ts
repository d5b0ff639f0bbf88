import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Clock,
  ensureIndexes,
  ensureTenant,
  LeadforgeError,
  type SqlDriver,
  systemClock,
} from '@leadforge/engine';
import { createActorCache } from './access/actorCache.js';
import { BUILT_IN_ADMIN_ROLE } from './access/permissions.js';
import { countUsers, createUser } from './access/users.js';
import { createAppRegistry } from './apps/appRegistry.js';
import { publishPackage } from './apps/publish.js';
import { scheduleAutomations } from './automation/scheduleRuns.js';
import { configFromEnv, type RuntimeConfig } from './config.js';
import type { RuntimeContext } from './context.js';
import { readPackageFolder } from './package/readPackageFolder.js';
import { openDatabase } from './store/openDatabase.js';

export const DEFAULT_TENANT = 'default';
const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples');

/** `--template b2b-saas` names a folder under samples/; anything with a slash is a path. */
export function templateFolder(template: string): string {
  return template.includes('/') || template.includes(path.sep)
    ? path.resolve(template)
    : path.join(SAMPLES_DIR, template);
}

export interface BootOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  readonly template?: string;
  readonly clock?: Clock;
  readonly config?: RuntimeConfig;
  readonly adminEmail?: string;
  readonly adminPassword?: string;
}

export interface Booted {
  readonly ctx: RuntimeContext;
  /** Set on the first start only: how to sign in as the admin that was just created. */
  readonly firstAdmin: { email: string; password: string } | null;
  readonly installedTemplate: string | null;
}

export async function installFolder(ctx: RuntimeContext, tenantId: string, folder: string, note: string) {
  const { pkg, problems } = await readPackageFolder(folder);
  if (problems.length > 0) {
    throw new LeadforgeError(
      'INVALID',
      `${folder} has ${problems.length} problems`,
      problems.map((p) => ({ path: `${p.file}:${p.pointer}`, message: p.message })),
    );
  }
  return publishPackage(ctx, tenantId, pkg, { actorId: null, note });
}

/** Opens the database, applies migrations and, on a first start, installs the template and creates an admin. */
export async function bootRuntime(options: BootOptions): Promise<Booted> {
  const db: SqlDriver = await openDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  try {
    const config = options.config ?? configFromEnv();
    const ctx: RuntimeContext = {
      db,
      clock: options.clock ?? systemClock,
      config,
      apps: createAppRegistry(db, config.appRefreshMs),
      actors: createActorCache(config.authCacheMs),
    };
    await ensureTenant(db, DEFAULT_TENANT, 'Default');
    let installedTemplate: string | null = null;
    const current = await ctx.apps.current(DEFAULT_TENANT);
    if (!current) {
      const template = options.template ?? 'b2b-saas';
      await installFolder(ctx, DEFAULT_TENANT, templateFolder(template), `installed template ${template}`);
      installedTemplate = template;
    } else {
      await ensureIndexes(db, current.app.indexes);
      await scheduleAutomations(ctx, current);
    }
    let firstAdmin: Booted['firstAdmin'] = null;
    if ((await countUsers(db, DEFAULT_TENANT)) === 0) {
      const email = options.adminEmail ?? process.env['LEADFORGE_ADMIN_EMAIL'] ?? 'admin@leadforge.local';
      const password =
        options.adminPassword ?? process.env['LEADFORGE_ADMIN_PASSWORD'] ?? randomBytes(12).toString('base64url');
      await createUser(db, DEFAULT_TENANT, { email, name: 'Administrator', password, role: BUILT_IN_ADMIN_ROLE });
      firstAdmin = { email, password };
    }
    return { ctx, firstAdmin, installedTemplate };
  } catch (err) {
    await db.close();
    throw err;
  }
}
