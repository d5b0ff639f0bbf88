import { compileFilter, render } from '@leadforge/engine';
import { expect } from 'chai';
import {
  rangeDates,
  rangeInstants,
  resolveAbsoluteRange,
  resolveRelativeRange,
  shiftRange,
} from '../../engine/src/filter/relativeDates.js';
import type { RELATIVE_RANGES } from '../../engine/src/reports/types.js';
import { leadObject } from '../support/objects.js';

// Saturday 15 June 2024, 02:00 in Shanghai (still Friday 14 June in UTC)
const NOW = new Date('2024-06-14T18:00:00Z');

function dates(range: (typeof RELATIVE_RANGES)[number], zone = 'Asia/Shanghai') {
  const { from, to } = rangeDates(resolveRelativeRange(range, NOW, zone), zone);
  return [from, to];
}

describe('reports: relative date ranges', () => {
  it('resolves every named range to whole local days of the run’s zone, `to` exclusive', () => {
    expect(dates('today')).to.deep.equal(['2024-06-15', '2024-06-16']);
    expect(dates('today', 'UTC')).to.deep.equal(['2024-06-14', '2024-06-15']);
    expect(dates('yesterday')).to.deep.equal(['2024-06-14', '2024-06-15']);
    expect(dates('last_7_days')).to.deep.equal(['2024-06-09', '2024-06-16']);
    expect(dates('last_30_days')).to.deep.equal(['2024-05-17', '2024-06-16']);
    expect(dates('last_90_days')).to.deep.equal(['2024-03-18', '2024-06-16']);
    expect(dates('last_365_days')).to.deep.equal(['2023-06-17', '2024-06-16']);
    expect(dates('this_week')).to.deep.equal(['2024-06-10', '2024-06-17']);
    expect(dates('last_week')).to.deep.equal(['2024-06-03', '2024-06-10']);
    expect(dates('this_month')).to.deep.equal(['2024-06-01', '2024-07-01']);
    expect(dates('last_month')).to.deep.equal(['2024-05-01', '2024-06-01']);
    expect(dates('this_quarter')).to.deep.equal(['2024-04-01', '2024-07-01']);
    expect(dates('last_quarter')).to.deep.equal(['2024-01-01', '2024-04-01']);
    expect(dates('this_year')).to.deep.equal(['2024-01-01', '2025-01-01']);
    expect(dates('last_year')).to.deep.equal(['2023-01-01', '2024-01-01']);
  });

  it('turns local days into the instants of local midnight, across a daylight-saving change', () => {
    const march = resolveRelativeRange('this_month', new Date('2024-03-15T12:00:00Z'), 'America/New_York');
    const { from, to } = rangeInstants(march, 'America/New_York');
    expect(from.toISOString()).to.equal('2024-03-01T05:00:00.000Z');
    expect(to.toISOString()).to.equal('2024-04-01T04:00:00.000Z');
  });

  it('steps back one calendar unit for month, quarter and year ranges, else the same length', () => {
    const shifted = (range: (typeof RELATIVE_RANGES)[number], compare: 'previous_period' | 'previous_year') => {
      const { from, to } = rangeDates(shiftRange(resolveRelativeRange(range, NOW, 'UTC'), compare), 'UTC');
      return [from, to];
    };
    expect(shifted('this_month', 'previous_period')).to.deep.equal(['2024-05-01', '2024-06-01']);
    expect(shifted('last_month', 'previous_period')).to.deep.equal(['2024-04-01', '2024-05-01']);
    expect(shifted('this_quarter', 'previous_period')).to.deep.equal(['2024-01-01', '2024-04-01']);
    expect(shifted('last_30_days', 'previous_period')).to.deep.equal(['2024-04-16', '2024-05-16']);
    expect(shifted('this_week', 'previous_year')).to.deep.equal(['2023-06-10', '2023-06-17']);
    const absolute = resolveAbsoluteRange('2024-03-01', '2024-03-31');
    if (typeof absolute === 'string') throw new Error(absolute);
    expect(rangeDates(shiftRange(absolute, 'previous_period'), 'UTC')).to.deep.equal({
      from: '2024-01-31',
      to: '2024-03-01',
    });
  });

  it('refuses absolute ranges that are not two dates or two zoned date-times in order', () => {
    expect(resolveAbsoluteRange('2024-03-01', '2024-02-01')).to.be.a('string');
    expect(resolveAbsoluteRange('2024-02-30', '2024-03-01')).to.be.a('string');
    expect(resolveAbsoluteRange('2024-03-01T00:00:00', '2024-03-02T00:00:00')).to.be.a('string');
    expect(resolveAbsoluteRange('2024-03-01', '2024-03-02T00:00:00Z')).to.be.a('string');
  });

  it('reads $within in a filter with the run’s time, as parameters, and refuses it without one', () => {
    const withTime = compileFilter({ createdAt: { $within: 'this_month' } }, leadObject, {
      now: NOW,
      timeZone: 'Asia/Shanghai',
    });
    if (!withTime.ok) throw new Error(JSON.stringify(withTime.problems));
    const { text, params } = render(withTime.value);
    expect(text).to.not.include('2024');
    expect(params).to.deep.equal(['2024-05-31T16:00:00.000Z', '2024-06-30T16:00:00.000Z']);

    const without = compileFilter({ createdAt: { $within: 'this_month' } }, leadObject);
    expect(without.ok).to.equal(false);
    if (!without.ok) expect(without.problems[0]?.path).to.equal('/createdAt/$within');

    const unknown = compileFilter({ createdAt: { $within: 'next_month' } }, leadObject, { now: NOW });
    expect(unknown.ok).to.equal(false);
  });
});
