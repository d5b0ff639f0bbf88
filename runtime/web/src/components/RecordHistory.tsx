import type { HistoryEntry, ObjectInfo } from '../api/types.js';
import { formatDateTime } from '../format/formatDateTime.js';
import { formatValue } from '../format/formatValue.js';
import { shortId } from '../format/shortId.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pickLabel } from '../i18n/pickLabel.js';
import { useSession } from '../session/SessionContext.js';

function ChangeList({ object, entry }: { readonly object: ObjectInfo; readonly entry: HistoryEntry }) {
  const { locale, t } = useI18n();
  const changes = Object.entries(entry.changes);
  if (changes.length === 0) return null;
  return (
    <ul className="changes">
      {changes.map(([name, change]) => {
        const field = object.fields.find((f) => f.name === name);
        if (!field) return null;
        return (
          <li key={name}>
            <span className="change-field">{pickLabel(field.label, locale, name)}</span>{' '}
            {entry.action !== 'create' && (
              <>
                <span className="change-from">{formatValue(field, change.from, locale, t)}</span> →{' '}
              </>
            )}
            <span className="change-to">{formatValue(field, change.to, locale, t)}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Who changed what, when: one entry per version. */
export function RecordHistory({
  object,
  history,
}: {
  readonly object: ObjectInfo;
  readonly history: readonly HistoryEntry[];
}) {
  const { locale, t } = useI18n();
  const { user } = useSession();
  if (history.length === 0) return <p className="muted">{t.noHistory}</p>;
  return (
    <ol className="history">
      {history.map((entry) => (
        <li key={entry.version}>
          <div className="history-head">
            <strong>{t.action(entry.action)}</strong> · {t.version} {entry.version} ·{' '}
            <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
            {entry.actorId && <> · {t.by(entry.actorId === user.id ? t.you : shortId(entry.actorId))}</>}
          </div>
          <ChangeList object={object} entry={entry} />
        </li>
      ))}
    </ol>
  );
}
