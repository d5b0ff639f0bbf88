import { type CompiledApp, LeadforgeError } from '@leadforge/engine';
import type { DashboardDefinition } from '../../../engine/src/package/schemas/index.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { dashboardsOf, labelText, reportsOf } from './reportDefinitions.js';
import { mayReadReport, publishedOrThrow } from './reportRun.js';
import { type ReportRun, runStoredReport } from './reportService.js';
import { type RunOptions, runOptionsOrThrow } from './runOptions.js';

const DASHBOARD_ID = /^[a-z][a-z0-9_-]{0,62}$/;

/** Widgets of one dashboard run at once (each holds one connection for its read-only transaction). */
const WIDGET_CONCURRENCY = 4;

export interface DashboardSummary {
  readonly id: string;
  readonly label: string;
  readonly columns: number;
  readonly filters: DashboardDefinition['filters'] | null;
  readonly widgets: number;
}

/** One widget of a run: where it sits, and its report's run or the error that stopped it. */
export interface WidgetRun {
  readonly id: string;
  readonly report: string;
  readonly title: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly run?: ReportRun;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface DashboardRun {
  readonly dashboard: DashboardSummary;
  /** The global filters every widget ran with (the dashboard's default date range when none was asked). */
  readonly filters: RunOptions['globalFilters'];
  readonly widgets: readonly WidgetRun[];
}

function summaryOf(dashboard: DashboardDefinition, locale: string): DashboardSummary {
  return {
    id: dashboard.id,
    label: labelText(dashboard.label, locale, dashboard.id),
    columns: dashboard.columns ?? 12,
    filters: dashboard.filters ?? null,
    widgets: dashboard.widgets.length,
  };
}

/** A dashboard is readable when at least one of its widgets is (the others answer FORBIDDEN in place). */
function mayReadDashboard(app: CompiledApp, actor: Actor, dashboard: DashboardDefinition): boolean {
  const reports = reportsOf(app);
  return dashboard.widgets.some((w) => {
    const report = reports.get(w.report);
    return report !== undefined && mayReadReport(app, actor, report);
  });
}

export async function listDashboards(
  ctx: RuntimeContext,
  actor: Actor,
  query: Record<string, unknown>,
  acceptLanguage?: string,
) {
  const published = await publishedOrThrow(ctx, actor.tenantId);
  const { locale } = runOptionsOrThrow(published.app, query, undefined, acceptLanguage);
  const dashboards = [...dashboardsOf(published.app).values()]
    .filter((d) => mayReadDashboard(published.app, actor, d))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { dashboards: dashboards.map((d) => summaryOf(d, locale)) };
}

export function readableDashboardOrThrow(app: CompiledApp, actor: Actor, id: string): DashboardDefinition {
  const dashboard = DASHBOARD_ID.test(id) ? dashboardsOf(app).get(id) : undefined;
  if (!dashboard)
    throw new LeadforgeError('NOT_FOUND', 'no such dashboard', [{ path: '/id', message: 'no dashboard has this id' }]);
  if (!mayReadDashboard(app, actor, dashboard))
    throw new LeadforgeError('FORBIDDEN', "your role may read none of this dashboard's reports");
  return dashboard;
}

function errorOf(error: unknown): { code: string; message: string } {
  if (error instanceof LeadforgeError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'the report failed to run' };
}

/** A widget that keeps its report's own period runs without the dashboard's date range. */
function widgetOptions(widget: DashboardDefinition['widgets'][number], options: RunOptions): RunOptions {
  if (widget.keepPeriod !== true || options.globalFilters.dateRange === undefined) return options;
  const { dateRange: _ignored, ...rest } = options.globalFilters;
  return { ...options, globalFilters: rest };
}

/** Runs every widget with the same options, four at a time, in grid order; a failing widget reports its error in place. */
export async function runDashboardWidgets(
  ctx: RuntimeContext,
  app: CompiledApp,
  actor: Actor,
  dashboard: DashboardDefinition,
  options: RunOptions,
  log: (message: string) => void = (m) => console.error(m),
): Promise<DashboardRun> {
  const reports = reportsOf(app);
  const runWidget = async (widget: DashboardDefinition['widgets'][number]): Promise<WidgetRun> => {
    const report = reports.get(widget.report);
    const place = {
      id: widget.id,
      report: widget.report,
      title: labelText(widget.title ?? report?.label, options.locale, widget.id),
      x: widget.x,
      y: widget.y,
      w: widget.w,
      h: widget.h,
    };
    try {
      if (!report) throw new LeadforgeError('NOT_FOUND', `no report "${widget.report}"`);
      if (!mayReadReport(app, actor, report))
        throw new LeadforgeError('FORBIDDEN', 'your role may not read this report');
      return { ...place, run: await runStoredReport(ctx, app, actor, report, widgetOptions(widget, options)) };
    } catch (error) {
      if (!(error instanceof LeadforgeError)) log(`dashboard ${dashboard.id}, widget ${widget.id}: ${String(error)}`);
      return { ...place, error: errorOf(error) };
    }
  };
  // a few widgets at a time: a dashboard answers sooner without taking the whole connection pool
  const widgetRuns: WidgetRun[] = new Array(dashboard.widgets.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < dashboard.widgets.length; i = next++)
      widgetRuns[i] = await runWidget(dashboard.widgets[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(WIDGET_CONCURRENCY, dashboard.widgets.length) }, lane));
  return { dashboard: summaryOf(dashboard, options.locale), filters: options.globalFilters, widgets: widgetRuns };
}

/** `GET /api/v1/dashboards/:id`: every widget run with the query's global filters (or the dashboard's defaults). */
export async function runDashboard(
  ctx: RuntimeContext,
  actor: Actor,
  id: string,
  query: Record<string, unknown>,
  acceptLanguage?: string,
): Promise<DashboardRun> {
  const published = await publishedOrThrow(ctx, actor.tenantId);
  const dashboard = readableDashboardOrThrow(published.app, actor, id);
  const options = runOptionsOrThrow(published.app, query, dashboard, acceptLanguage);
  return runDashboardWidgets(ctx, published.app, actor, dashboard, options);
}
