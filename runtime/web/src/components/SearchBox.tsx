import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.js';

/** A search field that searches on Enter (or the button) and clears back to the full list. */
export function SearchBox({ onSearch }: { readonly onSearch: (query: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <search className="search-box">
      <form onSubmit={submit}>
        <input
          type="search"
          name="q"
          aria-label={t.search}
          placeholder={t.searchPlaceholder}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value === '') onSearch('');
          }}
        />
        <button type="submit">{t.search}</button>
      </form>
    </search>
  );
}
