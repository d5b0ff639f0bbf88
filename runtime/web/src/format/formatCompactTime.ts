/**
 * A timestamp short enough for a table cell: the time alone today, month and day this year, the full date
 * before that. `now` is passed in so the choice is predictable.
 */
export function formatCompactTime(iso: string, locale: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameYear = date.getFullYear() === now.getFullYear();
  const sameDay = sameYear && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: 'numeric', minute: '2-digit' }
    : sameYear
      ? { month: 'short', day: 'numeric' }
      : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}
