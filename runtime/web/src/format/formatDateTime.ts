/** A timestamp as the reader's locale writes it, e.g. "2026年11月23日 20:04" or "Nov 23, 2026, 8:04 PM". */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
