import { type CompiledApp, LeadforgeError } from '@leadforge/engine';
import type { PipelineDefinition } from '../../../engine/src/package/schemas/index.js';
import { isPlainObject } from '../records/recordInput.js';

interface StageField {
  readonly id: string;
  readonly field: string;
  readonly stages: readonly { readonly id: string }[];
}

/** The stage fields of an object's pipelines, read from the definitions (no rule compiled on this path). */
function stageFieldsOf(app: CompiledApp, objectName: string): StageField[] {
  return Object.keys(app.files)
    .filter((f) => f.startsWith('pipelines/') && f.endsWith('.json'))
    .map((f) => app.files[f] as PipelineDefinition)
    .filter((p) => p.object === objectName)
    .map((p) => ({ id: p.id, field: p.field ?? 'stage', stages: p.stages }));
}

/**
 * The plain records API may not move a record between stages (issue 6: guards cannot be
 * bypassed): a patch naming a pipeline's stage field, or a create putting a record anywhere but
 * the first stage, is refused with a pointer to the transition endpoint.
 */
export function refuseStageFieldWrite(
  app: CompiledApp,
  objectName: string,
  data: unknown,
  mode: 'create' | 'update',
): void {
  if (!isPlainObject(data) || !Object.hasOwn(app.objects, objectName)) return;
  for (const pipeline of stageFieldsOf(app, objectName)) {
    if (!Object.hasOwn(data, pipeline.field)) continue;
    if (mode === 'create' && data[pipeline.field] === pipeline.stages[0]?.id) continue;
    const where = `POST /api/v1/records/${objectName}/:id/transition { "stage": … }`;
    throw new LeadforgeError('INVALID', `${pipeline.field} moves through the pipeline "${pipeline.id}": use ${where}`, [
      {
        path: `/data/${pipeline.field}`,
        message:
          mode === 'create'
            ? `a new record starts in "${pipeline.stages[0]?.id}"; move it with ${where}`
            : `changes only through ${where}, which checks the stage guards`,
      },
    ]);
  }
}
