import { LeadforgeError } from '../errors/types.js';
import type { BusinessCalendar } from './types.js';
import { WEEKDAYS } from './types.js';
import { instantOfLocal, isoWeekdayOf, localDayOf, parseClockTime, parseLocalDay } from './zonedTime.js';

/** How far a computation walks looking for working time before it gives up (a calendar with none). */
export const MAX_CALENDAR_DAYS = 3660;

interface PreparedCalendar {
  readonly timeZone: string;
  readonly weekdays: ReadonlySet<number>;
  readonly ranges: readonly (readonly [number, number])[];
  readonly holidays: ReadonlySet<number>;
  readonly extra: ReadonlySet<number>;
}

const prepared = new WeakMap<BusinessCalendar, PreparedCalendar>();

function prepare(calendar: BusinessCalendar): PreparedCalendar {
  const known = prepared.get(calendar);
  if (known) return known;
  const days = (dates: readonly string[] | undefined) =>
    new Set((dates ?? []).map(parseLocalDay).filter((d): d is number => d !== undefined));
  const ranges = calendar.hours.map((h) => {
    const from = parseClockTime(h.from);
    const to = parseClockTime(h.to);
    if (from === undefined || to === undefined || from >= to)
      throw new LeadforgeError('INVALID', `working hours ${h.from}–${h.to} are not a range of the day`);
    return [from, to] as const;
  });
  const result: PreparedCalendar = {
    timeZone: calendar.timeZone,
    weekdays: new Set(calendar.workingDays.map((d) => WEEKDAYS.indexOf(d) + 1)),
    ranges,
    holidays: days(calendar.holidays),
    extra: days(calendar.extraWorkingDays),
  };
  prepared.set(calendar, result);
  return result;
}

function isWorkingDay(cal: PreparedCalendar, day: number): boolean {
  if (cal.holidays.has(day)) return false;
  return cal.extra.has(day) || cal.weekdays.has(isoWeekdayOf(day));
}

/**
 * The working intervals `[start, end)` (epoch ms) of the calendar from the local day holding
 * `fromMs` on, day by day, ascending. Stops after MAX_CALENDAR_DAYS days.
 */
export function* workingIntervals(calendar: BusinessCalendar, fromMs: number): Generator<readonly [number, number]> {
  const cal = prepare(calendar);
  const first = localDayOf(fromMs, cal.timeZone);
  for (let day = first; day < first + MAX_CALENDAR_DAYS; day++) {
    if (!isWorkingDay(cal, day)) continue;
    for (const [from, to] of cal.ranges) {
      const start = instantOfLocal(day, from, cal.timeZone);
      const end = instantOfLocal(day, to, cal.timeZone);
      if (end > start) yield [start, end];
    }
  }
}
