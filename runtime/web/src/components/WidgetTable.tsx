import type { ReportResult } from '../api/dashboardTypes.js';
import { formatMeasure } from '../format/formatMeasure.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pickLabel } from '../i18n/pickLabel.js';

/** A table report as an HTML table: dimension labels as text, measures formatted in the locale. */
export function WidgetTable({ result }: { readonly result: ReportResult }) {
  const { locale, t } = useI18n();
  return (
    <div className="widget-table">
      <table className="report-table">
        <thead>
          <tr>
            {[...result.dimensions, ...result.measures].map((column) => (
              <th key={column.id} scope="col" className={result.measures.includes(column) ? 'number' : undefined}>
                {pickLabel(column.label, locale, column.id)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row) => (
            <tr key={JSON.stringify(row.keys)}>
              {row.labels.map((label, i) => (
                <td key={result.dimensions[i]?.id ?? i}>{label}</td>
              ))}
              {row.values.map((value, i) => (
                <td key={result.measures[i]?.id ?? i} className="number" data-measure={result.measures[i]?.id}>
                  {formatMeasure(value, result.measures[i]?.format, locale)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {result.rows.length === 0 && <p className="empty">{t.noData}</p>}
    </div>
  );
}
