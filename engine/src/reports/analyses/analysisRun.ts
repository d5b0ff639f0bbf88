import type { CompiledApp, Label } from '../../compile/types.js';
import type { Problem, Result } from '../../errors/types.js';
import { compileFilter } from '../../filter/compileFilter.js';
import { isUuid } from '../../filter/isUuid.js';
import {
  isRelativeRange,
  type ResolvedRange,
  rangeDates,
  rangeInstants,
  resolveAbsoluteRange,
  resolveRelativeRange,
} from '../../filter/relativeDates.js';
import type { RowScope } from '../../store/rowScope.js';
import { scopeCondition } from '../../store/rowScope.js';
import { type SqlFragment, sql } from '../../store/sql.js';
import { reportFilterOptions, viewerScope } from '../compile/reportFilter.js';
import type { ReportRunContext } from '../types.js';

/** The period an analysis runs over: its own period and the dashboard's date range, intersected. */
export interface AnalysisWindow {
  /** Instants for date-time columns (`created_at`), `to` exclusive, ISO. */
  readonly from: string;
  readonly to: string;
  /** Local dates for date fields (`close_date`, `month`), `toDate` exclusive. */
  readonly fromDate: string;
  readonly toDate: string;
}

/** A filter in the JSON filter language, as plain data (it is also what drill-down returns). */
export type Filter = Record<string, unknown>;

/** Everything an analysis needs to build its statement and its drill-downs. */
export interface AnalysisRun {
  readonly app: CompiledApp;
  readonly ctx: ReportRunContext;
  readonly window: AnalysisWindow | undefined;
  /** The dashboard's owner and team filters as filter conditions (`{ owner, team }`). */
  readonly people: Filter;
  readonly problems: Problem[];
}

function resolveRange(
  range: unknown,
  ctx: ReportRunContext,
  path: string,
  problems: Problem[],
): ResolvedRange | undefined {
  const relative = typeof range === 'object' && range !== null && 'relative' in range ? range.relative : range;
  if (isRelativeRange(relative)) return resolveRelativeRange(relative, ctx.now, ctx.timeZone);
  if (typeof range === 'object' && range !== null && 'from' in range && 'to' in range) {
    const resolved = resolveAbsoluteRange(range.from, range.to);
    if (typeof resolved !== 'string') return resolved;
    problems.push({ path, message: resolved });
    return undefined;
  }
  problems.push({ path, message: 'expected a named range such as "this_quarter" or { "from", "to" }' });
  return undefined;
}

function windowOf(range: ResolvedRange, timeZone: string): AnalysisWindow {
  const instants = rangeInstants(range, timeZone);
  const dates = rangeDates(range, timeZone);
  return { from: instants.from.toISOString(), to: instants.to.toISOString(), fromDate: dates.from, toDate: dates.to };
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** Resolves the analysis's period and the run's global filters, refusing malformed ones with pointers. */
export function analysisRun(app: CompiledApp, ctx: ReportRunContext, period: unknown): AnalysisRun {
  const problems: Problem[] = [];
  const windows: AnalysisWindow[] = [];
  if (period !== undefined) {
    const range = resolveRange(period, ctx, '/analysis/period', problems);
    if (range) windows.push(windowOf(range, ctx.timeZone));
  }
  const global = ctx.globalFilters;
  if (global?.dateRange !== undefined) {
    const range = resolveRange(global.dateRange, ctx, '/globalFilters/dateRange', problems);
    if (range) windows.push(windowOf(range, ctx.timeZone));
  }
  const window = windows.reduce<AnalysisWindow | undefined>(
    (acc, w) =>
      acc === undefined
        ? w
        : {
            from: later(acc.from, w.from),
            to: earlier(acc.to, w.to),
            fromDate: later(acc.fromDate, w.fromDate),
            toDate: earlier(acc.toDate, w.toDate),
          },
    undefined,
  );
  const people: Filter = {};
  for (const [key, name] of [
    ['ownerId', 'owner'],
    ['teamId', 'team'],
  ] as const) {
    const value = global?.[key];
    if (value === undefined) continue;
    if (isUuid(value)) people[name] = value.toLowerCase();
    else problems.push({ path: `/globalFilters/${key}`, message: 'expected a UUID' });
  }
  return { app, ctx, window, people, problems };
}

/** `{ createdAt: { $gte, $lt } }` for the window, or nothing. */
export function createdInWindow(run: AnalysisRun): Filter {
  return run.window ? { createdAt: { $gte: run.window.from, $lt: run.window.to } } : {};
}

/** A date (or date-time) field within the window, or nothing. */
export function fieldInWindow(run: AnalysisRun, object: string, field: string): Filter {
  if (!run.window) return {};
  const type = run.app.objects[object]?.fields[field]?.type;
  return type === 'datetime'
    ? { [field]: { $gte: run.window.from, $lt: run.window.to } }
    : { [field]: { $gte: run.window.fromDate, $lt: run.window.toDate } };
}

/** The viewer's row scope written in the filter language, for conditions on related records. */
export function scopeFilter(scope: RowScope): Filter {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'own':
      return { owner: scope.userId };
    case 'team':
      return scope.teamId === null
        ? { owner: scope.userId }
        : { $or: [{ team: scope.teamId }, { owner: scope.userId }] };
  }
}

/**
 * `tenant AND object AND live AND scope AND (filter)` for the records of `object`: the filter is
 * compiled by the filter language itself, so the statement and the drill-down filter it returns
 * select the very same records. Problems (a hidden field, …) are collected on the run.
 */
export function recordsWhere(run: AnalysisRun, object: string, filter: Filter): SqlFragment {
  const compiled = run.app.objects[object];
  if (!compiled) {
    run.problems.push({ path: '/analysis', message: `unknown object "${object}"` });
    return sql`FALSE`;
  }
  const result = compileFilter(filter, compiled, reportFilterOptions(run.app, compiled, run.ctx));
  if (!result.ok) {
    for (const p of result.problems) run.problems.push({ path: '/analysis', message: `${object}: ${p.message}` });
    return sql`FALSE`;
  }
  return sql`tenant_id = ${run.ctx.tenantId} AND object = ${object} AND deleted_at IS NULL AND ${scopeCondition(viewerScope(run.ctx, object))} AND (${result.value})`;
}

/** Refuses fields the viewer may not see that an analysis reads (sums, dates), besides its filters. */
export function requireVisible(run: AnalysisRun, object: string, fields: readonly string[]): void {
  const hidden = run.ctx.hiddenFields?.get(object);
  for (const field of fields) {
    if (hidden?.has(field)) {
      run.problems.push({
        path: '/analysis',
        message: `field "${field}" of ${object} is hidden from you, so this report is refused`,
      });
    }
  }
}

/** A number from a jsonb field: other types read as NULL, never as a cast error. */
export function numberField(field: string): SqlFragment {
  const expr = sql`data->${sql.key(field)}`;
  return sql`(CASE WHEN jsonb_typeof(${expr}) = 'number' THEN (${expr})::numeric END)`;
}

/** A label's text in the run's locale, else English, else the first. */
export function labelText(label: Label, locale: string, fallback: string): string {
  return label[locale] ?? label['en'] ?? Object.values(label)[0] ?? fallback;
}

/** A number as read from a driver (numeric and bigint arrive as strings). */
export function numberOf(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function fail<T>(problems: readonly Problem[]): Result<T> {
  return { ok: false, problems: [...problems] };
}
