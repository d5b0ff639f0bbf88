import type { BusinessCalendar } from './types.js';
import { workingIntervals } from './workingIntervals.js';

/**
 * Working time (milliseconds) between two instants under the calendar; negative when `b` is
 * before `a`. Time on holidays, non-working days and outside working hours does not count.
 */
export function workingTimeBetween(a: Date, b: Date, calendar: BusinessCalendar): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return -workingTimeBetween(b, a, calendar);
  let total = 0;
  for (const [rangeStart, rangeEnd] of workingIntervals(calendar, from)) {
    if (rangeStart >= to) break;
    if (rangeEnd <= from) continue;
    total += Math.min(rangeEnd, to) - Math.max(rangeStart, from);
  }
  return total;
}
