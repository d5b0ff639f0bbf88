import type { ApiRecord, FieldInfo } from '../api/types.js';
import { formatCompactTime } from '../format/formatCompactTime.js';
import { formatDateTime } from '../format/formatDateTime.js';
import { formatValue } from '../format/formatValue.js';
import { shortId } from '../format/shortId.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pickLabel } from '../i18n/pickLabel.js';
import { useSession } from '../session/SessionContext.js';

export interface RecordsTableProps {
  readonly columns: readonly FieldInfo[];
  readonly records: readonly ApiRecord[];
  readonly onOpen: (record: ApiRecord) => void;
}

/** Records as rows; the first column opens the record. Values are rendered as text only. */
export function RecordsTable({ columns, records, onOpen }: RecordsTableProps) {
  const { locale, t } = useI18n();
  const { user } = useSession();
  return (
    <div className="table-scroll">
      <table className="records">
        <thead>
          <tr>
            {columns.map((field) => (
              <th key={field.name} scope="col">
                {pickLabel(field.label, locale, field.name)}
              </th>
            ))}
            <th scope="col">{t.owner}</th>
            <th scope="col">{t.updatedAt}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.id} data-record-id={record.id}>
              {columns.map((field, i) => {
                const text = formatValue(field, record.data[field.name], locale, t);
                return (
                  <td key={field.name} data-field={field.name}>
                    {i === 0 ? (
                      <button type="button" className="open-record" onClick={() => onOpen(record)}>
                        {text}
                      </button>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
              <td>{record.owner === null ? t.notSet : record.owner === user.id ? t.you : shortId(record.owner)}</td>
              <td className="nowrap" title={formatDateTime(record.updatedAt, locale)}>
                <time dateTime={record.updatedAt}>{formatCompactTime(record.updatedAt, locale)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
