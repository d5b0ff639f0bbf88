import type { Label } from '../api/types.js';

/** The label's text in the locale, else English, else any text it has, else the fallback (a name). */
export function pickLabel(label: Label | undefined, locale: string, fallback = ''): string {
  if (!label) return fallback;
  return label[locale] ?? label['en'] ?? Object.values(label)[0] ?? fallback;
}
