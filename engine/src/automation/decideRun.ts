import type { EvaluationContext } from '../rules/types.js';
import type { AutomationCause, AutomationRecord, ConditionResult, RunDecision, TriggerMatch } from './types.js';

/** Runs one change may cascade through: a run at this depth may still start; the next one is stopped. */
export const MAX_AUTOMATION_DEPTH = 5;
/** Runs of one automation on one record within RATE_WINDOW_MS before further ones are stopped. */
export const MAX_RUNS_PER_RECORD = 20;
export const RATE_WINDOW_MS = 60 * 60_000;

const conditionDataMemo = new WeakMap<AutomationRecord, Map<unknown, Record<string, unknown>>>();

/**
 * What conditions read: the record's fields, its system names, and `event` (the triggering event's
 * data). Built once per record object and event (records are immutable values: a change makes a
 * new one), so the dozens of automations one record meets in a dispatch batch share one copy.
 */
export function conditionData(
  record: AutomationRecord,
  event: Readonly<Record<string, unknown>> | null,
): Record<string, unknown> {
  let byEvent = conditionDataMemo.get(record);
  if (!byEvent) {
    byEvent = new Map();
    conditionDataMemo.set(record, byEvent);
  }
  const known = byEvent.get(event);
  if (known) return known;
  const data = {
    ...record.data,
    id: record.id,
    owner: record.ownerId,
    team: record.teamId,
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
    event,
  };
  byEvent.set(event, data);
  return data;
}

/** Evaluates a run's conditions (JSON Logic, compiled once); a rule error stops the run and says why. */
export function evaluateCondition(
  match: Pick<TriggerMatch, 'automation' | 'event'>,
  record: AutomationRecord,
  context: EvaluationContext,
): ConditionResult {
  const rule = match.automation.condition;
  if (!rule) return { evaluated: true, passed: true };
  const outcome = rule.evaluate(conditionData(record, match.event), context);
  if (!outcome.ok) return { evaluated: true, passed: false, error: outcome.error.message };
  const v = outcome.value;
  const passed = !(v === false || v === null || v === 0 || v === '' || (Array.isArray(v) && v.length === 0));
  return { evaluated: true, passed, value: v };
}

/** The depth of a run started by a change with this cause: 1 for a person's or the system's change. */
export function runDepth(cause: AutomationCause | null): number {
  return (cause?.depth ?? 0) + 1;
}

/**
 * Whether a matched trigger starts a run (pure). Loop protection first: a change made by a chain
 * of MAX_AUTOMATION_DEPTH runs starts nothing more, and an automation that already ran
 * MAX_RUNS_PER_RECORD times on the record within the window stops; both are logged as stopped
 * runs. Then the conditions, unless the trigger is time-based (`evaluateNow` false): those are
 * evaluated when the run comes due.
 */
export function decideRun(
  match: TriggerMatch,
  record: AutomationRecord,
  cause: AutomationCause | null,
  recentRuns: number,
  context: EvaluationContext & { readonly evaluateNow: boolean },
): RunDecision {
  const depth = runDepth(cause);
  const none: ConditionResult = { evaluated: false };
  if (depth > MAX_AUTOMATION_DEPTH)
    return {
      start: false,
      stop: 'depth',
      depth,
      condition: none,
      reason: `loop protection: the change came through ${depth - 1} automation runs (${(cause?.chain ?? []).join(' → ')}); at most ${MAX_AUTOMATION_DEPTH} may cascade`,
    };
  if (recentRuns >= MAX_RUNS_PER_RECORD)
    return {
      start: false,
      stop: 'rate',
      depth,
      condition: none,
      reason: `loop protection: "${match.automation.id}" already ran ${recentRuns} times on this record within an hour`,
    };
  if (!context.evaluateNow) return { start: true, depth, condition: none };
  const condition = evaluateCondition(match, record, context);
  if (condition.evaluated && condition.error !== undefined)
    return {
      start: false,
      stop: 'error',
      depth,
      condition,
      reason: `the conditions could not be evaluated: ${condition.error}`,
    };
  if (condition.evaluated && !condition.passed)
    return { start: false, stop: 'condition', depth, condition, reason: 'the conditions did not hold' };
  return { start: true, depth, condition };
}
