import { labelText } from './labelText.js';
import type { CompiledPipeline, CompiledStage } from './types.js';

function openStages(pipeline: CompiledPipeline): readonly CompiledStage[] {
  return pipeline.stages.filter((s) => s.outcome === null);
}

/**
 * Why the pipeline's skip and back rules forbid moving from `from` to `to`, or undefined when
 * they allow it. A stage's own `to` list wins over the pipeline rules. Without one: the next open
 * stage is always allowed; jumping past open stages needs `allowSkip`; an earlier open stage needs
 * `allowBack` (default true); lost is reachable from every open stage, won from the last open
 * stage (earlier ones skip); leaving won or lost needs `allowReopen`. A record with no stage (or
 * one the pipeline no longer knows) may enter any stage.
 */
export function moveRefusal(
  pipeline: CompiledPipeline,
  from: CompiledStage | undefined,
  to: CompiledStage,
): string | undefined {
  if (!from) return undefined;
  const name = (s: CompiledStage) => `"${labelText(s.label, s.id)}"`;
  if (from.to !== null)
    return from.to.includes(to.id)
      ? undefined
      : `${name(from)} moves only to ${from.to.map((id) => `"${id}"`).join(', ') || 'no other stage'}`;
  if (from.outcome !== null) {
    if (to.outcome !== null) return `a ${from.outcome} record cannot become ${to.outcome}; reopen it first`;
    return pipeline.allowReopen
      ? undefined
      : `${name(from)} is closed: this pipeline does not reopen ${from.outcome} records`;
  }
  if (to.outcome === 'lost') return undefined;
  const open = openStages(pipeline);
  const fromAt = open.indexOf(from);
  const toAt = to.outcome === 'won' ? open.length : open.indexOf(to);
  if (toAt === fromAt + 1) return undefined;
  if (toAt > fromAt + 1)
    return pipeline.allowSkip
      ? undefined
      : `this pipeline moves one stage at a time: from ${name(from)} the next stage is ${
          open[fromAt + 1] ? name(open[fromAt + 1]!) : 'won or lost'
        }`;
  return pipeline.allowBack ? undefined : 'this pipeline does not move records back to an earlier stage';
}

/** The stages a record in `from` may be moved to under the pipeline's rules (guards not evaluated). */
export function allowedTargets(pipeline: CompiledPipeline, from: string | null): readonly string[] {
  const stage = pipeline.stages.find((s) => s.id === from);
  return pipeline.stages.filter((s) => s !== stage && moveRefusal(pipeline, stage, s) === undefined).map((s) => s.id);
}
