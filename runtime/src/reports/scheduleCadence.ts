import { isKnownTimeZone, LeadforgeError, type Problem } from '@leadforge/engine';
import { instantOfLocal, isoWeekdayOf, localDayOf } from '../../../engine/src/calendar/zonedTime.js';
import { isPlainObject } from '../records/recordInput.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When a schedule sends: every day, week (on a weekday) or month (on a day 1–28) at `at` in `timeZone`. */
export type Cadence =
  | { readonly every: 'daily'; readonly at: string; readonly timeZone: string }
  | { readonly every: 'weekly'; readonly at: string; readonly timeZone: string; readonly weekday: Weekday }
  | { readonly every: 'monthly'; readonly at: string; readonly timeZone: string; readonly day: number };

const AT = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Checks a cadence from a request body; `timeZone` defaults to `defaultZone`. */
export function cadenceOrThrow(value: unknown, defaultZone: string, path = '/cadence'): Cadence {
  if (!isPlainObject(value))
    throw new LeadforgeError('MALFORMED', 'invalid cadence', [
      { path, message: 'must be an object such as {"every": "weekly", "weekday": "monday", "at": "08:00"}' },
    ]);
  const problems: Problem[] = [];
  const allowed = ['every', 'at', 'timeZone', 'weekday', 'day'];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      problems.push({
        path: `${path}/${key}`,
        message: `unknown property "${key}"; expected one of: ${allowed.join(', ')}`,
      });
  }
  const { every, at, timeZone = defaultZone, weekday, day } = value;
  if (every !== 'daily' && every !== 'weekly' && every !== 'monthly')
    problems.push({ path: `${path}/every`, message: 'must be one of: daily, weekly, monthly' });
  if (typeof at !== 'string' || !AT.test(at)) problems.push({ path: `${path}/at`, message: 'must be a time HH:MM' });
  if (typeof timeZone !== 'string' || timeZone.length > 64 || !isKnownTimeZone(timeZone))
    problems.push({ path: `${path}/timeZone`, message: 'must be an IANA time zone such as Asia/Shanghai' });
  if (every === 'weekly' && !(WEEKDAYS as readonly unknown[]).includes(weekday ?? 'monday'))
    problems.push({ path: `${path}/weekday`, message: `must be one of: ${WEEKDAYS.join(', ')}` });
  if (every !== 'weekly' && weekday !== undefined)
    problems.push({ path: `${path}/weekday`, message: 'only a weekly cadence has a weekday' });
  if (
    every === 'monthly' &&
    day !== undefined &&
    !(Number.isInteger(day) && (day as number) >= 1 && (day as number) <= 28)
  )
    problems.push({ path: `${path}/day`, message: 'must be a day of the month from 1 to 28' });
  if (every !== 'monthly' && day !== undefined)
    problems.push({ path: `${path}/day`, message: 'only a monthly cadence has a day' });
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'invalid cadence', problems);
  const base = { at: at as string, timeZone: timeZone as string };
  if (every === 'weekly') return { every, ...base, weekday: (weekday ?? 'monday') as Weekday };
  if (every === 'monthly') return { every, ...base, day: (day ?? 1) as number };
  return { every: 'daily', ...base };
}

/** The first due time of `cadence` strictly after `after`. */
export function nextRunAfter(cadence: Cadence, after: Date): Date {
  const [h, m] = cadence.at.split(':').map(Number) as [number, number];
  const minutes = h * 60 + m;
  const ms = after.getTime();
  const today = localDayOf(ms, cadence.timeZone);
  if (cadence.every === 'monthly') {
    const date = new Date(today * 86_400_000);
    for (let k = 0; k < 3; k++) {
      const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + k, cadence.day) / 86_400_000;
      const slot = instantOfLocal(day, minutes, cadence.timeZone);
      if (slot > ms) return new Date(slot);
    }
  } else {
    const weekday = cadence.every === 'weekly' ? WEEKDAYS.indexOf(cadence.weekday) + 1 : undefined;
    for (let day = today; day < today + 9; day++) {
      if (weekday !== undefined && isoWeekdayOf(day) !== weekday) continue;
      const slot = instantOfLocal(day, minutes, cadence.timeZone);
      if (slot > ms) return new Date(slot);
    }
  }
  throw new Error('no due time found for the cadence');
}
