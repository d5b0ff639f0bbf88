import { type CompiledApp, LeadforgeError, type Problem, render } from '@leadforge/engine';
import { type ChartOption, countSourceRows, reportToEChartsOption } from '../../../engine/src/reports/index.js';
import type { ChartDefinition, DrillDown, ReportResult, ReportRunContext } from '../../../engine/src/reports/types.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { isPlainObject } from '../records/recordInput.js';
import { countRecords } from '../records/recordService.js';
import { labelText, mainObjectOf, reportsOf, type StoredReport } from './reportDefinitions.js';
import { EXPORT_FORMATS, type ExportFormat, type ReportFile, reportFile } from './reportExport.js';
import { compileForRun, executeReport, mayReadReport, publishedOrThrow, runContextFor } from './reportRun.js';
import { type RunOptions, runOptionsOrThrow } from './runOptions.js';

/** What a listing shows of a report. */
export interface ReportSummary {
  readonly id: string;
  readonly label: string;
  readonly description: string | null;
  readonly object: string;
  readonly analysis: string | null;
  readonly chart: string;
}

/** A report's run: what it is, its numbers and the echarts option that draws them. */
export interface ReportRun {
  readonly report: ReportSummary;
  readonly result: ReportResult;
  readonly chart: ChartOption;
}

const REPORT_ID = /^[a-z][a-z0-9_-]{0,62}$/;

export function summaryOf(report: StoredReport, locale: string): ReportSummary {
  return {
    id: report.id,
    label: labelText(report.label, locale, report.id),
    description: report.description ? labelText(report.description, locale) : null,
    object: mainObjectOf(report),
    analysis: report.analysis?.kind ?? null,
    chart: report.chart?.type ?? 'table',
  };
}

function chartDefinitionOf(report: StoredReport): ChartDefinition {
  return {
    label: report.label,
    chart: { type: (report.chart?.type ?? 'table') as ChartDefinition['chart']['type'], ...chartMax(report) },
  };
}

function chartMax(report: StoredReport): { max?: number } {
  const max = (report.chart as { max?: unknown } | undefined)?.max;
  return typeof max === 'number' ? { max } : {};
}

/** The report with this id that the actor may read; any other id answers 404 naming `/id`. */
export function readableReportOrThrow(app: CompiledApp, actor: Actor, id: string): StoredReport {
  const report = REPORT_ID.test(id) ? reportsOf(app).get(id) : undefined;
  if (!report)
    throw new LeadforgeError('NOT_FOUND', 'no such report', [{ path: '/id', message: 'no report has this id' }]);
  if (!mayReadReport(app, actor, report))
    throw new LeadforgeError('FORBIDDEN', `your role may not read ${mainObjectOf(report)} records`);
  return report;
}

/** The published app's reports the actor may read, in id order. */
export async function listReports(
  ctx: RuntimeContext,
  actor: Actor,
  query: Record<string, unknown>,
  acceptLanguage?: string,
) {
  const published = await publishedOrThrow(ctx, actor.tenantId);
  const { locale } = runOptionsOrThrow(published.app, query, undefined, acceptLanguage);
  const reports = [...reportsOf(published.app).values()]
    .filter((r) => mayReadReport(published.app, actor, r))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { reports: reports.map((r) => summaryOf(r, locale)) };
}

/** Runs one report for the actor with the given options (no access check: callers check first). */
export async function runStoredReport(
  ctx: RuntimeContext,
  app: CompiledApp,
  actor: Actor,
  report: StoredReport,
  options: RunOptions,
): Promise<ReportRun> {
  const compiled = compileForRun(app, report, runContextFor(ctx, app, actor, report, options));
  const result = await executeReport(ctx, compiled);
  return {
    report: summaryOf(report, options.locale),
    result,
    chart: reportToEChartsOption(result, chartDefinitionOf(report), { locale: options.locale }),
  };
}

/** `GET /api/v1/reports/:id`: runs the report under the actor's scope with the query's global filters. */
export async function runReport(
  ctx: RuntimeContext,
  actor: Actor,
  id: string,
  query: Record<string, unknown>,
  acceptLanguage?: string,
): Promise<ReportRun> {
  const published = await publishedOrThrow(ctx, actor.tenantId);
  const options = runOptionsOrThrow(published.app, query, undefined, acceptLanguage);
  const report = readableReportOrThrow(published.app, actor, id);
  return runStoredReport(ctx, published.app, actor, report, options);
}

/** The records behind one data point, how many the actor can list, and where to list them. */
export interface DrillAnswer {
  readonly source: 'object' | 'events' | 'activities' | 'stage_history';
  readonly object: string;
  readonly filter: Readonly<Record<string, unknown>>;
  /** Records: what the records list counts for this filter under the actor's scope; events, activities, stage stays: their count. */
  readonly count: number | null;
  readonly href: string | null;
}

const MAX_KEYS = 3;

function drillBodyOrThrow(body: unknown): { keys: (string | number | null)[]; measure: string | undefined } {
  if (!isPlainObject(body))
    throw new LeadforgeError('MALFORMED', 'request body must be a JSON object', [
      { path: '', message: 'must be an object' },
    ]);
  const problems: Problem[] = [];
  for (const key of Object.keys(body)) {
    if (key !== 'keys' && key !== 'measure')
      problems.push({ path: `/${key}`, message: `unknown property "${key}"; expected one of: keys, measure` });
  }
  const keys = body['keys'];
  if (!Array.isArray(keys) || keys.length > MAX_KEYS) {
    problems.push({ path: '/keys', message: `must be an array of at most ${MAX_KEYS} dimension keys` });
  } else {
    keys.forEach((k, i) => {
      const ok =
        k === null || (typeof k === 'string' && k.length <= 500) || (typeof k === 'number' && Number.isFinite(k));
      if (!ok)
        problems.push({ path: `/keys/${i}`, message: 'must be a string (up to 500 characters), a number or null' });
    });
  }
  const measure = body['measure'];
  if (measure !== undefined && (typeof measure !== 'string' || !REPORT_ID.test(measure)))
    problems.push({ path: '/measure', message: 'must be a measure id of the report' });
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'invalid drill-down request', problems);
  return { keys: keys as (string | number | null)[], measure: measure as string | undefined };
}

/**
 * Events, activities or stage stays behind a point, counted with the source filter the point
 * names, under the run's scope of the records they belong to (a leaderboard's activities: its own filter).
 */
async function countSourceRowsOf(
  ctx: RuntimeContext,
  app: CompiledApp,
  runContext: ReportRunContext,
  drill: DrillDown,
): Promise<number> {
  const statement = countSourceRows(app, runContext, drill);
  if (!statement.ok) throw new LeadforgeError('INTERNAL', 'the drill-down filter does not compile');
  const { text, params } = render(statement.value);
  const { rows } = await ctx.db.query<{ n: number }>(text, params);
  return Number(rows[0]?.n ?? 0);
}

/** `POST /api/v1/reports/:id/drill`: the filter behind a point, counted through the records list. */
export async function drillReport(
  ctx: RuntimeContext,
  actor: Actor,
  id: string,
  query: Record<string, unknown>,
  body: unknown,
  acceptLanguage?: string,
): Promise<DrillAnswer> {
  const published = await publishedOrThrow(ctx, actor.tenantId);
  const input = drillBodyOrThrow(body);
  const options = runOptionsOrThrow(published.app, query, undefined, acceptLanguage);
  const report = readableReportOrThrow(published.app, actor, id);
  const runContext = runContextFor(ctx, published.app, actor, report, options);
  const compiled = compileForRun(published.app, report, runContext);
  const drill = compiled.drillDown(input.keys, input.measure);
  if (!drill.ok) {
    throw new LeadforgeError(
      'MALFORMED',
      'this point cannot be drilled into',
      drill.problems.map((p) => ({ path: p.path.startsWith('/') ? p.path : `/keys${p.path}`, message: p.message })),
    );
  }
  const { source, object, filter } = drill.value;
  if (source !== 'object')
    return {
      source,
      object,
      filter,
      count: await countSourceRowsOf(ctx, published.app, runContext, drill.value),
      href: null,
    };
  const count = await countRecords(ctx, actor, object, {
    filter,
    sort: undefined,
    limit: 50,
    cursor: undefined,
    fields: undefined,
    deleted: 'exclude',
  });
  const href = `/api/v1/records/${encodeURIComponent(object)}?filter=${encodeURIComponent(JSON.stringify(filter))}`;
  return { source, object, filter, count, href };
}

/** `GET /api/v1/reports/:id/export?format=csv|xlsx`: the run as a file, labels in the run's locale. */
export async function exportReport(
  ctx: RuntimeContext,
  actor: Actor,
  id: string,
  query: Record<string, unknown>,
  acceptLanguage?: string,
): Promise<ReportFile> {
  const { format, ...rest } = query;
  if (format !== undefined && !(EXPORT_FORMATS as readonly unknown[]).includes(format)) {
    throw new LeadforgeError('MALFORMED', 'unknown export format', [
      { path: '/format', message: `must be one of: ${EXPORT_FORMATS.join(', ')}` },
    ]);
  }
  const published = await publishedOrThrow(ctx, actor.tenantId);
  const options = runOptionsOrThrow(published.app, rest, undefined, acceptLanguage);
  const report = readableReportOrThrow(published.app, actor, id);
  const run = await runStoredReport(ctx, published.app, actor, report, options);
  return reportFile(run.result, {
    format: (format ?? 'csv') as ExportFormat,
    locale: options.locale,
    name: report.id,
    date: ctx.clock.now(),
  });
}
