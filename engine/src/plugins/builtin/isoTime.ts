// A fixed, linear pattern (no nested quantifiers): rule text never builds a regular expression.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Milliseconds since the epoch for an ISO 8601 date (`2026-03-02`, midnight UTC) or date-time
 * (`2026-03-02T09:30:00Z`; no offset means UTC, so the answer never depends on the server's zone),
 * or a Date. Anything else, including impossible dates such as 2026-02-30, → null.
 */
export function isoTime(value: unknown): number | null {
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? null : time;
  }
  if (typeof value !== 'string' || value.length > 40) return null;
  const match = ISO.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, zone] = match;
  const dateOnly = hour === undefined;
  const text = dateOnly
    ? `${year}-${month}-${day}T00:00:00Z`
    : `${value.slice(0, 10)}T${value.slice(11)}${zone ? '' : 'Z'}`;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return null;
  // Date.parse rolls 2026-02-30 over to March; the calendar date written must be a real one.
  if (Number(day) > daysInMonth(Number(year), Number(month))) return null;
  if (Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) return null;
  return time;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
