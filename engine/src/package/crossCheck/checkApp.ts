import { isKnownTimeZone, parseClockTime, parseLocalDay } from '../../calendar/zonedTime.js';
import { didYouMean } from '../didYouMean.js';
import type { AppDefinition, CalendarDefinition, SlaDefinition } from '../schemas/index.js';
import { checkRule, checkUnique, objectFor, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

/** The zone is known, hours are ascending non-overlapping ranges, dates are real dates. */
function checkCalendar(ctx: CheckContext, file: string, at: string, calendar: CalendarDefinition): void {
  if (!isKnownTimeZone(calendar.timeZone)) {
    report(
      ctx,
      file,
      `${at}/timeZone`,
      `unknown time zone "${calendar.timeZone}" (use an IANA zone such as "Asia/Shanghai")`,
    );
  }
  let previousEnd = -1;
  calendar.hours.forEach((range, i) => {
    const from = parseClockTime(range.from);
    const to = parseClockTime(range.to);
    if (from === undefined || from >= 1440) {
      report(ctx, file, `${at}/hours/${i}/from`, `"${range.from}" is not a time of day (00:00 to 23:59)`);
      return;
    }
    if (to === undefined) {
      report(ctx, file, `${at}/hours/${i}/to`, `"${range.to}" is not a time of day (00:00 to 24:00)`);
      return;
    }
    if (to <= from) {
      report(ctx, file, `${at}/hours/${i}/to`, `ends at ${range.to}, not after it starts (${range.from})`);
      return;
    }
    if (from < previousEnd) {
      report(ctx, file, `${at}/hours/${i}/from`, `starts at ${range.from}, before the previous range ends`);
    }
    previousEnd = to;
  });
  for (const key of ['holidays', 'extraWorkingDays'] as const) {
    (calendar[key] ?? []).forEach((date, i) => {
      if (parseLocalDay(date) === undefined) report(ctx, file, `${at}/${key}/${i}`, `"${date}" is not a date`);
    });
  }
  const holidays = new Set(calendar.holidays ?? []);
  (calendar.extraWorkingDays ?? []).forEach((date, i) => {
    if (holidays.has(date)) report(ctx, file, `${at}/extraWorkingDays/${i}`, `${date} is also a holiday`);
  });
}

/** The object, its condition's fields and the calendar exist. */
function checkSla(ctx: CheckContext, file: string, at: string, sla: SlaDefinition, calendars: readonly string[]): void {
  if (sla.calendar !== undefined && !calendars.includes(sla.calendar)) {
    report(ctx, file, `${at}/calendar`, `unknown calendar "${sla.calendar}"${didYouMean(sla.calendar, calendars)}`);
  }
  const object = objectFor(ctx, file, `${at}/object`, sla.object);
  if (object && sla.when !== undefined) checkRule(ctx, file, `${at}/when`, sla.when, object);
}

/** The default locale is one of the declared locales; calendars and SLAs are sound. */
export function checkApp(ctx: CheckContext, { file, value }: Checked<AppDefinition>): void {
  if (value.locales && !value.locales.includes(value.defaultLocale)) {
    report(ctx, file, '/defaultLocale', `"${value.defaultLocale}" is not one of locales (${value.locales.join(', ')})`);
  }
  const calendars = Object.keys(value.calendars ?? {});
  for (const [id, calendar] of Object.entries(value.calendars ?? {})) {
    checkCalendar(ctx, file, `/calendars/${id}`, calendar);
  }
  const slas = value.slas ?? [];
  checkUnique(
    ctx,
    file,
    slas.map((s, i) => ({ pointer: `/slas/${i}/id`, id: s.id })),
    'SLA',
  );
  slas.forEach((sla, i) => {
    checkSla(ctx, file, `/slas/${i}`, sla, calendars);
  });
}
