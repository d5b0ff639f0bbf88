import type { Locale } from '../api/types.js';
import { useI18n } from '../i18n/I18nContext.js';

const NAMES: Readonly<Record<Locale, string>> = { 'zh-CN': '中文', en: 'English' };

/** 中文 / English: each language named in itself, so anyone can find theirs. */
export function LanguageSwitch({ onLocale }: { readonly onLocale: (locale: Locale) => void }) {
  const { locale, t } = useI18n();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form fieldset
    <div className="language-switch" role="group" aria-label={t.language}>
      {(Object.keys(NAMES) as Locale[]).map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          className={l === locale ? 'active' : undefined}
          onClick={() => onLocale(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
