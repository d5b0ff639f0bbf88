import { type BusinessCalendar, planSlaCheck, type SlaDefinition, slaDueAt } from '@leadforge/engine';
import { expect } from 'chai';

const sla: SlaDefinition = {
  id: 'hot',
  object: 'lead',
  within: 'PT24H',
  escalate: [{ after: 'PT4H', notify: 'ownerManager' }],
};
const office: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  hours: [{ from: '09:00', to: '18:00' }],
};
const due = new Date('2026-11-24T01:00:00Z');

describe('SLA planning', () => {
  it('counts wall-clock time without a calendar and working time with one', () => {
    const friday = new Date('2026-11-20T09:00:00+08:00');
    expect(slaDueAt(friday, 'PT24H', undefined).toISOString()).to.equal('2026-11-21T01:00:00.000Z');
    // 9 working hours a day: Fri 9 + Mon 9 + Tue 6 → Tuesday 15:00 in Shanghai
    expect(slaDueAt(friday, 'PT24H', office).toISOString()).to.equal(
      new Date('2026-11-24T15:00:00+08:00').toISOString(),
    );
  });

  it('reminds the owner at the deadline and schedules the escalation after it', () => {
    const decision = planSlaCheck(sla, { step: 0, dueAt: due, followUpAt: null, sameOwner: true }, undefined);
    expect(decision).to.deep.equal({
      kind: 'fire',
      notify: 'owner',
      event: 'sla.breached',
      nextDueAt: new Date('2026-11-24T05:00:00Z'),
    });
  });

  it('escalates to the manager last, with nothing after', () => {
    const decision = planSlaCheck(sla, { step: 1, dueAt: due, followUpAt: null, sameOwner: true }, undefined);
    expect(decision).to.deep.equal({ kind: 'fire', notify: 'ownerManager', event: 'sla.escalated', nextDueAt: null });
  });

  it('is met by a follow-up and cancelled by a new owner', () => {
    const followUpAt = new Date('2026-11-23T23:00:00Z');
    expect(planSlaCheck(sla, { step: 0, dueAt: due, followUpAt, sameOwner: true }, undefined)).to.deep.equal({
      kind: 'met',
      at: followUpAt,
    });
    expect(planSlaCheck(sla, { step: 0, dueAt: due, followUpAt: null, sameOwner: false }, undefined)).to.deep.equal({
      kind: 'cancel',
      reason: 'owner-changed',
    });
  });
});
