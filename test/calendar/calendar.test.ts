// JSON case table (STYLE lesson 3): business-hours arithmetic in a time zone, incl. DST, lunch breaks,
// weekends, holidays and adjusted working weekends.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import {
  addWorkingTime,
  type BusinessCalendar,
  parseDurationMs,
  workingTimeBetween,
} from '../../engine/src/calendar/index.js';
import { LeadforgeError } from '../../engine/src/errors/types.js';

interface CalendarCases {
  readonly calendars: Record<string, BusinessCalendar>;
  readonly add: readonly {
    description: string;
    calendar: string;
    start: string;
    duration: string;
    result: string;
  }[];
  readonly between: readonly { description: string; calendar: string; a: string; b: string; minutes: number }[];
}

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases.json');
const cases = JSON.parse(readFileSync(file, 'utf8')) as CalendarCases;

function calendarOf(id: string): BusinessCalendar {
  const calendar = cases.calendars[id];
  if (!calendar) throw new Error(`cases.json names an unknown calendar ${id}`);
  return calendar;
}

describe('business-hours calendar', () => {
  describe('addWorkingTime', () => {
    for (const c of cases.add) {
      it(c.description, () => {
        const calendar = calendarOf(c.calendar);
        const duration = parseDurationMs(c.duration);
        const result = addWorkingTime(new Date(c.start), duration, calendar);
        expect(result.toISOString()).to.equal(new Date(c.result).toISOString());
        if (duration > 0) expect(workingTimeBetween(new Date(c.start), result, calendar)).to.equal(duration);
      });
    }

    it('refuses a negative duration', () => {
      expect(() => addWorkingTime(new Date(), -1, calendarOf('shanghai'))).to.throw(LeadforgeError, /zero or more/);
    });

    it('gives up on a calendar with no working time instead of looping', () => {
      const never: BusinessCalendar = { timeZone: 'UTC', workingDays: [], hours: [{ from: '09:00', to: '17:00' }] };
      expect(() => addWorkingTime(new Date('2026-01-01T00:00:00Z'), 60_000, never)).to.throw(
        LeadforgeError,
        /no working time/,
      );
    });
  });

  describe('workingTimeBetween', () => {
    for (const c of cases.between) {
      it(c.description, () => {
        const minutes = workingTimeBetween(new Date(c.a), new Date(c.b), calendarOf(c.calendar)) / 60_000;
        expect(minutes).to.equal(c.minutes);
      });
    }
  });

  describe('parseDurationMs', () => {
    it('reads days, hours and minutes', () => {
      expect(parseDurationMs('P1DT2H30M')).to.equal(((24 + 2) * 60 + 30) * 60_000);
      expect(parseDurationMs('PT24H')).to.equal(86_400_000);
    });
    it('refuses what the package schema refuses', () => {
      for (const bad of ['P', 'PT', '24h', 'P1W', 'PT1.5H'])
        expect(() => parseDurationMs(bad)).to.throw(LeadforgeError);
    });
  });
});
