import type { Label } from '../compile/types.js';

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
