import type { Label } from '../compile/types.js';
import type { ChartDefinition, ReportResult, ResultRow } from './types.js';

/** An echarts option as plain JSON: no functions, no HTML. */
export type ChartOption = Readonly<Record<string, unknown>>;

/**
 * Text from data as echarts shows it. Tooltips render in rich-text mode (never as HTML), and the
 * braces and bar of echarts' rich-text markup (`{style|text}`) are replaced by their full-width
 * forms so a record value cannot restyle a label.
 */
export function chartText(value: string): string {
  let plain = '';
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    plain += c < 32 || c === 127 ? ' ' : ch;
  }
  return plain.replace(/\{/g, '｛').replace(/\}/g, '｝').replace(/\|/g, '｜');
}

function text(label: Label, locale: string): string {
  return chartText(label[locale] ?? label['en'] ?? Object.values(label)[0] ?? '');
}

const rowName = (row: ResultRow, upTo = row.labels.length) => chartText(row.labels.slice(0, upTo).join(' · '));

/** Tooltip and frame every chart shares; `renderMode: 'richText'` keeps echarts from parsing HTML. */
function frame(definition: ChartDefinition, locale: string, trigger: 'axis' | 'item'): Record<string, unknown> {
  return {
    title: { text: text(definition.label, locale) },
    tooltip: { trigger, renderMode: 'richText' },
  };
}

/** Category charts: one series per measure, or per value of the second dimension when there is one measure. */
function cartesian(
  result: ReportResult,
  definition: ChartDefinition,
  locale: string,
  kind: 'bar' | 'line',
  stacked: boolean,
  area: boolean,
): ChartOption {
  const split = result.dimensions.length >= 2 && result.measures.length === 1;
  const categories: string[] = [];
  const seriesNames: string[] = [];
  const cells = new Map<string, Map<string, number | null>>();
  for (const row of result.rows) {
    const category = chartText(row.labels[0] ?? '');
    if (!categories.includes(category)) categories.push(category);
    const names = split
      ? [rowName({ ...row, labels: row.labels.slice(1) })]
      : result.measures.map((m) => text(m.label, locale));
    names.forEach((name, i) => {
      if (!seriesNames.includes(name)) seriesNames.push(name);
      const byCategory = cells.get(name) ?? new Map<string, number | null>();
      byCategory.set(category, split ? (row.values[0] ?? null) : (row.values[i] ?? null));
      cells.set(name, byCategory);
    });
  }
  const series = seriesNames.map((name) => ({
    name,
    type: kind,
    ...(stacked ? { stack: 'total' } : {}),
    ...(area ? { areaStyle: {} } : {}),
    data: categories.map((c) => cells.get(name)?.get(c) ?? null),
  }));
  if (result.previous && !split && result.measures.length > 0) {
    const previous = new Map(result.previous.rows.map((r) => [chartText(r.labels[0] ?? ''), r.values[0] ?? null]));
    series.push({
      name: `${text(result.measures[0]!.label, locale)} (previous period)`,
      type: kind,
      data: categories.map((c) => previous.get(c) ?? null),
    });
  }
  return {
    ...frame(definition, locale, 'axis'),
    legend: { data: series.map((s) => s.name) },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value' },
    series,
  };
}

function itemData(result: ReportResult) {
  return result.rows.map((row) => ({ name: rowName(row), value: row.values[0] ?? null }));
}

/** The first measure of the first row (the whole result when the report has no dimensions). */
function single(result: ReportResult): number | null {
  return result.rows[0]?.values[0] ?? null;
}

function kpi(result: ReportResult, locale: string): ChartOption {
  const value = single(result);
  const before = result.previous?.rows[0]?.values[0] ?? null;
  const change = value !== null && before !== null && before !== 0 ? (value - before) / Math.abs(before) : null;
  const measure = result.measures[0];
  return {
    title: {
      text: value === null ? '—' : String(value),
      subtext: measure ? text(measure.label, locale) : '',
      left: 'center',
      top: 'middle',
    },
    series: [],
    kpi: { value, previous: before, change },
  };
}

/**
 * The echarts option that draws a report result (issue 7, point 4): a pure function, tested in
 * Node for every chart type. Options carry data and plain text only — no HTML string formatters,
 * no functions — so a lead named `<img onerror=…>` shows as text.
 */
export function reportToEChartsOption(
  result: ReportResult,
  definition: ChartDefinition,
  options: { readonly locale?: string } = {},
): ChartOption {
  const locale = options.locale ?? 'en';
  switch (definition.chart.type) {
    case 'bar':
      return cartesian(result, definition, locale, 'bar', false, false);
    case 'stacked-bar':
      return cartesian(result, definition, locale, 'bar', true, false);
    case 'line':
      return cartesian(result, definition, locale, 'line', false, false);
    case 'area':
      return cartesian(result, definition, locale, 'line', false, true);
    case 'pie':
      return {
        ...frame(definition, locale, 'item'),
        legend: { type: 'scroll' },
        series: [{ type: 'pie', radius: ['40%', '70%'], data: itemData(result) }],
      };
    case 'funnel':
      return {
        ...frame(definition, locale, 'item'),
        series: [{ type: 'funnel', sort: 'none', data: itemData(result) }],
      };
    case 'gauge':
      return {
        ...frame(definition, locale, 'item'),
        series: [
          {
            type: 'gauge',
            min: 0,
            max: definition.chart.max ?? 100,
            data: [{ name: result.measures[0] ? text(result.measures[0].label, locale) : '', value: single(result) }],
          },
        ],
      };
    case 'kpi':
      return kpi(result, locale);
    case 'table':
      return {
        title: { text: text(definition.label, locale) },
        dataset: {
          dimensions: [...result.dimensions, ...result.measures].map((c) => text(c.label, locale)),
          source: result.rows.map((row) => [...row.labels.map(chartText), ...row.values]),
        },
        series: [],
      };
  }
}
