import type { Label } from '../compile/types.js';
import type { Result } from '../errors/types.js';
import type { RowScope } from '../store/rowScope.js';
import type { SqlFragment } from '../store/sql.js';

/** Chart types a report can be drawn as (issue 7, point 1). */
export const CHART_TYPES = ['table', 'bar', 'stacked-bar', 'line', 'area', 'pie', 'funnel', 'gauge', 'kpi'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** How a measure's numbers read. */
export type MeasureFormat = 'number' | 'currency' | 'percent' | 'duration';

/** What a report's chart needs from its definition. */
export interface ChartDefinition {
  readonly label: Label;
  readonly chart: {
    readonly type: ChartType;
    /** gauge: the end of the dial (default 100). */
    readonly max?: number;
  };
}

export interface ResultColumn {
  readonly id: string;
  readonly label: Label;
}

export interface ResultMeasure extends ResultColumn {
  readonly format?: MeasureFormat;
}

/** One group: its dimension keys, their display text, and one value per measure. */
export interface ResultRow {
  readonly keys: readonly (string | number | null)[];
  readonly labels: readonly string[];
  readonly values: readonly (number | null)[];
}

/** A report's numbers as the query returns them, in the definition's sort order. */
export interface ReportResult {
  readonly dimensions: readonly ResultColumn[];
  readonly measures: readonly ResultMeasure[];
  readonly rows: readonly ResultRow[];
  /** The same report over the previous period, when the definition asks for a comparison. */
  readonly previous?: { readonly rows: readonly ResultRow[] };
}

// ---- The report contract shared by the compiler, the built-in analyses and the runtime (issue 7) ----

/** Named date ranges a filter, a report period or a dashboard's date filter may use. */
export const RELATIVE_RANGES = [
  'today',
  'yesterday',
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'last_365_days',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
] as const;
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

/** A date range: absolute (ISO dates or datetimes, `to` exclusive) or named relative to the run's `now`. */
export type DateRange = { readonly from: string; readonly to: string } | { readonly relative: RelativeRange };

/** What a dashboard (or the caller) adds to every report it runs. */
export interface GlobalFilters {
  /** Applied to the report's period field (its date dimension's field, else `created_at`). */
  readonly dateRange?: DateRange;
  readonly teamId?: string;
  readonly ownerId?: string;
}

/** Everything a compiled report needs besides its definition and the app: who looks, and when. */
export interface ReportRunContext {
  readonly tenantId: string;
  /** The viewer's row scope: every source is limited to what the viewer may see. */
  readonly scope: RowScope;
  /**
   * The viewer's row scope of other objects a report reaches through a reference field
   * (`company.industry` on a lead), by object id; an object not listed is seen under `scope`.
   */
  readonly scopes?: ReadonlyMap<string, RowScope>;
  /** Fields the viewer may not read, per object id; a report touching one is refused. */
  readonly hiddenFields?: ReadonlyMap<string, ReadonlySet<string>>;
  readonly now: Date;
  /** IANA zone for date buckets and relative ranges (the app's default calendar, else UTC). */
  readonly timeZone: string;
  readonly locale: string;
  readonly globalFilters?: GlobalFilters;
}

/**
 * The records behind one data point: a filter in the JSON filter language over `object`, with
 * relative dates already resolved to absolute ones, such that listing `object` with this filter
 * (under the same viewer's scope) counts exactly the point's value for count measures.
 * `source` says what the filter lists when the report is not over records.
 */
export interface DrillDown {
  readonly source: 'object' | 'events' | 'activities' | 'stage_history';
  readonly object: string;
  readonly filter: Readonly<Record<string, unknown>>;
}

/** A report compiled for one run: parameterised SQL that aggregates in the database, and how to read its rows. */
export interface CompiledReport {
  readonly current: SqlFragment;
  /** The same report over the previous period, when the definition asks for a comparison. */
  readonly previous?: SqlFragment;
  toResult(current: readonly Record<string, unknown>[], previous?: readonly Record<string, unknown>[]): ReportResult;
  /** The filter behind the point at `keys` (one per dimension) for `measureId` (default: the first). */
  drillDown(keys: readonly (string | number | null)[], measureId?: string): Result<DrillDown>;
}
