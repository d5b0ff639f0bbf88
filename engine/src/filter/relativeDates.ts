import { formatLocalDay, instantOfLocal, isoWeekdayOf, localDayOf, parseLocalDay } from '../calendar/zonedTime.js';
import { RELATIVE_RANGES, type RelativeRange } from '../reports/types.js';
import { parseIsoDatetime } from './isoDatetime.js';

/**
 * A resolved date range, `to` exclusive: whole local days of the run's time zone (from a named
 * range or absolute dates), or instants (from absolute date-times). `step` is how far
 * "the previous period" lies back: a calendar unit for this/last month, quarter, year, else the
 * range's own length.
 */
export type ResolvedRange =
  | { readonly kind: 'days'; readonly fromDay: number; readonly toDay: number; readonly step: Step }
  | { readonly kind: 'instants'; readonly from: number; readonly to: number; readonly step: Step };

type Step = { readonly months: number } | { readonly days: number } | { readonly ms: number };

export function isRelativeRange(value: unknown): value is RelativeRange {
  return typeof value === 'string' && (RELATIVE_RANGES as readonly string[]).includes(value);
}

/** Days since 1970-01-01 of the first day of the month `months` after the month of `day`. */
function monthStart(day: number, months: number): number {
  const date = new Date(day * 86_400_000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1) / 86_400_000;
}

function addMonths(day: number, months: number): number {
  const date = new Date(day * 86_400_000);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date.getUTCDate(), last)) / 86_400_000;
}

function days(fromDay: number, toDay: number, step: Step): ResolvedRange {
  return { kind: 'days', fromDay, toDay, step };
}

/**
 * A named range in the time zone at `now`. `last_N_days` ends with today (today and the N-1 days
 * before it); weeks start on Monday; quarters are calendar quarters.
 */
export function resolveRelativeRange(range: RelativeRange, now: Date, timeZone: string): ResolvedRange {
  const today = localDayOf(now.getTime(), timeZone);
  const monday = today - (isoWeekdayOf(today) - 1);
  const month = monthStart(today, 0);
  const monthIndex = new Date(today * 86_400_000).getUTCMonth();
  const quarter = monthStart(today, -(monthIndex % 3));
  const year = monthStart(today, -monthIndex);
  switch (range) {
    case 'today':
      return days(today, today + 1, { days: 1 });
    case 'yesterday':
      return days(today - 1, today, { days: 1 });
    case 'last_7_days':
      return days(today - 6, today + 1, { days: 7 });
    case 'last_30_days':
      return days(today - 29, today + 1, { days: 30 });
    case 'last_90_days':
      return days(today - 89, today + 1, { days: 90 });
    case 'last_365_days':
      return days(today - 364, today + 1, { days: 365 });
    case 'this_week':
      return days(monday, monday + 7, { days: 7 });
    case 'last_week':
      return days(monday - 7, monday, { days: 7 });
    case 'this_month':
      return days(month, monthStart(month, 1), { months: 1 });
    case 'last_month':
      return days(monthStart(month, -1), month, { months: 1 });
    case 'this_quarter':
      return days(quarter, monthStart(quarter, 3), { months: 3 });
    case 'last_quarter':
      return days(monthStart(quarter, -3), quarter, { months: 3 });
    case 'this_year':
      return days(year, monthStart(year, 12), { months: 12 });
    case 'last_year':
      return days(monthStart(year, -12), year, { months: 12 });
  }
}

/**
 * `{from, to}` as given by a report or a dashboard: both ISO dates (whole local days) or both
 * date-times with a zone; `to` exclusive and after `from`. Returns a sentence when it is not.
 */
export function resolveAbsoluteRange(from: unknown, to: unknown): ResolvedRange | string {
  if (typeof from === 'string' && typeof to === 'string') {
    const fromDay = parseLocalDay(from);
    const toDay = parseLocalDay(to);
    if (fromDay !== undefined && toDay !== undefined) {
      return toDay > fromDay ? days(fromDay, toDay, { days: toDay - fromDay }) : '"to" must come after "from"';
    }
    const a = parseIsoDatetime(from);
    const b = parseIsoDatetime(to);
    if (a !== null && b !== null) {
      const span = b.getTime() - a.getTime();
      return span > 0
        ? { kind: 'instants', from: a.getTime(), to: b.getTime(), step: { ms: span } }
        : '"to" must come after "from"';
    }
  }
  return 'expected "from" and "to" as two dates ("2024-05-01") or two date-times with a zone';
}

/** The range one period earlier (`previous_period`) or one year earlier (`previous_year`). */
export function shiftRange(range: ResolvedRange, compare: 'previous_period' | 'previous_year'): ResolvedRange {
  const step: Step = compare === 'previous_year' ? { months: 12 } : range.step;
  if (range.kind === 'days') {
    if ('months' in step)
      return days(addMonths(range.fromDay, -step.months), addMonths(range.toDay, -step.months), range.step);
    const back = 'days' in step ? step.days : Math.round(step.ms / 86_400_000);
    return days(range.fromDay - back, range.toDay - back, range.step);
  }
  if ('ms' in step) return { ...range, from: range.from - step.ms, to: range.to - step.ms };
  const shift = (ms: number) => {
    const date = new Date(ms);
    const months = 'months' in step ? step.months : 0;
    date.setUTCMonth(date.getUTCMonth() - months);
    return date.getTime() - ('days' in step ? step.days * 86_400_000 : 0);
  };
  return { ...range, from: shift(range.from), to: shift(range.to) };
}

/** The range as instants (for date-time fields and columns): local midnights in the zone. */
export function rangeInstants(range: ResolvedRange, timeZone: string): { from: Date; to: Date } {
  if (range.kind === 'instants') return { from: new Date(range.from), to: new Date(range.to) };
  return {
    from: new Date(instantOfLocal(range.fromDay, 0, timeZone)),
    to: new Date(instantOfLocal(range.toDay, 0, timeZone)),
  };
}

/** The range as local dates `YYYY-MM-DD` (for date fields); instants round out to the days they touch. */
export function rangeDates(range: ResolvedRange, timeZone: string): { from: string; to: string } {
  if (range.kind === 'days') return { from: formatLocalDay(range.fromDay), to: formatLocalDay(range.toDay) };
  return {
    from: formatLocalDay(localDayOf(range.from, timeZone)),
    to: formatLocalDay(localDayOf(range.to - 1, timeZone) + 1),
  };
}
