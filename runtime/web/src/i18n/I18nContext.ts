import { createContext, useContext } from 'react';
import type { Locale } from '../api/types.js';
import { type Messages, uiMessages } from './uiMessages.js';

export interface I18n {
  readonly locale: Locale;
  readonly t: Messages;
}

export const I18nContext = createContext<I18n>({ locale: 'en', t: uiMessages.en });

/** The chosen locale and its interface text. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
