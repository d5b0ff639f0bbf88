import type { Label } from '../api/types.js';

/** The label's text in the locale, else English, else any text it has, else the fallback. */
export function labelText(label: Label | string | null | undefined, locale: string, fallback = ''): string {
  if (typeof label === 'string') return label;
  if (!label) return fallback;
  return label[locale] ?? label['en'] ?? Object.values(label)[0] ?? fallback;
}
