import type { CompiledObject } from '../compile/types.js';
import type { Problem } from '../errors/types.js';
import { truthy } from '../rules/truthy.js';
import { labelText } from './labelText.js';
import type { CompiledCriterion, CompiledPipeline, CompiledStage, StageRecord } from './types.js';

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function failedCriteria(
  list: readonly CompiledCriterion[],
  record: StageRecord,
  now: Date,
  stage: CompiledStage,
  side: 'entry' | 'exit',
): Problem[] {
  const problems: Problem[] = [];
  for (const c of list) {
    const outcome = c.rule.evaluate(record.ruleData, { now });
    if (outcome.ok && truthy(outcome.value)) continue;
    const why = outcome.ok ? '' : ` (could not be evaluated: ${outcome.error.message})`;
    problems.push({
      path: `/stages/${stage.id}/${side}Criteria/${c.id}`,
      message: `${labelText(c.label, c.id)}${why}`,
    });
  }
  return problems;
}

/**
 * What stops a record moving from `from` to `to`, one problem per missing required field (path
 * `/data/<field>`) and per failed criterion (path `/stages/<stage>/entryCriteria/<id>`, message its
 * label). A forward move must pass the exit criteria of the stage it leaves and carry the required
 * fields of every open stage it passes; every move must meet the target's entry criteria and
 * required fields. Moving to lost or back never needs the exit criteria.
 */
export function stageGuardFailures(
  pipeline: CompiledPipeline,
  object: CompiledObject,
  record: StageRecord,
  from: CompiledStage | undefined,
  to: CompiledStage,
  now: Date,
): Problem[] {
  const forward = from !== undefined && from.outcome === null && to.outcome !== 'lost' && to.index > from.index;
  const passed = forward
    ? pipeline.stages.filter((s) => s.outcome === null && s.index > from.index && s.index < to.index)
    : [];
  const problems: Problem[] = [];
  if (forward) problems.push(...failedCriteria(from.exit, record, now, from, 'exit'));
  const seen = new Set<string>();
  for (const stage of [...passed, to]) {
    for (const field of stage.requiredFields) {
      if (seen.has(field) || !isEmpty(record.data[field])) continue;
      seen.add(field);
      const label = labelText(object.fields[field]?.label, field);
      problems.push({
        path: `/data/${field}`,
        message: `${label} is required to enter "${labelText(stage.label, stage.id)}"`,
      });
    }
  }
  problems.push(...failedCriteria(to.entry, record, now, to, 'entry'));
  return problems;
}
