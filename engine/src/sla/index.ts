export { planSlaCheck, type SlaDecision, type SlaTimerState } from './planSlaCheck.js';
export {
  DEFAULT_FOLLOW_UP_EVENTS,
  type SlaNotifyTarget,
  type SlaStep,
  slaDueAt,
  slaFollowUpEvents,
  slaSteps,
} from './slaSchedule.js';
