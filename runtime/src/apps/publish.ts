import {
  type AppPackage,
  compileApp,
  ensureIndexes,
  formatProblem,
  LeadforgeError,
  type PackageProblem,
} from '@leadforge/engine';
import { createAutomationLists } from '../automation/automationLists.js';
import { scheduleAutomations } from '../automation/scheduleRuns.js';
import type { RuntimeContext } from '../context.js';
import { packageEndpointProblems } from '../jobs/packageEndpoints.js';
import { routingTenantProblems } from '../routing/routingReferences.js';
import { startScoringRuns } from '../scoring/scoringRuns.js';
import type { PublishedApp } from './appRegistry.js';

export interface VersionInfo {
  readonly version: number;
  readonly fingerprint: string;
  readonly publishedAt: string;
  readonly publishedBy: string | null;
  readonly note: string | null;
  readonly current: boolean;
}

function invalid(problems: readonly PackageProblem[]): LeadforgeError {
  return new LeadforgeError(
    'INVALID',
    `the package has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    problems.map((p) => ({ path: `${p.file}:${p.pointer}`, message: formatProblem(p) })),
  );
}

export interface PublishOptions {
  readonly actorId: string | null;
  readonly note?: string | null;
  /** Refuse with STALE_VERSION if the current version is not this one (two admins publishing at once). */
  readonly expectedVersion?: number;
}

/** Validates, compiles and stores a package as the next immutable version, then swaps it in. */
export async function publishPackage(
  ctx: RuntimeContext,
  tenantId: string,
  pkg: AppPackage,
  options: PublishOptions,
): Promise<PublishedApp> {
  const compiled = compileApp(pkg);
  if (!compiled.ok) throw invalid(compiled.problems);
  // issue 5: the delivery endpoints the package names must exist and be sound (docs/delivery.md)
  const endpointProblems = await packageEndpointProblems(ctx, tenantId, pkg);
  if (endpointProblems.length > 0) throw invalid(endpointProblems);
  const app = compiled.app;
  const tenantProblems = await routingTenantProblems(ctx.db, tenantId, app);
  if (tenantProblems.length > 0) throw invalid(tenantProblems);
  const version = await ctx.db.transaction(async (tx) => {
    // Serialises publishers of one tenant; the row may not exist yet, so lock on the tenant row.
    await tx.query('SELECT 1 FROM tenants WHERE tenant_id = $1 FOR UPDATE', [tenantId]);
    const { rows } = await tx.query<{ version: number | null }>(
      'SELECT (SELECT version FROM app_current WHERE tenant_id = $1) AS version',
      [tenantId],
    );
    const current = rows[0]?.version ?? 0;
    if (options.expectedVersion !== undefined && options.expectedVersion !== current) {
      throw new LeadforgeError('STALE_VERSION', `the current version is ${current}, not ${options.expectedVersion}`, [
        { path: '/expectedVersion', message: `current version is ${current}` },
      ]);
    }
    const { rows: maxRows } = await tx.query<{ v: number }>(
      'SELECT COALESCE(max(version), 0)::int AS v FROM app_versions WHERE tenant_id = $1',
      [tenantId],
    );
    const next = (maxRows[0]?.v ?? 0) + 1;
    await tx.query(
      `INSERT INTO app_versions (tenant_id, version, package, fingerprint, published_at, published_by, note)
       VALUES ($1, $2, $3::json, $4, $5, $6, $7)`,
      [tenantId, next, JSON.stringify(pkg), app.fingerprint, ctx.clock.now(), options.actorId, options.note ?? null],
    );
    await tx.query(
      `INSERT INTO app_current (tenant_id, version) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version`,
      [tenantId, next],
    );
    await tx.query('DELETE FROM app_drafts WHERE tenant_id = $1', [tenantId]);
    return next;
  });
  await ensureIndexes(ctx.db, app.indexes);
  const published: PublishedApp = { tenantId, version, app };
  ctx.apps.swap(published);
  await startScoringRuns(ctx, published);
  await scheduleAutomations(ctx, published);
  await createAutomationLists(ctx.db, published, ctx.clock.now());
  return published;
}

export async function listVersions(ctx: RuntimeContext, tenantId: string): Promise<VersionInfo[]> {
  const { rows } = await ctx.db.query<{
    version: number;
    fingerprint: string;
    published_at: Date | string;
    published_by: string | null;
    note: string | null;
    current: boolean;
  }>(
    `SELECT v.version, v.fingerprint, v.published_at, v.published_by, v.note,
            (c.version IS NOT NULL) AS current
       FROM app_versions v LEFT JOIN app_current c ON c.tenant_id = v.tenant_id AND c.version = v.version
      WHERE v.tenant_id = $1 ORDER BY v.version DESC`,
    [tenantId],
  );
  return rows.map((r) => ({
    version: r.version,
    fingerprint: r.fingerprint,
    publishedAt: new Date(r.published_at).toISOString(),
    publishedBy: r.published_by,
    note: r.note,
    current: r.current,
  }));
}

export async function getVersionPackage(ctx: RuntimeContext, tenantId: string, version: number): Promise<AppPackage> {
  const { rows } = await ctx.db.query<{ package: AppPackage }>(
    'SELECT package FROM app_versions WHERE tenant_id = $1 AND version = $2',
    [tenantId, version],
  );
  if (!rows[0]) throw new LeadforgeError('NOT_FOUND', `version ${version} does not exist`);
  return rows[0].package;
}

/** Rolling back publishes the old content as a new version, so history only ever grows. */
export async function rollbackTo(
  ctx: RuntimeContext,
  tenantId: string,
  version: number,
  actorId: string | null,
): Promise<PublishedApp> {
  const pkg = await getVersionPackage(ctx, tenantId, version);
  return publishPackage(ctx, tenantId, pkg, { actorId, note: `rollback to version ${version}` });
}

export async function saveDraft(ctx: RuntimeContext, tenantId: string, pkg: AppPackage, actorId: string | null) {
  await ctx.db.query(
    `INSERT INTO app_drafts (tenant_id, package, updated_at, updated_by) VALUES ($1, $2::json, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET package = EXCLUDED.package, updated_at = EXCLUDED.updated_at,
       updated_by = EXCLUDED.updated_by`,
    [tenantId, JSON.stringify(pkg), ctx.clock.now(), actorId],
  );
}

/** The draft being edited, or a copy of the current published package when there is none. */
export async function getDraft(ctx: RuntimeContext, tenantId: string): Promise<{ pkg: AppPackage; saved: boolean }> {
  const { rows } = await ctx.db.query<{ package: AppPackage }>('SELECT package FROM app_drafts WHERE tenant_id = $1', [
    tenantId,
  ]);
  if (rows[0]) return { pkg: rows[0].package, saved: true };
  const current = await ctx.db.query<{ version: number }>('SELECT version FROM app_current WHERE tenant_id = $1', [
    tenantId,
  ]);
  const v = current.rows[0]?.version;
  return { pkg: v === undefined ? { files: {} } : await getVersionPackage(ctx, tenantId, v), saved: false };
}

/** Publishes the saved draft; without one there is nothing to publish (INVALID). */
export async function publishDraft(ctx: RuntimeContext, tenantId: string, options: PublishOptions) {
  const { pkg, saved } = await getDraft(ctx, tenantId);
  if (!saved)
    throw new LeadforgeError('INVALID', 'there is no saved draft to publish', [
      { path: '', message: 'save a draft first' },
    ]);
  return publishPackage(ctx, tenantId, pkg, options);
}
