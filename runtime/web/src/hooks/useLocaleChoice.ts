import { useCallback, useState } from 'react';
import type { Locale } from '../api/types.js';
import { localeOf } from '../i18n/localeOf.js';

const KEY = 'leadforge.locale';

function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(KEY);
    return value === null ? null : localeOf(value);
  } catch {
    return null;
  }
}

export interface LocaleChoice {
  readonly locale: Locale;
  /** The user picks a language; it is remembered in this browser. */
  readonly choose: (locale: Locale) => void;
  /** The app's default language applies unless the user has picked one. */
  readonly adoptDefault: (tag: string) => void;
}

export function useLocaleChoice(): LocaleChoice {
  const [chosen, setChosen] = useState<Locale | null>(storedLocale);
  const [fallback, setFallback] = useState<Locale>(() => localeOf(navigator.language));
  const choose = useCallback((locale: Locale) => {
    setChosen(locale);
    try {
      window.localStorage.setItem(KEY, locale);
    } catch {
      // Storage may be disabled; the choice then lasts for this page only.
    }
  }, []);
  const adoptDefault = useCallback((tag: string) => setFallback(localeOf(tag)), []);
  return { locale: chosen ?? fallback, choose, adoptDefault };
}
