export { type ChartOption, chartText, reportToEChartsOption } from './reportToEChartsOption.js';
export {
  CHART_TYPES,
  type ChartDefinition,
  type ChartType,
  type MeasureFormat,
  type ReportResult,
  type ResultColumn,
  type ResultMeasure,
  type ResultRow,
} from './types.js';
