import type { ReportRun, ResultRow } from '../api/dashboardTypes.js';

/** What echarts tells about a clicked data point (the fields of its click event this needs). */
export interface ClickedPoint {
  readonly seriesIndex?: number | undefined;
  readonly dataIndex?: number | undefined;
}

/** The drill-down request for one point: the row's dimension keys and the measure the point shows. */
export interface DrillRequest {
  readonly keys: ResultRow['keys'];
  readonly measure: string | undefined;
  /** The row's labels, to say which point was drilled into. */
  readonly labels: ResultRow['labels'];
}

const firstSeen = (values: readonly string[]) => [...new Set(values)];
const afterFirst = (row: ResultRow) => row.labels.slice(1).join(' · ');

/**
 * The result row and measure behind a clicked bar, line point, pie slice or funnel step, laid out
 * as the engine's reportToEChartsOption lays them (categories = first dimension in row order; one
 * series per measure, or per rest-of-the-labels when there is one measure and several dimensions).
 * Null for points with no records behind them (the previous-period series) and for other charts.
 */
export function drillPoint(run: ReportRun, point: ClickedPoint): DrillRequest | null {
  const { result } = run;
  const { seriesIndex = 0, dataIndex } = point;
  if (dataIndex === undefined || dataIndex < 0) return null;
  const answer = (row: ResultRow | undefined, measure: string | undefined): DrillRequest | null =>
    row && measure !== undefined ? { keys: row.keys, measure, labels: row.labels } : null;
  switch (run.report.chart) {
    case 'pie':
    case 'funnel':
      return answer(result.rows[dataIndex], result.measures[0]?.id);
    case 'bar':
    case 'stacked-bar':
    case 'line':
    case 'area': {
      const category = firstSeen(result.rows.map((r) => r.labels[0] ?? ''))[dataIndex];
      if (category === undefined) return null;
      if (result.dimensions.length >= 2 && result.measures.length === 1) {
        const series = firstSeen(result.rows.map(afterFirst))[seriesIndex];
        const row = result.rows.find((r) => (r.labels[0] ?? '') === category && afterFirst(r) === series);
        return answer(row, result.measures[0]?.id);
      }
      // the chart keeps the last row of a category (see reportToEChartsOption's cells)
      const row = result.rows.findLast((r) => (r.labels[0] ?? '') === category);
      return answer(row, result.measures[seriesIndex]?.id);
    }
    default:
      return null;
  }
}
