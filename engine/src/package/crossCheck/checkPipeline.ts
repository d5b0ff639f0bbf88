import { didYouMean } from '../didYouMean.js';
import type { PipelineDefinition } from '../schemas/index.js';
import { checkFieldRef, checkRoleRef, checkRule, checkUnique, findField, objectFor, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

/** Stages are unique options of the object's stage field; criteria, guards and roles refer to what exists. */
export function checkPipeline(ctx: CheckContext, { file, value: pipeline }: Checked<PipelineDefinition>): void {
  checkUnique(
    ctx,
    file,
    pipeline.stages.map((s, i) => ({ pointer: `/stages/${i}/id`, id: s.id })),
    'stage',
  );
  pipeline.stages.forEach((stage, i) => {
    if (stage.sla?.escalateTo !== undefined)
      checkRoleRef(ctx, file, `/stages/${i}/sla/escalateTo`, stage.sla.escalateTo);
    if (stage.approval) checkRoleRef(ctx, file, `/stages/${i}/approval/role`, stage.approval.role);
  });
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
  });
}
