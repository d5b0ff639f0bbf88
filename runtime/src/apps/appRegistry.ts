import { type AppPackage, type CompiledApp, compileAppOrThrow, type SqlExecutor } from '@leadforge/engine';

export interface PublishedApp {
  readonly tenantId: string;
  readonly version: number;
  readonly app: CompiledApp;
}

export interface AppRegistry {
  /** The tenant's current published app, or null before the first publish. */
  current(tenantId: string): Promise<PublishedApp | null>;
  /** Replaces the cached app in one assignment: requests see the old or the new version, never a mix. */
  swap(published: PublishedApp): void;
}

interface CacheEntry {
  readonly published: PublishedApp | null;
  readonly checkedAt: number;
}

/**
 * Caches compiled apps per tenant. A publish in this process swaps at once; a publish by another
 * process sharing the database is picked up within `refreshMs`.
 */
export function createAppRegistry(db: SqlExecutor, refreshMs: number, now: () => number = Date.now): AppRegistry {
  const cache = new Map<string, CacheEntry>();
  const compiled = new Map<string, PublishedApp>();

  async function load(tenantId: string): Promise<PublishedApp | null> {
    const { rows } = await db.query<{ version: number }>('SELECT version FROM app_current WHERE tenant_id = $1', [
      tenantId,
    ]);
    const version = rows[0]?.version;
    if (version === undefined) return null;
    const key = `${tenantId}@${version}`;
    const known = compiled.get(key);
    if (known) return known;
    const pkgRows = await db.query<{ package: AppPackage }>(
      'SELECT package FROM app_versions WHERE tenant_id = $1 AND version = $2',
      [tenantId, version],
    );
    const pkg = pkgRows.rows[0]?.package;
    if (!pkg) return null;
    const published: PublishedApp = { tenantId, version, app: compileAppOrThrow(pkg) };
    compiled.set(key, published);
    return published;
  }

  return {
    async current(tenantId) {
      const entry = cache.get(tenantId);
      if (entry && now() - entry.checkedAt < refreshMs) return entry.published;
      const published = await load(tenantId);
      cache.set(tenantId, { published, checkedAt: now() });
      return published;
    },
    swap(published) {
      compiled.set(`${published.tenantId}@${published.version}`, published);
      cache.set(published.tenantId, { published, checkedAt: now() });
    },
  };
}
