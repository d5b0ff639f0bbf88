const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A calendar date `YYYY-MM-DD`, years 0001–9999. JavaScript would roll `2023-02-30` over to
 * March; PostgreSQL would refuse it at run time. Both are wrong for a filter, so it is refused here.
 */
export function isIsoDate(text: unknown): text is string {
  const m = typeof text === 'string' ? DATE.exec(text) : null;
  return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** An ISO 8601 date-time with a time zone (`Z` or `±hh:mm`), strictly in range; null otherwise. */
export function parseIsoDatetime(text: unknown): Date | null {
  const m = typeof text === 'string' ? DATETIME.exec(text) : null;
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  if (m[9] !== undefined && (Number(m[10]) > 14 || Number(m[11]) > 59)) return null;
  const date = new Date(text as string);
  return Number.isNaN(date.getTime()) ? null : date;
}
