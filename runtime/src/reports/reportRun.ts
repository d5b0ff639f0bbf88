import { type CompiledApp, LeadforgeError, type RowScope, render, type SqlExecutor } from '@leadforge/engine';
import { compileAnalysis, compileReport } from '../../../engine/src/reports/index.js';
import type { CompiledReport, ReportResult, ReportRunContext } from '../../../engine/src/reports/types.js';
import { hiddenFields, objectPermission, rowScope } from '../access/permissions.js';
import type { Actor } from '../access/types.js';
import type { PublishedApp } from '../apps/appRegistry.js';
import { appTimeZone } from '../apps/appTimeZone.js';
import type { RuntimeContext } from '../context.js';
import { mainObjectOf, type StoredReport } from './reportDefinitions.js';
import type { RunOptions } from './runOptions.js';

/** A run's statements may not write and may not run away with the database. */
const STATEMENT_TIMEOUT = '60s';

/** True when the actor's role may read the report: whoever may read its object (an analysis: its main object). */
export function mayReadReport(app: CompiledApp, actor: Actor, report: StoredReport): boolean {
  return objectPermission(app, actor, mainObjectOf(report))?.read === true;
}

/**
 * Who looks and when, as the records API decides it: the row scope of the report's main object,
 * and per object the fields the role may not read (every field of an object it may not read).
 */
export function runContextFor(
  ctx: RuntimeContext,
  app: CompiledApp,
  actor: Actor,
  report: StoredReport,
  options: RunOptions,
): ReportRunContext {
  const permission = objectPermission(app, actor, mainObjectOf(report));
  if (!permission?.read)
    throw new LeadforgeError('FORBIDDEN', `your role may not read ${mainObjectOf(report)} records`);
  const hidden = new Map<string, ReadonlySet<string>>();
  const scopes = new Map<string, RowScope>();
  for (const [name, object] of Object.entries(app.objects)) {
    const p = objectPermission(app, actor, name);
    // an object the role may not read has every field hidden: a report reaching it is refused
    hidden.set(name, p?.read ? hiddenFields(p) : new Set(Object.keys(object.fields)));
    if (p?.read) scopes.set(name, rowScope(p, actor));
  }
  return {
    tenantId: actor.tenantId,
    scope: rowScope(permission, actor),
    scopes,
    hiddenFields: hidden,
    now: ctx.clock.now(),
    timeZone: appTimeZone(app),
    locale: options.locale,
    globalFilters: options.globalFilters,
  };
}

/**
 * Compiles a report for one run: a built-in analysis (`analysis`) with compileAnalysis, any other
 * with compileReport. A definition the compiler refuses for this viewer answers 422 with its problems.
 */
export function compileForRun(app: CompiledApp, report: StoredReport, runContext: ReportRunContext): CompiledReport {
  const compiled =
    report.analysis !== undefined
      ? compileAnalysis(report as Parameters<typeof compileAnalysis>[0], app, runContext)
      : compileReport(report, app, runContext);
  if (!compiled.ok) throw new LeadforgeError('INVALID', `report "${report.id}" cannot run`, compiled.problems);
  return compiled.value;
}

/** Runs the compiled SQL (current, then previous period) in one read-only transaction. */
export async function executeReport(ctx: RuntimeContext, compiled: CompiledReport): Promise<ReportResult> {
  return ctx.db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION READ ONLY');
    await tx.query(`SET LOCAL statement_timeout = '${STATEMENT_TIMEOUT}'`);
    const run = async (db: SqlExecutor, fragment: CompiledReport['current']) => {
      const { text, params } = render(fragment);
      return (await db.query(text, params)).rows;
    };
    const current = await run(tx, compiled.current);
    const previous = compiled.previous ? await run(tx, compiled.previous) : undefined;
    return compiled.toResult(current, previous);
  });
}

/** The published app, or 404 before the first publish. */
export async function publishedOrThrow(ctx: RuntimeContext, tenantId: string): Promise<PublishedApp> {
  const published = await ctx.apps.current(tenantId);
  if (!published) throw new LeadforgeError('NOT_FOUND', 'no app is published yet');
  return published;
}
