const DAY_MS = 86_400_000;

/** `count` decimal digits at `at`, or -1. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Milliseconds since the epoch for an ISO 8601 date (`2026-03-02`, midnight UTC) or date-time
 * (`2026-03-02T09:30`, `…:15`, `…:15.250`, then `Z`, `+08:00` or `+0800`; no offset means UTC, so the
 * answer never depends on the server's zone), or a Date. Anything else, including impossible dates
 * such as 2026-02-30, → null. A hand-written scanner: linear, no regular expression, no Date.parse.
 */
export function isoTime(value: unknown): number | null {
  if (typeof value !== 'string') {
    if (!(value instanceof Date)) return null;
    const time = value.getTime();
    return Number.isNaN(time) ? null : time;
  }
  if (value.length < 10 || value.length > 40) return null;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (year < 0 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || month < 1 || month > 12 || day < 1)
    return null;
  if (day > daysInMonth(year, month)) return null;
  const date = daysFromCivil(year, month, day) * DAY_MS;
  const length = value.length;
  if (length === 10) return date;
  const separator = value.charCodeAt(10);
  if (separator !== 84 && separator !== 32) return null; // T or space
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  if (hour < 0 || hour > 23 || value.charCodeAt(13) !== 58 || minute < 0 || minute > 59) return null;
  let at = 16;
  let second = 0;
  let millis = 0;
  if (value.charCodeAt(at) === 58) {
    second = digits(value, at + 1, 2);
    if (second < 0 || second > 59) return null;
    at += 3;
    if (value.charCodeAt(at) === 46) {
      const start = ++at;
      while (at < length && at - start < 9 && value.charCodeAt(at) >= 48 && value.charCodeAt(at) <= 57) at++;
      if (at === start) return null;
      millis = Number(value.slice(start, Math.min(at, start + 3)).padEnd(3, '0'));
    }
  }
  let offset = 0;
  if (at < length) {
    const sign = value.charCodeAt(at);
    if (sign === 90) {
      at++; // Z
    } else if (sign === 43 || sign === 45) {
      const hours = digits(value, at + 1, 2);
      at += 3;
      if (value.charCodeAt(at) === 58) at++;
      const minutes = digits(value, at, 2);
      at += 2;
      if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null;
      offset = (sign === 43 ? 1 : -1) * (hours * 60 + minutes) * 60_000;
    }
    if (at !== length) return null;
  }
  return date + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset;
}
