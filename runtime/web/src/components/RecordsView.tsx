import { useCallback, useMemo, useState } from 'react';
import type { ApiRecord, ObjectInfo } from '../api/types.js';
import { tableColumns } from '../format/tableColumns.js';
import { useRecordList } from '../hooks/useRecordList.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pickLabel } from '../i18n/pickLabel.js';
import { FilterBanner } from './FilterBanner.js';
import { NewRecordForm } from './NewRecordForm.js';
import { RecordPanel } from './RecordPanel.js';
import { RecordsTable } from './RecordsTable.js';
import { SearchBox } from './SearchBox.js';

type Overlay =
  | { readonly kind: 'none' }
  | { readonly kind: 'new' }
  | { readonly kind: 'record'; readonly record: ApiRecord };

export interface RecordsViewProps {
  readonly object: ObjectInfo;
  /** A filter from the address (JSON filter language, e.g. a dashboard's drill-down) narrowing the list. */
  readonly filter?: string | undefined;
  readonly onGo: (address: string) => void;
}

/** One object's records: search, table, paging, the record panel and the "New" form. */
export function RecordsView({ object, filter, onGo }: RecordsViewProps) {
  const { locale, t } = useI18n();
  const [query, setQuery] = useState('');
  const list = useRecordList(object.name, query, filter);
  const columns = useMemo(() => tableColumns(object), [object]);
  const [overlay, setOverlay] = useState<Overlay>({ kind: 'none' });
  const close = useCallback(() => setOverlay({ kind: 'none' }), []);
  const { reload } = list;
  const created = useCallback(
    (record: ApiRecord) => {
      setOverlay({ kind: 'record', record });
      reload();
    },
    [reload],
  );

  return (
    <section className="records-view" aria-labelledby="records-title">
      <div className="toolbar">
        <h1 id="records-title">{pickLabel(object.label, locale, object.name)}</h1>
        <SearchBox onSearch={setQuery} />
        {object.permission.create && (
          <button type="button" className="primary" onClick={() => setOverlay({ kind: 'new' })}>
            {t.newRecord}
          </button>
        )}
      </div>
      {filter !== undefined && <FilterBanner object={object.name} filter={filter} onGo={onGo} />}
      {list.error && (
        <p className="form-error" role="alert">
          {list.error}
        </p>
      )}
      <RecordsTable
        columns={columns}
        records={list.records}
        onOpen={(record) => setOverlay({ kind: 'record', record })}
      />
      {!list.loading && list.records.length === 0 && !list.error && (
        <p className="empty">{query ? t.noMatches(query) : t.noRecords}</p>
      )}
      <div className="list-footer" aria-live="polite">
        {list.loading && <span className="muted">{t.loading}</span>}
        {!list.loading && list.hasMore && (
          <button type="button" onClick={list.loadMore}>
            {t.loadMore}
          </button>
        )}
      </div>
      {overlay.kind === 'new' && <NewRecordForm object={object} onCreated={created} onCancel={close} />}
      {overlay.kind === 'record' && <RecordPanel object={object} record={overlay.record} onClose={close} />}
    </section>
  );
}
