import { type CompiledApp, LeadforgeError, type Problem } from '@leadforge/engine';
import type { DashboardDefinition } from '../../../engine/src/package/schemas/index.js';
import {
  type DateRange,
  type GlobalFilters,
  RELATIVE_RANGES,
  type RelativeRange,
} from '../../../engine/src/reports/types.js';
import { UUID } from '../records/recordInput.js';

/** How a caller asks for a run: the global filters and the locale of the labels. */
export interface RunOptions {
  readonly globalFilters: GlobalFilters;
  readonly locale: string;
}

/** Query parameters every report and dashboard run takes. */
export const RUN_PARAMS = ['dateRange', 'from', 'to', 'team', 'owner', 'locale'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function single(query: Readonly<Record<string, unknown>>, name: string, problems: Problem[]): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > 100) {
    problems.push({ path: `/${name}`, message: 'must be given once, as a plain value of at most 100 characters' });
    return undefined;
  }
  return v;
}

function dateOrProblem(value: string | undefined, name: string, problems: Problem[]): number | undefined {
  if (value === undefined) return undefined;
  const ms = DATE.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    problems.push({ path: `/${name}`, message: 'must be an ISO date or date-time, e.g. 2026-03-01' });
    return undefined;
  }
  return ms;
}

/** The first `Accept-Language` tag the app has a locale for (exact, else by language), if any. */
function preferredLocale(header: string | undefined, locales: readonly string[]): string | undefined {
  if (!header) return undefined;
  const tags = header
    .slice(0, 500)
    .split(',')
    .map((part) => part.split(';')[0]!.trim())
    .filter((tag) => tag !== '' && tag !== '*');
  for (const tag of tags) {
    const exact = locales.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const language = locales.find((l) => l.split('-')[0]!.toLowerCase() === tag.split('-')[0]!.toLowerCase());
    if (language) return language;
  }
  return undefined;
}

function localeOf(
  app: CompiledApp,
  requested: string | undefined,
  acceptLanguage: string | undefined,
  problems: Problem[],
): string {
  const declared = (app.files['app.json'] as { locales?: readonly string[] } | undefined)?.locales ?? [];
  const locales = [app.defaultLocale, ...declared.filter((l) => l !== app.defaultLocale)];
  if (requested === undefined) return preferredLocale(acceptLanguage, locales) ?? app.defaultLocale;
  if (locales.includes(requested)) return requested;
  problems.push({ path: '/locale', message: `must be one of: ${locales.join(', ')}` });
  return app.defaultLocale;
}

/**
 * Reads a run's query parameters (`dateRange=last_30_days` or `from`/`to`, `team`, `owner`,
 * `locale`, else the first `Accept-Language` the app has), refusing unknown ones. For a dashboard, its declared filters decide which apply and
 * its default date range is used when the caller sets none.
 */
export function runOptionsOrThrow(
  app: CompiledApp,
  query: Readonly<Record<string, unknown>>,
  dashboard?: DashboardDefinition,
  acceptLanguage?: string,
): RunOptions {
  const problems: Problem[] = [];
  for (const key of Object.keys(query)) {
    if (!(RUN_PARAMS as readonly string[]).includes(key))
      problems.push({
        path: `/${key}`,
        message: `unknown parameter "${key}"; expected one of: ${RUN_PARAMS.join(', ')}`,
      });
  }
  const relative = single(query, 'dateRange', problems);
  const fromText = single(query, 'from', problems);
  const toText = single(query, 'to', problems);
  const team = single(query, 'team', problems);
  const owner = single(query, 'owner', problems);
  const locale = localeOf(app, single(query, 'locale', problems), acceptLanguage, problems);
  let dateRange: DateRange | undefined;
  if (relative !== undefined) {
    if (!(RELATIVE_RANGES as readonly string[]).includes(relative))
      problems.push({ path: '/dateRange', message: `must be one of: ${RELATIVE_RANGES.join(', ')}` });
    else if (fromText !== undefined || toText !== undefined)
      problems.push({ path: '/dateRange', message: 'give either dateRange or from and to, not both' });
    else dateRange = { relative: relative as RelativeRange };
  } else if (fromText !== undefined || toText !== undefined) {
    const from = dateOrProblem(fromText, 'from', problems);
    const to = dateOrProblem(toText, 'to', problems);
    if (fromText === undefined) problems.push({ path: '/from', message: 'is required with to' });
    else if (toText === undefined) problems.push({ path: '/to', message: 'is required with from' });
    else if (from !== undefined && to !== undefined) {
      if (from >= to) problems.push({ path: '/to', message: 'must be after from (to is exclusive)' });
      else dateRange = { from: fromText, to: toText };
    }
  } else if (dashboard?.filters?.dateRange) {
    dateRange = { relative: dashboard.filters.dateRange.default };
  }
  if (team !== undefined && !UUID.test(team)) problems.push({ path: '/team', message: 'must be a team id (uuid)' });
  if (owner !== undefined && !UUID.test(owner)) problems.push({ path: '/owner', message: 'must be a user id (uuid)' });
  if (dashboard) {
    const declared = dashboard.filters ?? {};
    if (team !== undefined && declared.team !== true)
      problems.push({ path: '/team', message: 'this dashboard has no team filter' });
    if (owner !== undefined && declared.owner !== true)
      problems.push({ path: '/owner', message: 'this dashboard has no owner filter' });
    if ((relative !== undefined || fromText !== undefined) && !declared.dateRange)
      problems.push({
        path: relative !== undefined ? '/dateRange' : '/from',
        message: 'this dashboard has no date filter',
      });
  }
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'invalid report parameters', problems);
  return {
    globalFilters: {
      ...(dateRange ? { dateRange } : {}),
      ...(team !== undefined ? { teamId: team.toLowerCase() } : {}),
      ...(owner !== undefined ? { ownerId: owner.toLowerCase() } : {}),
    },
    locale,
  };
}
