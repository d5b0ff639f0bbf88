import { LeadforgeError } from '../errors/types.js';
import { RULE_FAILED, RULE_TRUE } from '../rules/codegen/compileRuleSet.js';
import { truthy } from '../rules/truthy.js';
import { behaviourPoints } from './behaviourPoints.js';
import { decayPoints } from './decayPoints.js';
import { eventHistory } from './eventHistory.js';
import type { CompiledScoringModel, FiredRule, LeadEvent, LeadScore, ScoringError } from './types.js';

function gradeOf(model: CompiledScoringModel, score: number): string | null {
  for (const band of model.grades) if (score >= band.min) return band.grade;
  return null;
}

/**
 * Scores a lead from scratch: the record's fit, the event history up to `now`, decay, floor and
 * ceiling. The same record, events, model and `now` always give the same score: nothing is added to a
 * previous score. `fired` explains it line by line (the points add up to `score`); a rule that cannot
 * be evaluated on this lead scores 0 and is listed in `errors`.
 */
export function scoreLead(
  model: CompiledScoringModel,
  record: unknown,
  events: readonly LeadEvent[],
  now: Date,
): LeadScore {
  const at = now instanceof Date ? now.getTime() : Number.NaN;
  if (Number.isNaN(at)) throw new LeadforgeError('INVALID', 'scoreLead needs `now` as a valid Date');
  const context = { now };
  const fired: FiredRule[] = [];
  const errors: ScoringError[] = [];
  const { profile, profileConditions } = model;
  if (profileConditions) {
    const outcomes = new Uint8Array(profile.length);
    const failures = profileConditions(record, context, outcomes, 0);
    for (let i = 0; i < profile.length; i++) {
      const outcome = outcomes[i]!;
      if (outcome === RULE_TRUE) fired.push({ ruleId: profile[i]!.id, kind: 'profile', points: profile[i]!.points });
      else if (outcome === RULE_FAILED) errors.push({ ruleId: profile[i]!.id, message: failures![i]!.message });
    }
  } else {
    for (const rule of profile) {
      const outcome = rule.when.evaluate(record, context);
      if (!outcome.ok) errors.push({ ruleId: rule.id, message: outcome.error.message });
      else if (truthy(outcome.value)) fired.push({ ruleId: rule.id, kind: 'profile', points: rule.points });
    }
  }
  const history = eventHistory(events, at, errors);
  const behaviour = model.behaviour.flatMap((rule) => behaviourPoints(rule, history, context, errors));
  fired.push(...behaviour);
  const decay = decayPoints(model.decay, behaviour, history, at);
  if (decay !== 0) fired.push({ ruleId: 'decay', kind: 'decay', points: decay });
  let score = 0;
  for (const line of fired) score += line.points;
  if (model.floor !== undefined && score < model.floor) {
    fired.push({ ruleId: 'floor', kind: 'floor', points: model.floor - score });
    score = model.floor;
  } else if (model.ceiling !== undefined && score > model.ceiling) {
    fired.push({ ruleId: 'ceiling', kind: 'ceiling', points: model.ceiling - score });
    score = model.ceiling;
  }
  return {
    model: model.id,
    score,
    grade: gradeOf(model, score),
    mql: model.mqlThreshold !== null && score >= model.mqlThreshold,
    fired,
    errors,
  };
}
