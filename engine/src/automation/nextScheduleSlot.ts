import { instantOfLocal, isoWeekdayOf, localDayOf } from '../calendar/zonedTime.js';
import type { AutomationTrigger } from '../package/schemas/index.js';

type Schedule = Extract<AutomationTrigger, { type: 'schedule' }>;

const ISO_WEEKDAY = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 } as const;

/**
 * The first slot of a recurring trigger strictly after `after`, read in `timeZone`: every hour at
 * minute `at`'s minutes (default :00), every day at `at` (default 00:00), every week on `weekday`
 * (default Monday) at `at`.
 */
export function nextScheduleSlot(trigger: Schedule, after: Date, timeZone: string): Date {
  const [h, m] = (trigger.at ?? '00:00').split(':').map(Number) as [number, number];
  const ms = after.getTime();
  if (trigger.every === 'hour') {
    const hourStart = Math.floor(ms / 3_600_000) * 3_600_000;
    for (let k = 0; k < 3; k++) {
      const slot = hourStart + k * 3_600_000 + m * 60_000;
      if (slot > ms) return new Date(slot);
    }
  }
  const today = localDayOf(ms, timeZone);
  for (let day = today; day < today + 15; day++) {
    if (trigger.every === 'week' && isoWeekdayOf(day) !== ISO_WEEKDAY[trigger.weekday ?? 'monday']) continue;
    const slot = instantOfLocal(day, h * 60 + m, timeZone);
    if (slot > ms) return new Date(slot);
  }
  throw new Error('no schedule slot within two weeks');
}
