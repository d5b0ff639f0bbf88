export { compileAutomations } from './compileAutomations.js';
export {
  conditionData,
  decideRun,
  evaluateCondition,
  MAX_AUTOMATION_DEPTH,
  MAX_RUNS_PER_RECORD,
  RATE_WINDOW_MS,
  runDepth,
} from './decideRun.js';
export { matchTriggers } from './matchTriggers.js';
export { nextScheduleSlot } from './nextScheduleSlot.js';
export { planStep, type StepInput, type StepPlan } from './planStep.js';
export type * from './types.js';
