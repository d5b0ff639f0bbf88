export { compileActivityFilter, compileAnalysis } from './analyses/index.js';
export { compileReport } from './compile/index.js';
export { type ChartOption, chartText, reportToEChartsOption } from './reportToEChartsOption.js';
export { compileSourceFilter, countSourceRows, type RowSource, SOURCE_FILTER_KEYS } from './sourceFilter.js';
export {
  CHART_TYPES,
  type ChartDefinition,
  type ChartType,
  type CompiledReport,
  type DateRange,
  type DrillDown,
  type GlobalFilters,
  type MeasureFormat,
  RELATIVE_RANGES,
  type RelativeRange,
  type ReportResult,
  type ReportRunContext,
  type ResultColumn,
  type ResultMeasure,
  type ResultRow,
} from './types.js';
