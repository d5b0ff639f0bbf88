import type { Locale } from '../api/types.js';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** The supported locale closest to a tag such as `zh`, `zh-Hans-CN` or `en-GB`; English otherwise. */
export function localeOf(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
