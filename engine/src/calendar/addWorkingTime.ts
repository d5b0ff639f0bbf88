import { LeadforgeError } from '../errors/types.js';
import type { BusinessCalendar } from './types.js';
import { MAX_CALENDAR_DAYS, workingIntervals } from './workingIntervals.js';

/**
 * The instant `durationMs` of working time after `start`: time outside the calendar's working
 * hours, on holidays and on non-working days does not count. A start outside working hours
 * counts from the next working moment; a deadline that falls on the end of a range stays there
 * (18:00, not the next morning). Zero answers `start`.
 */
export function addWorkingTime(start: Date, durationMs: number, calendar: BusinessCalendar): Date {
  if (!Number.isFinite(durationMs) || durationMs < 0)
    throw new LeadforgeError('INVALID', `a working-time duration must be zero or more, got ${durationMs}`);
  const from = start.getTime();
  if (durationMs === 0) return new Date(from);
  let left = durationMs;
  for (const [rangeStart, rangeEnd] of workingIntervals(calendar, from)) {
    if (rangeEnd <= from) continue;
    const begin = Math.max(rangeStart, from);
    const available = rangeEnd - begin;
    if (left <= available) return new Date(begin + left);
    left -= available;
  }
  throw new LeadforgeError(
    'INVALID',
    `the calendar has no working time to count ${durationMs} ms within ${MAX_CALENDAR_DAYS} days`,
  );
}
