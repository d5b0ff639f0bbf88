import type { Label } from '../compile/types.js';
import type { PipelineDefinition } from '../package/schemas/index.js';
import { compileRule } from '../rules/compileRule.js';
import type { OperatorRegistry, RuleProblem } from '../rules/types.js';
import { labelText } from './labelText.js';
import type { CompiledCriterion, CompiledPipeline, CompiledStage, CompilePipelineResult } from './types.js';

type StageDefinition = PipelineDefinition['stages'][number];

function criterion(
  problems: RuleProblem[],
  registry: OperatorRegistry,
  at: string,
  id: string,
  label: Label,
  when: unknown,
): CompiledCriterion | undefined {
  const compiled = compileRule(when, registry);
  if (compiled.ok) return { id, label, rule: compiled };
  for (const p of compiled.problems) problems.push({ pointer: `${at}${p.pointer}`, message: p.message });
  return undefined;
}

function criteria(
  problems: RuleProblem[],
  registry: OperatorRegistry,
  stage: StageDefinition,
  at: string,
  side: 'entry' | 'exit',
): CompiledCriterion[] {
  const name = labelText(stage.label, stage.id);
  const single = side === 'entry' ? stage.entry : stage.exitGuard;
  const list = (side === 'entry' ? stage.entryCriteria : stage.exitCriteria) ?? [];
  const out: (CompiledCriterion | undefined)[] = [];
  if (single !== undefined) {
    const label = { en: side === 'entry' ? `entry criteria of "${name}"` : `exit guard of "${name}"` };
    out.push(
      criterion(
        problems,
        registry,
        `${at}/${side === 'entry' ? 'entry' : 'exitGuard'}`,
        side === 'entry' ? 'entry' : 'exitGuard',
        label,
        single,
      ),
    );
  }
  list.forEach((c, j) => {
    out.push(criterion(problems, registry, `${at}/${side}Criteria/${j}/when`, c.id, c.label ?? { en: c.id }, c.when));
  });
  return out.filter((c): c is CompiledCriterion => c !== undefined);
}

/**
 * Compiles a pipeline definition (already schema-checked and cross-checked) once: each criterion's
 * JSON Logic becomes a function. Problems (an unknown operator, a rule over the limits) come back
 * with pointers into the definition.
 */
export function compilePipeline(definition: PipelineDefinition, registry: OperatorRegistry): CompilePipelineResult {
  const problems: RuleProblem[] = [];
  const stages: CompiledStage[] = definition.stages.map((stage, index) => {
    const at = `/stages/${index}`;
    return {
      id: stage.id,
      label: stage.label ?? { en: stage.id },
      index,
      outcome: stage.outcome ?? null,
      probability: stage.probability ?? null,
      entry: criteria(problems, registry, stage, at, 'entry'),
      exit: criteria(problems, registry, stage, at, 'exit'),
      requiredFields: [...(stage.requiredFields ?? [])],
      to: stage.to ? [...stage.to] : null,
      sla: stage.sla ? { within: stage.sla.within, escalateTo: stage.sla.escalateTo ?? null } : null,
      approval: stage.approval
        ? { role: stage.approval.role ?? null, ownerManager: stage.approval.ownerManager === true }
        : null,
    };
  });
  if (problems.length > 0) return { ok: false, problems };
  const reasons = (list: PipelineDefinition['lostReasons']) =>
    (list ?? []).map((r) => ({ id: r.id, label: r.label ?? { en: r.id } }));
  const pipeline: CompiledPipeline = {
    id: definition.id,
    object: definition.object,
    label: definition.label ?? { en: definition.id },
    field: definition.field ?? 'stage',
    allowSkip: definition.allowSkip ?? false,
    allowBack: definition.allowBack ?? true,
    allowReopen: definition.allowReopen ?? false,
    lostReasons: reasons(definition.lostReasons),
    wonReasons: reasons(definition.wonReasons),
    stages,
  };
  return { ok: true, pipeline };
}
