import { expect } from 'chai';
import { reportToEChartsOption } from '../../engine/src/reports/reportToEChartsOption.js';
import type { ChartType, ReportResult, ReportRun } from '../../runtime/web/src/api/dashboardTypes.js';
import { drillPoint } from '../../runtime/web/src/charts/drillPoint.js';
import { widgetChartOption } from '../../runtime/web/src/charts/widgetChartOption.js';
import { uiMessages } from '../../runtime/web/src/i18n/uiMessages.js';

const label = (en: string) => ({ en, 'zh-CN': en });

const byChannel: ReportResult = {
  dimensions: [{ id: 'channel', label: label('Channel') }],
  measures: [
    { id: 'leads', label: label('Leads'), format: 'number' },
    { id: 'won_amount', label: label('Won amount'), format: 'currency' },
  ],
  rows: [
    { keys: ['web_form'], labels: ['Web form'], values: [192, 11_644_000] },
    { keys: ['event'], labels: ['Event'], values: [79, 6_327_000] },
    { keys: [null], labels: ['(none)'], values: [3, 0] },
  ],
  previous: { rows: [{ keys: ['web_form'], labels: ['Web form'], values: [150, 9_000_000] }] },
};

const byMonthAndChannel: ReportResult = {
  dimensions: [
    { id: 'month', label: label('Month') },
    { id: 'channel', label: label('Channel') },
  ],
  measures: [{ id: 'leads', label: label('Leads'), format: 'number' }],
  rows: [
    { keys: ['2026-09', 'web_form'], labels: ['2026-09', 'Web form'], values: [10] },
    { keys: ['2026-09', 'event'], labels: ['2026-09', 'Event'], values: [4] },
    { keys: ['2026-10', 'event'], labels: ['2026-10', 'Event'], values: [7] },
    { keys: ['2026-10', 'ads'], labels: ['2026-10', 'Ads <b>{x|y}</b>'], values: [2] },
  ],
};

const funnel: ReportResult = {
  dimensions: [{ id: 'stage', label: label('Stage') }],
  measures: [{ id: 'reached', label: label('Reached'), format: 'number' }],
  rows: [
    { keys: ['new'], labels: ['New'], values: [600] },
    { keys: ['first_contact'], labels: ['First contact'], values: [428] },
    { keys: ['won'], labels: ['Won'], values: [80] },
  ],
};

/** A run as the API answers it: the engine's option for the result. */
function runOf(result: ReportResult, chart: ChartType): ReportRun {
  return {
    report: { id: 'r', label: 'Report', description: null, object: 'lead', analysis: null, chart },
    result,
    chart: reportToEChartsOption(result, { label: label('Report'), chart: { type: chart } }),
  };
}

type Series = { name?: string; data: (number | null | { value: number | null })[] };
const seriesOf = (run: ReportRun) => run.chart['series'] as Series[];
const pointValue = (v: number | null | { value: number | null }) => (typeof v === 'object' && v !== null ? v.value : v);

function functionsIn(value: unknown): number {
  if (typeof value === 'function') return 1;
  if (typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce<number>((n, v) => n + functionsIn(v), 0);
}

describe('dashboards in the web app: drilling from a clicked point', () => {
  const cases: [string, ReportResult, ChartType][] = [
    ['bars with one series per measure', byChannel, 'bar'],
    ['stacked bars with one series per second-dimension value', byMonthAndChannel, 'stacked-bar'],
    ['lines', byMonthAndChannel, 'line'],
    ['a funnel', funnel, 'funnel'],
    ['a pie', funnel, 'pie'],
  ];
  for (const [what, result, chart] of cases) {
    it(`finds, for every point of ${what}, the row and measure whose value the point shows`, () => {
      const run = runOf(result, chart);
      let points = 0;
      seriesOf(run).forEach((series, seriesIndex) => {
        series.data.forEach((value, dataIndex) => {
          if (series.name?.endsWith('(previous period)')) return; // checked below: no records behind it
          if (pointValue(value) === null) return; // no row behind an empty cell
          const request = drillPoint(run, { seriesIndex, dataIndex });
          expect(request, `series ${seriesIndex}, point ${dataIndex}`).to.not.equal(null);
          const row = result.rows.find((r) => r.keys === request!.keys)!;
          const measure = result.measures.findIndex((m) => m.id === request!.measure);
          expect(row.values[measure]).to.equal(pointValue(value));
          points++;
        });
      });
      expect(points).to.be.greaterThan(2);
    });
  }

  it('drills into the second measure when its bar is clicked', () => {
    const request = drillPoint(runOf(byChannel, 'bar'), { seriesIndex: 1, dataIndex: 1 });
    expect(request).to.deep.equal({ keys: ['event'], measure: 'won_amount', labels: ['Event'] });
  });

  it('passes a missing dimension value on as a null key', () => {
    expect(drillPoint(runOf(byChannel, 'bar'), { seriesIndex: 0, dataIndex: 2 })?.keys).to.deep.equal([null]);
  });

  it('has nothing to drill into behind the previous period’s bars, a gauge or a KPI', () => {
    expect(drillPoint(runOf(byChannel, 'bar'), { seriesIndex: 2, dataIndex: 0 })).to.equal(null);
    expect(drillPoint(runOf(funnel, 'gauge'), { seriesIndex: 0, dataIndex: 0 })).to.equal(null);
    expect(drillPoint(runOf(funnel, 'kpi'), { seriesIndex: 0, dataIndex: 0 })).to.equal(null);
  });
});

describe('dashboards in the web app: a report’s chart fitted into a widget', () => {
  it('keeps the series data, hides the chart’s own title and adds no function', () => {
    for (const chart of ['bar', 'stacked-bar', 'line', 'area', 'pie', 'funnel', 'gauge'] as const) {
      const run = runOf(byMonthAndChannel, chart);
      const option = widgetChartOption(run, 'en', uiMessages.en);
      expect(functionsIn(option), chart).to.equal(0);
      expect((option['title'] as { show?: boolean }).show, chart).to.equal(false);
      if (chart !== 'gauge')
        expect((option['series'] as Series[]).map((s) => s.data)).to.deep.equal(seriesOf(run).map((s) => s.data));
    }
  });

  it('keeps a label that looks like markup as the engine escaped it', () => {
    const option = widgetChartOption(runOf(byMonthAndChannel, 'bar'), 'en', uiMessages.en);
    expect(JSON.stringify(option)).to.include('Ads <b>｛x｜y｝</b>');
    expect(JSON.stringify(option)).to.not.include('{x|y}');
  });

  it('shows a KPI in the reader’s digits with its change from the previous period', () => {
    const won: ReportResult = {
      dimensions: [],
      measures: [{ id: 'won_amount', label: label('Won amount'), format: 'currency' }],
      rows: [{ keys: [], labels: [], values: [4_578_000] }],
      previous: { rows: [{ keys: [], labels: [], values: [13_285_000] }] },
    };
    const title = (locale: 'en' | 'zh-CN') =>
      widgetChartOption(runOf(won, 'kpi'), locale, uiMessages[locale])['title'] as { text: string; subtext: string };
    expect(title('en')).to.include({ text: '4,578,000', subtext: 'Won amount · -65.5% vs previous period' });
    expect(title('zh-CN').subtext).to.equal('Won amount · 较上期 -65.5%');
  });

  it('reads a percentage gauge in per cent', () => {
    const completion: ReportResult = {
      dimensions: [],
      measures: [{ id: 'completion', label: label('Completion'), format: 'percent' }],
      rows: [{ keys: [], labels: [], values: [0.8234] }],
    };
    const run = runOf(completion, 'gauge');
    const [gauge] = widgetChartOption(
      {
        ...run,
        chart: reportToEChartsOption(completion, { label: label('Goals'), chart: { type: 'gauge', max: 1.5 } }),
      },
      'en',
      uiMessages.en,
    )['series'] as { max: number; data: { value: number }[]; detail: { formatter: string } }[];
    expect(gauge!.max).to.equal(150);
    expect(gauge!.data[0]!.value).to.equal(82.3);
    expect(gauge!.detail.formatter).to.equal('{value}%');
  });

  it('shows a dash, not NaN, on a gauge with no value (no goal in the period)', () => {
    const none: ReportResult = {
      dimensions: [],
      measures: [{ id: 'completion', label: label('Completion'), format: 'percent' }],
      rows: [],
    };
    const [gauge] = widgetChartOption(runOf(none, 'gauge'), 'en', uiMessages.en)['series'] as {
      detail: { formatter: string };
    }[];
    expect(gauge!.detail.formatter).to.equal('—');
  });
});
