/** Civil dates and wall-clock times in an IANA time zone, computed with Intl only. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone (e.g. `Asia/Shanghai`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall-clock reading at `ms`, as if it were UTC (milliseconds, seconds precision). */
function wallClockMs(ms: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** The zone's offset from UTC at the instant `ms`, in milliseconds. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

/** Days since 1970-01-01 of the zone's local date at the instant `ms`. */
export function localDayOf(ms: number, timeZone: string): number {
  return Math.floor((ms + zoneOffsetMs(ms, timeZone)) / 86_400_000);
}

/**
 * The instant the zone's clock reads `minutes` past midnight of local day `day` (days since
 * 1970-01-01; `minutes` may be 1440 for the next midnight). A time skipped by a DST jump maps
 * to the instant after the jump, a repeated time to its first occurrence.
 */
export function instantOfLocal(day: number, minutes: number, timeZone: string): number {
  const wall = day * 86_400_000 + minutes * 60_000;
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  if (first === second) return first;
  // Around a switch the two guesses differ: keep the earlier that reads `wall`, else the later (a gap).
  const earlier = Math.min(first, second);
  const later = Math.max(first, second);
  return earlier + zoneOffsetMs(earlier, timeZone) === wall ? earlier : later;
}

/** ISO weekday of a local day: 1 Monday … 7 Sunday. */
export function isoWeekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** `YYYY-MM-DD` of a local day. */
export function formatLocalDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Local day of `YYYY-MM-DD`, or undefined when it is not a real date. */
export function parseLocalDay(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = ms / 86_400_000;
  return formatLocalDay(day) === date ? day : undefined;
}

/** Minutes past midnight of `HH:MM` (`24:00` is 1440), or undefined when malformed. */
export function parseClockTime(time: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}
