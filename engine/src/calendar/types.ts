/** A day of the week as written in a calendar. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Weekdays in ISO order (Monday first). */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** One working range of a day, local wall-clock times `HH:MM` (`to` may be `24:00`). */
export interface WorkingHours {
  readonly from: string;
  readonly to: string;
}

/**
 * A business-hours calendar (app.json `calendars.<id>`): which local days and hours count as
 * working time in a time zone. A holiday is never a working day; an extra working day (China's
 * adjusted weekends) always is.
 */
export interface BusinessCalendar {
  /** An IANA time zone such as `Asia/Shanghai`. */
  readonly timeZone: string;
  readonly workingDays: readonly Weekday[];
  /** Ascending, non-overlapping ranges, e.g. 09:00–12:00 and 13:30–18:00. */
  readonly hours: readonly WorkingHours[];
  /** Local dates `YYYY-MM-DD` that are not working days. */
  readonly holidays?: readonly string[];
  /** Local dates `YYYY-MM-DD` that are working days whatever their weekday. */
  readonly extraWorkingDays?: readonly string[];
}
