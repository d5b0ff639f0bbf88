import { addWorkingTime } from '../calendar/addWorkingTime.js';
import { parseDurationMs } from '../calendar/parseDuration.js';
import type { BusinessCalendar } from '../calendar/types.js';
import type { SlaDefinition } from '../package/schemas/index.js';

/** Events that count as a follow-up when an SLA names none. */
export const DEFAULT_FOLLOW_UP_EVENTS: readonly string[] = ['activity.logged', 'stage.changed'];

export type SlaNotifyTarget = 'owner' | 'ownerManager';

/** One step of an SLA's ladder: the breach reminder first, then each escalation. */
export interface SlaStep {
  /** How long after the start (step 0) or the previous step this one is due. */
  readonly after: string;
  readonly notify: SlaNotifyTarget;
  /** The event the step appends to the record's timeline. */
  readonly event: 'sla.breached' | 'sla.escalated';
}

/** The SLA's steps in order: remind at `within`, then each escalation after the one before. */
export function slaSteps(sla: SlaDefinition): readonly SlaStep[] {
  return [
    { after: sla.within, notify: sla.remind ?? 'owner', event: 'sla.breached' },
    ...(sla.escalate ?? []).map((e) => ({ after: e.after, notify: e.notify, event: 'sla.escalated' as const })),
  ];
}

/** The events that stop the SLA's clock. */
export function slaFollowUpEvents(sla: SlaDefinition): readonly string[] {
  return sla.followUp ?? DEFAULT_FOLLOW_UP_EVENTS;
}

/** When a step is due, `after` from `from`: working time under the calendar, else wall-clock time. */
export function slaDueAt(from: Date, after: string, calendar: BusinessCalendar | undefined): Date {
  const ms = parseDurationMs(after);
  return calendar ? addWorkingTime(from, ms, calendar) : new Date(from.getTime() + ms);
}
