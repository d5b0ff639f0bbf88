import type { ChartOption, ReportRun } from '../api/dashboardTypes.js';
import { formatMeasure } from '../format/formatMeasure.js';
import type { Messages } from '../i18n/uiMessages.js';

type Plain = Record<string, unknown>;

/** The app's font stack (styles.css), so canvas text matches the page's, CJK included. */
const FONT =
  '-apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans", "Noto Sans CJK SC", system-ui, Roboto, sans-serif';

const objectAt = (option: ChartOption, key: string): Plain => {
  const value = option[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Plain) : {};
};

const seriesOf = (option: ChartOption): Plain[] =>
  Array.isArray(option['series']) ? (option['series'] as Plain[]).map((s) => ({ ...s })) : [];

/** The KPI's number in the locale, with the change against the previous period when there is one. */
function kpiOption(run: ReportRun, option: ChartOption, locale: string, t: Messages): ChartOption {
  const measure = run.result.measures[0];
  const kpi = objectAt(option, 'kpi');
  const value = typeof kpi['value'] === 'number' ? kpi['value'] : (run.result.rows[0]?.values[0] ?? null);
  const change = typeof kpi['change'] === 'number' ? kpi['change'] : null;
  const title = objectAt(option, 'title');
  const changeText =
    change === null
      ? null
      : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
          change,
        );
  const subtext = [title['subtext'], changeText === null ? null : t.changeFromPrevious(changeText)]
    .filter((s) => typeof s === 'string' && s !== '')
    .join(' · ');
  return {
    title: {
      ...title,
      text: formatMeasure(value, measure?.format, locale),
      subtext,
      textStyle: { fontSize: 30, fontWeight: 600, color: '#1d2433' },
      subtextStyle: { fontSize: 13, color: '#667085' },
    },
    series: [],
  };
}

/** A percentage gauge reads 0–100 % rather than 0–1 (a string template, no formatter function). */
function gaugeOption(run: ReportRun, option: ChartOption): ChartOption {
  const percent = run.result.measures[0]?.format === 'percent';
  const series = seriesOf(option).map((s) => {
    const scale = (n: unknown) => (typeof n === 'number' && percent ? Math.round(n * 1000) / 10 : n);
    const data = Array.isArray(s['data'])
      ? (s['data'] as Plain[]).map((d) => ({ ...d, value: scale(d['value']) }))
      : s['data'];
    // no value (no goal in the period): a dash, not "NaN"
    const empty = Array.isArray(data) && data.every((d) => typeof (d as Plain)['value'] !== 'number');
    return {
      ...s,
      max: scale(s['max'] ?? 1),
      data,
      radius: '95%',
      center: ['50%', '60%'],
      splitNumber: 3,
      progress: { show: !empty, width: 10 },
      axisLine: { lineStyle: { width: 10 } },
      splitLine: { length: 6, distance: 2 },
      axisTick: { show: false },
      axisLabel: { distance: 14, fontSize: 10, color: '#667085' },
      pointer: { show: false },
      anchor: { show: false },
      title: { offsetCenter: [0, '38%'], fontSize: 12, color: '#667085' },
      detail: {
        offsetCenter: [0, '0%'],
        fontSize: 24,
        fontWeight: 600,
        color: '#1d2433',
        ...(empty ? { formatter: '—' } : percent ? { formatter: '{value}%' } : {}),
      },
    };
  });
  return { ...option, series };
}

/**
 * The API's chart option fitted into a dashboard widget: the widget's header shows the title, so the
 * chart's own is hidden; legends scroll; labels stay inside the grid. Data and text are untouched and
 * no formatter function is added (the API's options are plain text by design).
 */
export function widgetChartOption(run: ReportRun, locale: string, t: Messages): ChartOption {
  const option = run.chart;
  const chart = run.report.chart;
  if (chart === 'kpi') return { ...kpiOption(run, option, locale, t), textStyle: { fontFamily: FONT } };
  const base: Plain = {
    ...option,
    textStyle: { fontFamily: FONT },
    title: { ...objectAt(option, 'title'), show: false },
    animationDuration: 400,
  };
  if ('legend' in option) base['legend'] = { ...objectAt(option, 'legend'), type: 'scroll', top: 0 };
  if (chart === 'gauge') return gaugeOption(run, base);
  if (chart === 'pie')
    return {
      ...base,
      series: seriesOf(option).map((s) => ({ ...s, top: 28, label: { overflow: 'truncate', width: 90 } })),
    };
  if (chart === 'funnel')
    return {
      ...base,
      series: seriesOf(option).map((s) => ({
        ...s,
        left: '6%',
        right: '6%',
        top: 8,
        bottom: 8,
        minSize: '12%',
        gap: 2,
        // a string template on a canvas label: plain text, never HTML
        label: { position: 'inside', formatter: '{b}  {c}', color: '#fff', overflow: 'truncate' },
      })),
    };
  const xAxis = objectAt(option, 'xAxis');
  const categories = Array.isArray(xAxis['data']) ? xAxis['data'].length : 0;
  return {
    ...base,
    grid: { left: 8, right: 16, top: 'legend' in option ? 36 : 12, bottom: 8, containLabel: true },
    xAxis: {
      ...xAxis,
      // a few categories: every name, shortened if long; many: echarts leaves out those that would overlap
      axisLabel:
        categories <= 8 ? { interval: 0, overflow: 'truncate', width: 64, fontSize: 11 } : { hideOverlap: true },
    },
  };
}
