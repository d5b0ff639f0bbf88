import { useRecordCount } from '../hooks/useRecordCount.js';
import { useI18n } from '../i18n/I18nContext.js';
import { objectPath } from '../navigation/objectPath.js';

export interface FilterBannerProps {
  readonly object: string;
  readonly filter: string;
  readonly onGo: (address: string) => void;
}

/** Says the list is narrowed (e.g. to the records behind a chart point), how many match, and how to see all. */
export function FilterBanner({ object, filter, onGo }: FilterBannerProps) {
  const { t } = useI18n();
  const count = useRecordCount(object, filter);
  return (
    <p className="filter-banner" aria-live="polite">
      <span>
        {t.filteredList}{' '}
        {count.kind === 'counted' && (
          <strong className="filtered-count" data-count={count.count}>
            {t.matchingRecords(count.count)}
          </strong>
        )}
        {count.kind === 'failed' && <span className="form-error">{count.message}</span>}
      </span>
      <a
        href={objectPath(object)}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          onGo(objectPath(object));
        }}
      >
        {t.clearFilter}
      </a>
    </p>
  );
}
