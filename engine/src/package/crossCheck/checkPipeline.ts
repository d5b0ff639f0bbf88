import { didYouMean } from '../didYouMean.js';
import type { PipelineDefinition } from '../schemas/index.js';
import { checkFieldRef, checkRoleRef, checkRule, checkUnique, findField, objectFor, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

type Stage = PipelineDefinition['stages'][number];

/** Transitions, approvals and reasons name stages, roles and reasons that exist. */
function checkMoves(ctx: CheckContext, file: string, pipeline: PipelineDefinition): void {
  const ids = pipeline.stages.map((s) => s.id);
  pipeline.stages.forEach((stage: Stage, i) => {
    const at = `/stages/${i}`;
    if (stage.sla?.escalateTo !== undefined) checkRoleRef(ctx, file, `${at}/sla/escalateTo`, stage.sla.escalateTo);
    if (stage.approval?.role !== undefined) checkRoleRef(ctx, file, `${at}/approval/role`, stage.approval.role);
    if (stage.approval && stage.approval.role === undefined && stage.approval.ownerManager !== true)
      report(ctx, file, `${at}/approval`, 'an approval needs a "role" or "ownerManager": true to say who decides');
    (stage.to ?? []).forEach((target, j) => {
      if (target === stage.id) report(ctx, file, `${at}/to/${j}`, `stage "${stage.id}" cannot move to itself`);
      else if (!ids.includes(target))
        report(
          ctx,
          file,
          `${at}/to/${j}`,
          `unknown stage "${target}" in pipeline "${pipeline.id}"${didYouMean(target, ids)}`,
        );
    });
    for (const key of ['entryCriteria', 'exitCriteria'] as const)
      checkUnique(
        ctx,
        file,
        (stage[key] ?? []).map((c, j) => ({ pointer: `${at}/${key}/${j}/id`, id: c.id })),
        'criterion',
      );
  });
  for (const key of ['lostReasons', 'wonReasons'] as const) {
    checkUnique(
      ctx,
      file,
      (pipeline[key] ?? []).map((r, j) => ({ pointer: `/${key}/${j}/id`, id: r.id })),
      'reason',
    );
    const outcome = key === 'lostReasons' ? 'lost' : 'won';
    if (pipeline[key] && !pipeline.stages.some((s) => s.outcome === outcome))
      report(ctx, file, `/${key}`, `no stage of pipeline "${pipeline.id}" has outcome "${outcome}"`);
  }
}

/** Another pipeline of the same object already drives this stage field. */
function checkSharedField(ctx: CheckContext, file: string, pipeline: PipelineDefinition): void {
  const field = pipeline.field ?? 'stage';
  for (const other of ctx.checked.pipeline.values()) {
    if (other.file >= file || other.value.object !== pipeline.object) continue;
    if ((other.value.field ?? 'stage') === field)
      report(
        ctx,
        file,
        pipeline.field === undefined ? '/object' : '/field',
        `field "${field}" of object "${pipeline.object}" already holds the stages of ${other.file}; name another select field with "field"`,
      );
  }
}

/** Stages are unique options of the object's stage field; criteria, guards, moves and roles refer to what exists. */
export function checkPipeline(ctx: CheckContext, { file, value: pipeline }: Checked<PipelineDefinition>): void {
  checkUnique(
    ctx,
    file,
    pipeline.stages.map((s, i) => ({ pointer: `/stages/${i}/id`, id: s.id })),
    'stage',
  );
  checkMoves(ctx, file, pipeline);
  checkSharedField(ctx, file, pipeline);
  const object = objectFor(ctx, file, '/object', pipeline.object);
  if (!object) return;
  const fieldName = pipeline.field ?? 'stage';
  const field =
    pipeline.field === undefined
      ? findField(object, fieldName)
      : checkFieldRef(ctx, file, '/field', object, pipeline.field);
  if (!field && pipeline.field === undefined) {
    report(
      ctx,
      file,
      '/object',
      `object "${object.id}" has no "stage" field; add one or name the stage field with "field"`,
    );
  }
  if (field && field.type !== 'select') {
    report(
      ctx,
      file,
      pipeline.field === undefined ? '/object' : '/field',
      `field "${field.name}" must be a select field to hold stages (it is ${field.type})`,
    );
  }
  const options = field?.type === 'select' ? (field.options ?? []).map((o) => o.value) : undefined;
  pipeline.stages.forEach((stage, i) => {
    const at = `/stages/${i}`;
    if (options && !options.includes(stage.id)) {
      report(
        ctx,
        file,
        `${at}/id`,
        `stage "${stage.id}" is not an option of field "${fieldName}" on object "${object.id}"${didYouMean(stage.id, options)}`,
      );
    }
    (stage.requiredFields ?? []).forEach((name, j) => {
      checkFieldRef(ctx, file, `${at}/requiredFields/${j}`, object, name);
    });
    if (stage.entry !== undefined) checkRule(ctx, file, `${at}/entry`, stage.entry, object);
    if (stage.exitGuard !== undefined) checkRule(ctx, file, `${at}/exitGuard`, stage.exitGuard, object);
    for (const key of ['entryCriteria', 'exitCriteria'] as const)
      (stage[key] ?? []).forEach((c, j) => {
        checkRule(ctx, file, `${at}/${key}/${j}/when`, c.when, object);
      });
  });
}
