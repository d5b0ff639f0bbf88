import {
  type ChartType,
  type DateRange,
  type DrillDown,
  type MeasureFormat,
  RELATIVE_RANGES,
  type RelativeRange,
  type ReportResult,
  type ResultRow,
} from '@leadforge/engine/report-types';

/** Named date ranges a dashboard's date filter offers. */
export const DATE_RANGES = RELATIVE_RANGES;
export type DateRangeName = RelativeRange;
export type { ChartType, MeasureFormat, ReportResult, ResultRow };

export interface DashboardFilters {
  readonly dateRange?: { readonly default: DateRangeName };
  readonly team?: boolean;
  readonly owner?: boolean;
}

/** A dashboard as `GET /api/v1/dashboards` lists it. */
export interface DashboardSummary {
  readonly id: string;
  readonly label: string;
  readonly columns: number;
  readonly filters: DashboardFilters | null;
  readonly widgets: number;
}

/** An echarts option as the API builds it: plain data and text, no functions. */
export type ChartOption = Readonly<Record<string, unknown>>;

export interface ReportRun {
  readonly report: {
    readonly id: string;
    readonly label: string;
    readonly description: string | null;
    readonly object: string;
    readonly analysis: string | null;
    readonly chart: ChartType;
  };
  readonly result: ReportResult;
  readonly chart: ChartOption;
}

/** One widget of `GET /api/v1/dashboards/:id`: its place on the grid and its run or its error. */
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
  readonly filters: {
    readonly dateRange?: DateRange;
    readonly teamId?: string;
    readonly ownerId?: string;
  };
  readonly widgets: readonly WidgetRun[];
}

/** The global filters a viewer picked; a missing date range means the dashboard's default. */
export interface DashboardParams {
  readonly dateRange?: DateRangeName | undefined;
  readonly team?: string | undefined;
  readonly owner?: string | undefined;
  readonly locale: string;
}

/** `POST /api/v1/reports/:id/drill`: the records behind one point. */
export interface DrillAnswer extends DrillDown {
  readonly count: number | null;
  readonly href: string | null;
}

/** A user or team as the admin lists show them (for the owner and team filters). */
export interface PersonOption {
  readonly id: string;
  readonly name: string;
  /** Users only: false once disabled. */
  readonly active?: boolean;
}
