import type { FormMessages } from '../i18n/formMessages.js';

const NAMES: Readonly<Record<string, string>> = { en: 'English', 'zh-CN': '中文' };

export interface LanguageSwitchProps {
  readonly locales: readonly string[];
  readonly locale: string;
  readonly t: FormMessages;
  readonly onChange: (locale: string) => void;
}

/** Buttons for the form's other languages; nothing when the form has one. */
export function LanguageSwitch({ locales, locale, t, onChange }: LanguageSwitchProps) {
  if (locales.length < 2) return null;
  return (
    <nav className="lf-language" aria-label={t.language}>
      {locales.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === locale} onClick={() => onChange(l)}>
          {NAMES[l] ?? l}
        </button>
      ))}
    </nav>
  );
}
