import { expect } from 'chai';
import {
  CHART_TYPES,
  type ChartDefinition,
  type ChartType,
  type ReportResult,
  reportToEChartsOption,
} from '../../engine/src/reports/index.js';

const leadsByStage: ReportResult = {
  dimensions: [{ id: 'stage', label: { en: 'Stage', 'zh-CN': '阶段' } }],
  measures: [
    { id: 'leads', label: { en: 'Leads', 'zh-CN': '线索数' } },
    { id: 'amount', label: { en: 'Amount' }, format: 'currency' },
  ],
  rows: [
    { keys: ['new'], labels: ['New'], values: [120, 0] },
    { keys: ['proposal'], labels: ['Proposal'], values: [40, 250_000] },
    { keys: ['won'], labels: ['Won'], values: [12, 180_000] },
  ],
};

const byMonthAndChannel: ReportResult = {
  dimensions: [
    { id: 'month', label: { en: 'Month' } },
    { id: 'channel', label: { en: 'Channel' } },
  ],
  measures: [{ id: 'leads', label: { en: 'Leads' } }],
  rows: [
    { keys: ['2026-01', 'web_form'], labels: ['2026-01', 'Web form'], values: [10] },
    { keys: ['2026-01', 'event'], labels: ['2026-01', 'Event'], values: [4] },
    { keys: ['2026-02', 'web_form'], labels: ['2026-02', 'Web form'], values: [7] },
  ],
};

const def = (type: ChartType, extra: Partial<ChartDefinition['chart']> = {}): ChartDefinition => ({
  label: { en: 'Leads by stage', 'zh-CN': '各阶段线索' },
  chart: { type, ...extra },
});

/** Every string anywhere in an option, to check what echarts will be handed. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function functions(value: unknown): number {
  if (typeof value === 'function') return 1;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + functions(v), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + functions(v), 0);
  return 0;
}

describe('reportToEChartsOption', () => {
  it('draws a bar chart with the first dimension on the x axis and one series per measure', () => {
    const option: any = reportToEChartsOption(leadsByStage, def('bar'));
    expect(option.xAxis.data).to.deep.equal(['New', 'Proposal', 'Won']);
    expect(option.series.map((s: any) => [s.name, s.type, s.data])).to.deep.equal([
      ['Leads', 'bar', [120, 40, 12]],
      ['Amount', 'bar', [0, 250_000, 180_000]],
    ]);
    expect(option.title.text).to.equal('Leads by stage');
  });

  it('splits one measure by the second dimension, stacked for a stacked bar, filling gaps with null', () => {
    const option: any = reportToEChartsOption(byMonthAndChannel, def('stacked-bar'));
    expect(option.xAxis.data).to.deep.equal(['2026-01', '2026-02']);
    expect(option.series).to.deep.equal([
      { name: 'Web form', type: 'bar', stack: 'total', data: [10, 7] },
      { name: 'Event', type: 'bar', stack: 'total', data: [4, null] },
    ]);
  });

  it('draws lines and areas over the same categories', () => {
    const line: any = reportToEChartsOption(byMonthAndChannel, def('line'));
    expect(line.series.every((s: any) => s.type === 'line' && s.areaStyle === undefined)).to.equal(true);
    const area: any = reportToEChartsOption(byMonthAndChannel, def('area'));
    expect(area.series.every((s: any) => s.type === 'line' && s.areaStyle)).to.equal(true);
  });

  it('adds the previous period as its own series when the report compares', () => {
    const option: any = reportToEChartsOption(
      { ...leadsByStage, previous: { rows: [{ keys: ['won'], labels: ['Won'], values: [9, 0] }] } },
      def('bar'),
    );
    expect(option.series.at(-1)).to.deep.equal({ name: 'Leads (previous period)', type: 'bar', data: [null, null, 9] });
  });

  it('draws pie slices and funnel steps from the first measure, the funnel in stage order', () => {
    const pie: any = reportToEChartsOption(leadsByStage, def('pie'));
    expect(pie.series[0].data).to.deep.equal([
      { name: 'New', value: 120 },
      { name: 'Proposal', value: 40 },
      { name: 'Won', value: 12 },
    ]);
    const funnel: any = reportToEChartsOption(leadsByStage, def('funnel'));
    expect(funnel.series[0]).to.deep.include({ type: 'funnel', sort: 'none' });
    expect(funnel.series[0].data.map((d: any) => d.name)).to.deep.equal(['New', 'Proposal', 'Won']);
  });

  it('draws a gauge of a single value against its maximum, and a KPI with its change on the previous period', () => {
    const completion: ReportResult = {
      dimensions: [],
      measures: [{ id: 'done', label: { en: 'Goal completion' }, format: 'percent' }],
      rows: [{ keys: [], labels: [], values: [72] }],
      previous: { rows: [{ keys: [], labels: [], values: [60] }] },
    };
    const gauge: any = reportToEChartsOption(completion, def('gauge', { max: 120 }));
    expect(gauge.series[0]).to.deep.include({ type: 'gauge', min: 0, max: 120 });
    expect(gauge.series[0].data).to.deep.equal([{ name: 'Goal completion', value: 72 }]);
    const kpi: any = reportToEChartsOption(completion, def('kpi'));
    expect(kpi.title).to.deep.include({ text: '72', subtext: 'Goal completion' });
    expect(kpi.kpi).to.deep.equal({ value: 72, previous: 60, change: 0.2 });
  });

  it('gives a table its columns and rows as a dataset', () => {
    const table: any = reportToEChartsOption(leadsByStage, def('table'), { locale: 'zh-CN' });
    expect(table.dataset.dimensions).to.deep.equal(['阶段', '线索数', 'Amount']);
    expect(table.dataset.source[1]).to.deep.equal(['Proposal', 40, 250_000]);
    expect(table.title.text).to.equal('各阶段线索');
  });

  it('never hands echarts HTML formatters or functions, whatever the data holds, for every chart type', () => {
    const hostile: ReportResult = {
      ...leadsByStage,
      rows: [
        { keys: ['x'], labels: ['<img src=x onerror=alert(1)>'], values: [1, 1] },
        { keys: ['y'], labels: ['{evil|styled}\u0000'], values: [2, 2] },
      ],
    };
    for (const type of CHART_TYPES) {
      const option: any = reportToEChartsOption(hostile, def(type));
      expect(functions(option), type).to.equal(0);
      if (option.tooltip) expect(option.tooltip.renderMode, type).to.equal('richText');
      expect(JSON.stringify(option), type).to.not.match(/formatter/);
      for (const s of strings(option)) {
        expect(s, type).to.not.match(/\{[^}]*\|/);
        expect(s, type).to.not.include('\u0000');
      }
    }
  });
});
