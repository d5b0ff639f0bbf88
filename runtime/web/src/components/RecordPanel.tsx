import type { ApiRecord, ObjectInfo } from '../api/types.js';
import { formatDateTime } from '../format/formatDateTime.js';
import { formatValue } from '../format/formatValue.js';
import { shortId } from '../format/shortId.js';
import { useRecordHistory } from '../hooks/useRecordHistory.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pickLabel } from '../i18n/pickLabel.js';
import { useSession } from '../session/SessionContext.js';
import { Drawer } from './Drawer.js';
import { RecordHistory } from './RecordHistory.js';

export interface RecordPanelProps {
  readonly object: ObjectInfo;
  readonly record: ApiRecord;
  readonly onClose: () => void;
}

/** Every field of one record, its ownership and times, and its history. */
export function RecordPanel({ object, record, onClose }: RecordPanelProps) {
  const { locale, t } = useI18n();
  const { user } = useSession();
  const history = useRecordHistory(object.name, record.id, record.version);
  const first = object.fields[0];
  const title = first ? formatValue(first, record.data[first.name], locale, t) : shortId(record.id);
  const owner = record.owner === null ? t.notSet : record.owner === user.id ? t.you : shortId(record.owner);
  return (
    <Drawer title={title} onClose={onClose}>
      <h3>{t.details}</h3>
      <dl className="fields">
        {object.fields.map((field) => (
          <div key={field.name} className="field-row" data-field={field.name}>
            <dt>{pickLabel(field.label, locale, field.name)}</dt>
            <dd>{formatValue(field, record.data[field.name], locale, t)}</dd>
          </div>
        ))}
        <div className="field-row">
          <dt>{t.owner}</dt>
          <dd>{owner}</dd>
        </div>
        <div className="field-row">
          <dt>{t.createdAt}</dt>
          <dd>{formatDateTime(record.createdAt, locale)}</dd>
        </div>
        <div className="field-row">
          <dt>{t.updatedAt}</dt>
          <dd>{formatDateTime(record.updatedAt, locale)}</dd>
        </div>
        <div className="field-row">
          <dt>{t.version}</dt>
          <dd>{record.version}</dd>
        </div>
      </dl>
      <h3>{t.history}</h3>
      {history.kind === 'loading' && <p className="muted">{t.loading}</p>}
      {history.kind === 'failed' && (
        <p className="form-error" role="alert">
          {history.message}
        </p>
      )}
      {history.kind === 'loaded' && <RecordHistory object={object} history={history.history} />}
    </Drawer>
  );
}
