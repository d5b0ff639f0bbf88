export { addWorkingTime } from './addWorkingTime.js';
export { parseDurationMs } from './parseDuration.js';
export { type BusinessCalendar, WEEKDAYS, type Weekday, type WorkingHours } from './types.js';
export { MAX_CALENDAR_DAYS } from './workingIntervals.js';
export { workingTimeBetween } from './workingTimeBetween.js';
export { isKnownTimeZone, parseClockTime, parseLocalDay } from './zonedTime.js';
