import { truthy } from '../rules/truthy.js';
import type { EvaluationContext } from '../rules/types.js';
import type { DatedEvent } from './eventHistory.js';
import type { CompiledBehaviourRule, FiredRule, ScoringError } from './types.js';

const EMPTY = Object.freeze({});

/** A behaviour rule's lines: one per matching event until `once` or `cap` says stop (the last may be partial). */
export function behaviourPoints(
  rule: CompiledBehaviourRule,
  history: readonly DatedEvent[],
  context: EvaluationContext,
  errors: ScoringError[],
): FiredRule[] {
  const fired: FiredRule[] = [];
  let total = 0;
  let reported = false;
  for (const { event } of history) {
    if (event.type !== rule.event) continue;
    if (rule.when) {
      const outcome = rule.when.evaluate(event.properties ?? EMPTY, context);
      if (!outcome.ok) {
        // One report per rule: a broken condition would otherwise repeat for every event.
        if (!reported) errors.push({ ruleId: rule.id, message: outcome.error.message, eventId: event.id });
        reported = true;
        continue;
      }
      if (!truthy(outcome.value)) continue;
    }
    let points = rule.points;
    if (rule.cap !== undefined) {
      const room = rule.cap - Math.abs(total);
      if (room <= 0) break;
      if (Math.abs(points) > room) points = Math.sign(points) * room;
    }
    fired.push({ ruleId: rule.id, kind: 'behaviour', points, eventId: event.id });
    total += points;
    if (rule.once) break;
  }
  return fired;
}
