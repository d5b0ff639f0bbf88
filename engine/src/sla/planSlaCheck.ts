import type { BusinessCalendar } from '../calendar/types.js';
import type { SlaDefinition } from '../package/schemas/index.js';
import { type SlaNotifyTarget, type SlaStep, slaDueAt, slaSteps } from './slaSchedule.js';

/** What a timer looks like when its step falls due. */
export interface SlaTimerState {
  readonly step: number;
  /** When this step was due (the previous deadline the next one counts from). */
  readonly dueAt: Date;
  /** The first follow-up after the start, if any. */
  readonly followUpAt: Date | null;
  /** False when the record is gone or has another owner now. */
  readonly sameOwner: boolean;
}

/** What to do with a timer whose step fell due. */
export type SlaDecision =
  | { readonly kind: 'met'; readonly at: Date }
  | { readonly kind: 'cancel'; readonly reason: 'owner-changed' | 'step-unknown' }
  | {
      readonly kind: 'fire';
      readonly notify: SlaNotifyTarget;
      readonly event: SlaStep['event'];
      /** When the next step is due, or null when this was the last. */
      readonly nextDueAt: Date | null;
    };

/**
 * Decides a due SLA step: a follow-up meets the SLA; a new owner cancels this timer (the new
 * assignment starts its own); otherwise the step fires and the next one is scheduled after it.
 */
export function planSlaCheck(
  sla: SlaDefinition,
  timer: SlaTimerState,
  calendar: BusinessCalendar | undefined,
): SlaDecision {
  if (timer.followUpAt !== null) return { kind: 'met', at: timer.followUpAt };
  if (!timer.sameOwner) return { kind: 'cancel', reason: 'owner-changed' };
  const steps = slaSteps(sla);
  const step = steps[timer.step];
  if (!step) return { kind: 'cancel', reason: 'step-unknown' };
  const next = steps[timer.step + 1];
  return {
    kind: 'fire',
    notify: step.notify,
    event: step.event,
    nextDueAt: next ? slaDueAt(timer.dueAt, next.after, calendar) : null,
  };
}
