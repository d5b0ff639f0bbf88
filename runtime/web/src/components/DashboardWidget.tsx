import { useMemo } from 'react';
import type { WidgetRun } from '../api/dashboardTypes.js';
import { type DrillRequest, drillPoint } from '../charts/drillPoint.js';
import { widgetChartOption } from '../charts/widgetChartOption.js';
import { formatMeasure } from '../format/formatMeasure.js';
import { useI18n } from '../i18n/I18nContext.js';
import { EChart } from './EChart.js';
import { WidgetTable } from './WidgetTable.js';

export interface DashboardWidgetProps {
  readonly widget: WidgetRun;
  /** A line under the widget (e.g. what a drill-down found), if any. */
  readonly note?: string | undefined;
  readonly onDrill: (widget: WidgetRun, request: DrillRequest) => void;
}

const DRILLABLE = new Set(['bar', 'stacked-bar', 'line', 'area', 'pie', 'funnel']);

/** One report of a dashboard at its place on the grid: its chart, its table, or its error in place. */
export function DashboardWidget({ widget, note, onDrill }: DashboardWidgetProps) {
  const { locale, t } = useI18n();
  const { run } = widget;
  const option = useMemo(() => (run ? widgetChartOption(run, locale, t) : null), [run, locale, t]);
  const chart = run?.report.chart;
  const kpiValue =
    run && chart === 'kpi'
      ? formatMeasure(run.result.rows[0]?.values[0], run.result.measures[0]?.format, locale)
      : null;
  return (
    <section
      className="widget"
      data-widget={widget.id}
      data-chart={chart}
      aria-labelledby={`widget-${widget.id}`}
      style={{ gridColumn: `${widget.x + 1} / span ${widget.w}`, gridRow: `${widget.y + 1} / span ${widget.h}` }}
    >
      <h2 id={`widget-${widget.id}`}>{widget.title}</h2>
      {widget.error && (
        <p className="widget-error" role="alert">
          {t.widgetFailed(widget.error.code, widget.error.message)}
        </p>
      )}
      {run && chart === 'table' && <WidgetTable result={run.result} />}
      {run && chart !== 'table' && chart !== 'kpi' && chart !== 'gauge' && run.result.rows.length === 0 && (
        <p className="empty">{t.noData}</p>
      )}
      {run && option && chart !== 'table' && (chart === 'kpi' || chart === 'gauge' || run.result.rows.length > 0) && (
        <EChart
          option={option}
          label={kpiValue === null ? widget.title : `${widget.title}: ${kpiValue}`}
          onPoint={
            DRILLABLE.has(chart ?? '')
              ? (point) => {
                  const request = drillPoint(run, point);
                  if (request) onDrill(widget, request);
                }
              : undefined
          }
        />
      )}
      {note && (
        <p className="widget-note" aria-live="polite">
          {note}
        </p>
      )}
    </section>
  );
}
